package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.model.Address;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.Email;
import io.addrservice.model.JsonMapping;
import io.addrservice.model.Kind;
import io.addrservice.model.NumberOrString;
import io.addrservice.model.Phone;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the file engine, and what only the file engine promises. */
class FileStoreTest extends AddressStoreContractTest {
  private static final ObjectMapper MAPPER = JsonMapping.newMapper();

  /** An entry with every kind of value whose exact form must survive a round trip. */
  private static final AddressEntry FULL =
      new AddressEntry(
          "Zoë 山田 🌍",
          List.of(
              new Address(
                  Kind.HOME,
                  "Rose Villa",
                  new BigDecimal("12.50"),
                  NumberOrString.of(new BigDecimal("7")),
                  "MG Road",
                  null,
                  "Bengaluru",
                  "KA",
                  NumberOrString.of("560001"),
                  "IN")),
          List.of(new Phone(Kind.WORK, new BigDecimal("91"), null, new BigDecimal("9876543210"))),
          List.of(),
          List.of(new Email(Kind.HOME, "zoe@example.org")));

  @TempDir Path temp;

  private Path dir;

  @Override
  protected AddressStore openEmptyStore() {
    dir = temp.resolve("db");
    return FileStore.open(dir, MAPPER);
  }

  @Override
  protected void closeStore(AddressStore store) {
    ((FileStore) store).close();
  }

  @Override
  protected AddressStore reread() {
    return reopen();
  }

  private FileStore reopen() {
    ((FileStore) store).close();
    store = FileStore.open(dir, MAPPER);
    return (FileStore) store;
  }

  private Set<String> filesInDir() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .collect(TreeSet::new, Set::add, Set::addAll);
    }
  }

  @Test
  void eachEntryIsOneFileNamedByItsIdHoldingIdVersionAndEntry() throws IOException {
    store.insert(ID_1, FULL);
    store.insert(ID_2, entry("Bob"));
    store.insert(ID_3, entry("Carol"));
    store.replace(ID_1, FULL, VersionMatch.any());
    store.remove(ID_2, VersionMatch.any());

    assertEquals(Set.of(".lock", ID_1 + ".json", ID_3 + ".json"), filesInDir());
    JsonNode document = MAPPER.readTree(dir.resolve(ID_1 + ".json").toFile());
    assertEquals(Set.of("id", "version", "entry"), fieldNames(document));
    assertEquals(ID_1, document.get("id").textValue());
    assertEquals(2, document.get("version").longValue());
    assertEquals(FULL, MAPPER.treeToValue(document.get("entry"), AddressEntry.class));
    // Exact digits and JSON types are kept on disk, not only after reading back.
    JsonNode address = document.get("entry").get("addresses").get(0);
    assertEquals("12.50", address.get("unit_number").decimalValue().toPlainString());
    assertTrue(address.get("pincode").isTextual());
    assertTrue(address.get("street_number").isNumber());
  }

  @Test
  void theLocationIsTheAbsoluteDirectoryAndItIsCreated() {
    assertEquals(dir.toAbsolutePath().normalize().toString(), store.location());
    assertEquals("file", store.engine());
    assertTrue(Files.isDirectory(dir));
  }

  @Test
  void reopeningRestoresEveryEntryAndVersion() {
    store.insert(ID_1, FULL);
    store.insert(ID_2, entry("Bob", "bob@example.org"));
    store.replace(ID_2, entry("Bob 2", "bob@example.org"), VersionMatch.any());
    store.replace(ID_2, entry("Bob 3", "bob@example.org"), VersionMatch.any());
    store.insert(ID_3, entry("Carol"));
    store.remove(ID_3, VersionMatch.any());
    List<VersionedEntry> before = store.list(null, 100, null);

    FileStore reopened = reopen();

    assertEquals(before, reopened.list(null, 100, null));
    assertEquals(new VersionedEntry(ID_1, 1, FULL), reopened.find(ID_1).orElseThrow());
    assertEquals(3, reopened.find(ID_2).orElseThrow().version());
    assertTrue(reopened.find(ID_3).isEmpty());
    WriteResult next = reopened.replace(ID_2, entry("Bob 4"), VersionMatch.oneOf(Set.of(3L)));
    assertEquals(4, next.entry().version());
  }

  @Test
  void aSecondOpenOfTheSameDirectoryIsRefusedWithItsName() {
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> FileStore.open(dir, MAPPER));
    assertTrue(
        refused.getMessage().contains(dir.toAbsolutePath().normalize().toString()),
        refused.getMessage());
    // The path spelled differently is still the same directory.
    assertThrows(
        IllegalStateException.class, () -> FileStore.open(temp.resolve("x/../db"), MAPPER));
    // The refusal did not disturb the store that has it.
    store.insert(ID_1, entry("Ada"));
    assertEquals(1, reopen().count());
  }

  @Test
  void anotherProcessIsRefusedAndSoIsThisOneWhileAnotherHoldsTheLock() throws Exception {
    // A refused open in this JVM first: it must not release the lock this JVM holds.
    assertThrows(IllegalStateException.class, () -> FileStore.open(dir, MAPPER));
    Process child = LockProbe.start(dir);
    try {
      String answer = LockProbe.firstLine(child);
      assertTrue(answer.startsWith("REFUSED"), answer);
      assertTrue(answer.contains(dir.toAbsolutePath().normalize().toString()), answer);
      assertTrue(answer.contains("another process"), answer);
    } finally {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    ((FileStore) store).close();
    child = LockProbe.start(dir);
    try {
      assertEquals("OPENED", LockProbe.firstLine(child));
      IllegalStateException refused =
          assertThrows(IllegalStateException.class, () -> FileStore.open(dir, MAPPER));
      assertTrue(refused.getMessage().contains("another process (pid "), refused.getMessage());
      assertTrue(
          refused.getMessage().contains(dir.toAbsolutePath().normalize().toString()),
          refused.getMessage());
    } finally {
      child.getOutputStream().close();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    // Once the other process has gone, the directory opens again.
    store = FileStore.open(dir, MAPPER);
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void linksAndFilesThatAreNotRegularAreIgnoredAtLoad() throws Exception {
    store.insert(ID_1, entry("Ada"));
    ((FileStore) store).close();
    // A valid entry outside the directory, linked in under an entry file's name: never followed.
    Path outside = temp.resolve(ID_2 + ".json");
    Files.writeString(
        outside, "{\"id\":\"" + ID_2 + "\",\"version\":1,\"entry\":{\"full_name\":\"X\"}}");
    Files.createSymbolicLink(dir.resolve(ID_2 + ".json"), outside);
    Files.createDirectory(dir.resolve(ID_3 + ".json"));
    // A named pipe would block a plain read for ever: it must not even be opened.
    Path pipe = dir.resolve(ID_4 + ".json");
    Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
    assertEquals(0, mkfifo.waitFor());
    FileStore reopened = reopen();
    assertEquals(List.of(ID_1), ids(reopened.list(null, 10, null)));
    assertTrue(Files.isSymbolicLink(dir.resolve(ID_2 + ".json")));
    assertTrue(Files.isDirectory(dir.resolve(ID_3 + ".json")));
    assertTrue(Files.exists(pipe));
  }

  @Test
  void aCorruptOrTruncatedFileIsSkippedAndLeftAsItIs() throws IOException {
    store.insert(ID_1, entry("Ada"));
    store.insert(ID_2, FULL);
    store.insert(ID_3, entry("Carol"));
    ((FileStore) store).close();
    Path truncated = dir.resolve(ID_2 + ".json");
    byte[] whole = Files.readAllBytes(truncated);
    Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
    Path empty = dir.resolve(ID_4 + ".json");
    Files.write(empty, new byte[0]);
    String otherId = "00000000000070008000000000000005";
    Path wrongId = dir.resolve(otherId + ".json");
    Files.writeString(
        wrongId, "{\"id\":\"" + ID_1 + "\",\"version\":1,\"entry\":{\"full_name\":\"X\"}}");
    String trailingId = "00000000000070008000000000000006";
    Path trailing = dir.resolve(trailingId + ".json");
    Files.writeString(
        trailing,
        "{\"id\":\"" + trailingId + "\",\"version\":1,\"entry\":{\"full_name\":\"X\"}} x");
    List<byte[]> contents =
        List.of(
            Files.readAllBytes(truncated),
            Files.readAllBytes(empty),
            Files.readAllBytes(wrongId),
            Files.readAllBytes(trailing));

    store = FileStore.open(dir, MAPPER);

    assertEquals(List.of(ID_1, ID_3), ids(store.list(null, 100, null)));
    for (String id : List.of(ID_2, ID_4, otherId, trailingId)) {
      assertTrue(store.find(id).isEmpty());
      // The id stays taken: nothing ever writes over the file that someone must look at.
      assertThrows(IllegalStateException.class, () -> store.insert(id, entry("Over")));
      assertEquals(
          WriteResult.Status.NOT_FOUND, store.replace(id, FULL, VersionMatch.any()).status());
      assertEquals(WriteResult.Status.NOT_FOUND, store.remove(id, VersionMatch.any()).status());
    }
    assertArrayEquals(contents.get(0), Files.readAllBytes(truncated));
    assertArrayEquals(contents.get(1), Files.readAllBytes(empty));
    assertArrayEquals(contents.get(2), Files.readAllBytes(wrongId));
    assertArrayEquals(contents.get(3), Files.readAllBytes(trailing));
  }

  @Test
  void leftoverTempFilesAreDeletedAndOtherFilesLeftAlone() throws IOException {
    store.insert(ID_1, entry("Ada"));
    ((FileStore) store).close();
    Path leftover = dir.resolve(ID_1 + ".json.tmp");
    Files.writeString(leftover, "{\"id\":\"" + ID_1 + "\",\"vers");
    Path orphan = dir.resolve(ID_2 + ".json.tmp");
    Files.writeString(orphan, "");
    Path notes = dir.resolve("README.txt");
    Files.writeString(notes, "kept");

    store = FileStore.open(dir, MAPPER);

    assertFalse(Files.exists(leftover));
    assertFalse(Files.exists(orphan));
    assertEquals("kept", Files.readString(notes));
    assertEquals(new VersionedEntry(ID_1, 1, entry("Ada")), store.find(ID_1).orElseThrow());
    assertTrue(store.find(ID_2).isEmpty());
  }

  @Test
  void malformedIdsNeverReachAPath() throws IOException {
    Path outside = temp.resolve("outside.json");
    Files.writeString(outside, "{\"id\":\"x\",\"version\":1,\"entry\":{\"full_name\":\"X\"}}");
    List<String> malformed =
        List.of(
            "../outside",
            "../../etc/passwd",
            "/etc/passwd",
            "..",
            "",
            "0000000000007000800000000000000A",
            "00000000000070008000000000000001/",
            "0000000000007000800000000000000/1",
            "00000000000070008000000000000001.json",
            "00000000000070008000000000000001\u0000",
            "../db/00000000000070008000000000000001");
    for (String id : malformed) {
      assertThrows(IllegalArgumentException.class, () -> store.insert(id, entry("X")), id);
      assertTrue(store.find(id).isEmpty(), id);
      assertEquals(
          WriteResult.Status.NOT_FOUND, store.replace(id, entry("X"), VersionMatch.any()).status());
      assertEquals(WriteResult.Status.NOT_FOUND, store.remove(id, VersionMatch.any()).status());
    }
    assertThrows(IllegalArgumentException.class, () -> store.insert(null, entry("X")));
    assertEquals(Set.of(".lock"), filesInDir());
    try (Stream<Path> files = Files.list(temp)) {
      assertEquals(
          Set.of("db", "outside.json"),
          files.map(f -> f.getFileName().toString()).collect(TreeSet::new, Set::add, Set::addAll));
    }
    assertEquals(
        "{\"id\":\"x\",\"version\":1,\"entry\":{\"full_name\":\"X\"}}", Files.readString(outside));
  }

  @Test
  void readinessReportsAMissingDirectoryAndAClosedStore() throws IOException {
    assertTrue(store.unavailableReason().isEmpty());
    Path moved = temp.resolve("moved");
    Files.move(dir, moved);
    String reason = store.unavailableReason().orElseThrow();
    assertTrue(reason.contains(dir.toAbsolutePath().normalize().toString()), reason);
    assertTrue(reason.contains("does not exist"), reason);
    Files.move(moved, dir);
    assertTrue(store.unavailableReason().isEmpty());
    ((FileStore) store).close();
    assertTrue(store.unavailableReason().orElseThrow().contains("closed"));
    assertThrows(IllegalStateException.class, () -> store.insert(ID_1, entry("Ada")));
    store = FileStore.open(dir, MAPPER);
  }

  @Test
  void aFailedWriteLeavesMemoryAndDiskAsTheyWere() throws IOException {
    store.insert(ID_1, entry("Ada"));
    // A directory where the temp file should go makes the write fail before any rename.
    Files.createDirectory(dir.resolve(ID_1 + ".json.tmp"));
    Files.writeString(dir.resolve(ID_1 + ".json.tmp").resolve("x"), "x");
    assertThrows(RuntimeException.class, () -> store.replace(ID_1, entry("B"), VersionMatch.any()));
    assertEquals(new VersionedEntry(ID_1, 1, entry("Ada")), store.find(ID_1).orElseThrow());
    assertEquals(new VersionedEntry(ID_1, 1, entry("Ada")), reopen().find(ID_1).orElseThrow());
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Opens a file store in a child JVM, so that locking is tested across processes. */
  static final class LockProbe {
    private LockProbe() {}

    /**
     * Prints {@code OPENED} and holds the store until standard input closes, or prints {@code
     * REFUSED: <message>}.
     */
    public static void main(String[] args) throws IOException {
      FileStore opened;
      try {
        opened = FileStore.open(Path.of(args[0]), MAPPER);
      } catch (IllegalStateException e) {
        System.out.println("REFUSED: " + e.getMessage());
        return;
      }
      System.out.println("OPENED");
      System.out.flush();
      while (System.in.read() >= 0) {
        // Wait for the parent to close the pipe.
      }
      opened.close();
    }

    static Process start(Path dir) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      return new ProcessBuilder(
              java,
              "-cp",
              System.getProperty("java.class.path"),
              LockProbe.class.getName(),
              dir.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
    }

    static String firstLine(Process child) throws IOException, InterruptedException {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      // Skip anything else the child prints (log lines, should its logging go to stdout).
      while (line != null && !line.startsWith("OPENED") && !line.startsWith("REFUSED")) {
        line = out.readLine();
      }
      if (line == null) {
        child.waitFor(30, TimeUnit.SECONDS);
        return "(no output; exit " + child.exitValue() + ")";
      }
      return line;
    }
  }
}
