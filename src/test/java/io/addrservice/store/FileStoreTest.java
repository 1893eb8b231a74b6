package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import io.addrservice.model.Owners;
import io.addrservice.model.Phone;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the file engine, and what only the file engine promises. */
class FileStoreTest extends AddressStoreContractTest {
  private static final ObjectMapper MAPPER = JsonMapping.newMapper();

  /** An entry with every kind of value whose exact form must survive a round trip. */
  static final AddressEntry FULL =
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

  private static final String FIRST_SEGMENT = "log-0000000001.jsonl";

  @TempDir Path temp;

  private Path dir;
  private FileStore.Options options;
  private final FaultyChannels disk = new FaultyChannels();

  @Override
  protected AddressStore openEmptyStore(Retention retention) {
    dir = temp.resolve("db");
    options = FileStore.Options.defaults().withRetention(retention).withChannels(disk);
    return FileStore.open(dir, MAPPER, options);
  }

  @Override
  protected void closeStore(AddressStore store) {
    ((FileStore) store).close();
  }

  @Override
  protected AddressStore reread() {
    return reopen();
  }

  @Test
  void anotherDirectoryIsAnotherStoreAndAnUnreadableIdentityIsReplaced(@TempDir Path other)
      throws Exception {
    String identity = store.identity();
    FileStore elsewhere = FileStore.open(other, MAPPER, options);
    try {
      assertNotEquals(identity, elsewhere.identity());
    } finally {
      elsewhere.close();
    }
    Files.writeString(other.resolve(FileStore.IDENTITY_FILE), "damaged");
    FileStore replaced = FileStore.open(other, MAPPER, options);
    try {
      assertEquals(
          replaced.identity(), Files.readString(other.resolve(FileStore.IDENTITY_FILE)).strip());
    } finally {
      replaced.close();
    }
  }

  @Test
  void entriesBoundFromTheLogShareTheirRepeatedValues() {
    store.insert(OWNER, ID_1, FULL, null);
    store.insert(OWNER, ID_2, FULL, null);
    reopen();
    // Each read binds its entry's JSON anew; the book keeps one city, pincode and code for both.
    Address first = store.find(OWNER, ID_1).orElseThrow().entry().addresses().get(0);
    Address second = store.find(OWNER, ID_2).orElseThrow().entry().addresses().get(0);
    assertEquals(first, second);
    assertSame(first.city(), second.city());
    assertSame(first.pincode(), second.pincode());
    assertSame(first.streetNumber(), second.streetNumber());
  }

  @Test
  void replayedEntriesAreKeptAsTheirJsonUntilReadAndCompactionWritesThemAsTheyAre() {
    store.insert(OWNER, ID_1, FULL, null);
    store.insert(OWNER, ID_2, entry("Ada", "a@x.example"), null);
    // Written, an entry is kept as it is; replayed, as its JSON until it is read.
    for (Change change : store.changes(OWNER, 0, 10).changes()) {
      assertNull(change.unboundJson(), change.id());
    }
    reopen();
    List<Change> replayed = store.changes(OWNER, 0, 10).changes();
    assertEquals(List.of(ID_1, ID_2), replayed.stream().map(Change::id).toList());
    for (Change change : replayed) {
      assertNotNull(change.unboundJson(), change.id());
    }
    // A conditional write that its condition refuses checks the version alone: nothing is read.
    VersionMatch stale = VersionMatch.oneOf(Set.of(7L));
    assertEquals(WriteResult.versionMismatch(1), store.replace(OWNER, ID_1, FULL, stale));
    assertEquals(WriteResult.versionMismatch(1), store.remove(OWNER, ID_1, stale));
    assertNotNull(replayed.get(0).unboundJson());
    assertEquals(new VersionedEntry(ID_1, 1, FULL), store.find(OWNER, ID_1).orElseThrow());
    // A compaction writes the unread entry from its JSON, without binding it; both read back.
    file().compact();
    List<Change> kept = store.changes(OWNER, 0, 10).changes();
    assertNull(kept.get(0).unboundJson());
    assertNotNull(kept.get(1).unboundJson());
    reopen();
    assertEquals(new VersionedEntry(ID_1, 1, FULL), store.find(OWNER, ID_1).orElseThrow());
    assertEquals(
        new VersionedEntry(ID_2, 1, entry("Ada", "a@x.example")),
        store.find(OWNER, ID_2).orElseThrow());
  }

  @Test
  void aSnapshotThatDoesNotStartWithItsHeaderStopsTheStart(@TempDir Path other) throws Exception {
    Write put =
        new Write(1, OWNER, ID_1, 1, entry("Ada", "a@x.example"), Instant.EPOCH, null, null);
    Files.write(other.resolve("snapshot-0000000001.jsonl"), new LogRecords(MAPPER).write(put));
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> FileStore.open(other, MAPPER, options));
    assertTrue(
        refused.getMessage().contains("does not start with a snapshot header"),
        refused.getMessage());
  }

  private FileStore reopen() {
    ((FileStore) store).close();
    store = FileStore.open(dir, MAPPER, options);
    return (FileStore) store;
  }

  private FileStore file() {
    return (FileStore) store;
  }

  private Set<String> filesIn(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(f -> f.getFileName().toString())
          .collect(TreeSet::new, Set::add, Set::addAll);
    }
  }

  private long directorySize() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    }
  }

  @Test
  void unreadEntriesStayInTheirFilesAndCompactionsMoveThemBeforeRemovingTheFiles()
      throws Exception {
    AddressEntry ada = entry("Ada", "a@x.example");
    AddressEntry bea = entry("Bea", "b@x.example");
    store.insert(OWNER, ID_1, FULL, null);
    store.insert(OWNER, ID_2, ada, null);
    store.insert(OWNER, ID_3, bea, null);
    reopen();
    for (Change change : file().changes(OWNER, 0, 10).changes()) {
      assertInstanceOf(StoredJson.InFile.class, change.unboundJson(), change.id());
    }
    // A reader holding a change that a write replaces unread (an import does) still reads it
    // after its file is gone.
    Change replaced = file().changes(OWNER, 0, 10).changes().get(2);
    store.writeBatch(OWNER, Map.of(), Map.of(ID_3, ada));
    assertInstanceOf(StoredJson.InMemory.class, replaced.unboundJson());

    for (int round = 0; round < 2; round++) {
      file().compact();
      List<Change> kept = file().changes(OWNER, 0, 10).changes();
      StoredJson moved = kept.get(1).unboundJson();
      assertInstanceOf(StoredJson.InFile.class, moved);
      assertTrue(
          ((StoredJson.InFile) moved)
              .file()
              .path()
              .getFileName()
              .toString()
              .startsWith("snapshot-"),
          moved.toString());
      // Only the newest snapshot and log are open: the files replaced were closed, not leaked.
      assertEquals(Set.of(), deletedFilesOpen(), "round " + round);
    }
    assertEquals(new VersionedEntry(ID_2, 1, ada), store.find(OWNER, ID_2).orElseThrow());
    assertEquals(new VersionedEntry(ID_3, 1, bea), replaced.entry());
    assertEquals(new VersionedEntry(ID_1, 1, FULL), store.find(OWNER, ID_1).orElseThrow());
    reopen();
    assertEquals(new VersionedEntry(ID_3, 2, ada), store.find(OWNER, ID_3).orElseThrow());
  }

  @Test
  void anInterruptedReaderReadsAnUnreadEntryAndKeepsItsInterrupt() {
    AddressEntry ada = entry("Ada", "a@x.example");
    store.insert(OWNER, ID_1, FULL, null);
    store.insert(OWNER, ID_2, ada, null);
    reopen();
    Thread.currentThread().interrupt();
    try {
      assertEquals(new VersionedEntry(ID_1, 1, FULL), store.find(OWNER, ID_1).orElseThrow());
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
    assertEquals(new VersionedEntry(ID_2, 1, ada), store.find(OWNER, ID_2).orElseThrow());
  }

  /** The deleted files of the store's directory that this process still holds open (Linux). */
  private Set<String> deletedFilesOpen() throws IOException {
    Set<String> open = new TreeSet<>();
    Path descriptors = Path.of("/proc/self/fd");
    if (!Files.isDirectory(descriptors)) {
      return open;
    }
    try (Stream<Path> links = Files.list(descriptors)) {
      for (Path link : links.toList()) {
        try {
          String target = Files.readSymbolicLink(link).toString();
          if (target.startsWith(dir.toString()) && target.endsWith("(deleted)")) {
            open.add(target);
          }
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    }
    return open;
  }

  @Test
  void aMergeIsOneRecordThatACrashKeepsWholeOrCutsWhole() throws Exception {
    store.insert(OWNER, ID_1, entry("Ada", "a@x.example"), null);
    store.insert(OWNER, ID_2, entry("Ada", "b@x.example"), null);
    store.insert(OWNER, ID_3, entry("Ada", "c@x.example"), null);
    Path log = dir.resolve(FIRST_SEGMENT);
    long beforeMerge = Files.size(log);
    AddressEntry merged = entry("Ada", "a@x.example", "b@x.example", "c@x.example");
    // In this order: the sources' deletions take their sequence numbers in the order given.
    Map<String, VersionMatch> sources = new LinkedHashMap<>();
    sources.put(ID_2, VersionMatch.any());
    sources.put(ID_3, VersionMatch.any());
    store.merge(OWNER, ID_1, merged, VersionMatch.any(), sources);
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertEquals(4, lines.size(), "one record for the merge: " + lines);
    assertTrue(lines.get(3).contains("\"op\":\"group\""), lines.get(3));
    byte[] whole = Files.readAllBytes(log);
    ((FileStore) store).close();

    // Torn anywhere inside the merge's record (a kill -9 mid-write): none of the merge survives.
    for (long cut :
        new long[] {beforeMerge + 10, (beforeMerge + whole.length) / 2, whole.length - 1}) {
      Files.write(log, Arrays.copyOf(whole, (int) cut));
      store = FileStore.open(dir, MAPPER, options);
      assertEquals(List.of(ID_1, ID_2, ID_3), ids(store.list(OWNER, null, 10, null)), "cut " + cut);
      assertEquals(entry("Ada", "a@x.example"), store.find(OWNER, ID_1).orElseThrow().entry());
      assertEquals(1, store.find(OWNER, ID_1).orElseThrow().version());
      ((FileStore) store).close();
    }
    // The whole record: all of it.
    Files.write(log, whole);
    store = FileStore.open(dir, MAPPER, options);
    assertEquals(List.of(ID_1), ids(store.list(OWNER, null, 10, null)));
    assertEquals(new VersionedEntry(ID_1, 2, merged), store.find(OWNER, ID_1).orElseThrow());
    List<Change> feed = store.changes(OWNER, 0, 10).changes();
    assertEquals(List.of(ID_1, ID_2, ID_3), feed.stream().map(Change::id).toList());
    // And again after a compaction has folded the merge into a snapshot.
    file().compact();
    reopen();
    assertEquals(new VersionedEntry(ID_1, 2, merged), store.find(OWNER, ID_1).orElseThrow());
    assertEquals(1, store.count());
  }

  @Test
  void eachWriteIsOneGreppableLineOfChecksumAndJson() throws IOException {
    store.insert(OWNER, ID_1, FULL, new IdempotencyKey("key-1", "fp-1"));
    store.replace(OWNER, ID_1, entry("Ada"), VersionMatch.any());
    store.remove(OWNER, ID_1, VersionMatch.any());

    List<String> lines = Files.readAllLines(dir.resolve(FIRST_SEGMENT), StandardCharsets.UTF_8);
    assertEquals(3, lines.size());
    for (String line : lines) {
      assertTrue(line.matches("[0-9a-f]{8} \\{.*\\}"), line);
    }
    JsonNode put = MAPPER.readTree(lines.get(0).substring(9));
    assertEquals("put", put.get("op").asText());
    assertEquals(OWNER, put.get("owner").asText());
    assertEquals(ID_1, put.get("id").asText());
    assertEquals(1, put.get("version").asLong());
    assertEquals("key-1", put.get("key").asText());
    assertEquals("fp-1", put.get("fingerprint").asText());
    assertEquals(FULL, MAPPER.treeToValue(put.get("entry"), AddressEntry.class));
    // The exact form of every value is kept: a decimal's scale, a string pincode.
    JsonNode address = put.get("entry").get("addresses").get(0);
    assertEquals("12.50", address.get("unit_number").decimalValue().toPlainString());
    assertTrue(address.get("pincode").isTextual());
    assertTrue(lines.get(0).contains("Zoë 山田"), "readable for grep: " + lines.get(0));

    JsonNode delete = MAPPER.readTree(lines.get(2).substring(9));
    assertEquals("delete", delete.get("op").asText());
    assertEquals(2, delete.get("version").asLong());
    assertFalse(delete.has("entry"));
    assertTrue(put.get("seq").asLong() < delete.get("seq").asLong());
  }

  @Test
  void theLocationIsTheAbsoluteDirectoryAndItIsCreated() {
    assertEquals(dir.toAbsolutePath().normalize().toString(), store.location());
    assertEquals("file", store.engine());
    assertTrue(Files.isDirectory(dir));
  }

  @Test
  void aBatchIsOneLogRecordAndIsReadBack() throws IOException {
    store.insert(OWNER, ID_1, entry("Ada"), null);
    Map<String, AddressEntry> inserts = new LinkedHashMap<>();
    inserts.put(ID_2, entry("Bo"));
    inserts.put(ID_3, entry("Cy"));
    assertEquals(Set.of(), store.writeBatch(OWNER, inserts, Map.of(ID_1, entry("Ada Lovelace"))));
    assertEquals(2, Files.readAllLines(dir.resolve(FIRST_SEGMENT), StandardCharsets.UTF_8).size());
    List<VersionedEntry> book = store.list(OWNER, null, 10, null);

    assertEquals(book, reopen().list(OWNER, null, 10, null));
    assertEquals(2, store.find(OWNER, ID_1).orElseThrow().version());
  }

  @Test
  void reopeningRestoresEntriesVersionsKeysChangesAndNumbering() {
    store.insert(OWNER, ID_1, FULL, new IdempotencyKey("k", "fp"));
    store.insert(OTHER, ID_2, entry("Bob", "bob@example.org"), null);
    store.replace(OTHER, ID_2, entry("Bob 2", "bob@example.org"), VersionMatch.any());
    store.replace(OTHER, ID_2, entry("Bob 3", "bob@example.org"), VersionMatch.any());
    store.insert(OWNER, ID_3, entry("Carol"), null);
    store.remove(OWNER, ID_3, VersionMatch.any());
    ChangeBatch changes = store.changes(OWNER, 0, 100);
    List<VersionedEntry> others = store.list(OTHER, null, 100, null);

    FileStore reopened = reopen();

    assertEquals(others, reopened.list(OTHER, null, 100, null));
    assertEquals(new VersionedEntry(ID_1, 1, FULL), reopened.find(OWNER, ID_1).orElseThrow());
    assertTrue(reopened.find(OWNER, ID_2).isEmpty());
    assertEquals(3, reopened.find(OTHER, ID_2).orElseThrow().version());
    assertTrue(reopened.find(OWNER, ID_3).isEmpty());
    assertEquals(changes, reopened.changes(OWNER, 0, 100));
    assertEquals(
        Insertion.earlier(ID_1, "fp"),
        reopened.insert(OWNER, ID_4, FULL, new IdempotencyKey("k", "fp")));
    WriteResult next =
        reopened.replace(OTHER, ID_2, entry("Bob 4"), VersionMatch.oneOf(Set.of(3L)));
    assertEquals(4, next.entry().version());
    long last = changes.changes().get(changes.changes().size() - 1).sequence();
    assertTrue(reopened.changes(OTHER, 0, 10).changes().get(0).sequence() > last);
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
    store.insert(OWNER, ID_1, entry("Ada"), null);
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
  void readinessReportsAMissingDirectoryAndAClosedStore() throws IOException {
    assertTrue(store.unavailableReason().isEmpty());
    Path moved = temp.resolve("moved");
    Files.move(dir, moved);
    String reason = store.unavailableReason().orElseThrow();
    assertTrue(reason.contains(dir.toAbsolutePath().normalize().toString()), reason);
    assertTrue(reason.contains("does not exist"), reason);
    Files.move(moved, dir);
    assertTrue(store.unavailableReason().isEmpty());
    file().close();
    assertTrue(store.unavailableReason().orElseThrow().contains("closed"));
    assertThrows(IllegalStateException.class, () -> store.insert(OWNER, ID_1, entry("Ada"), null));
    store = FileStore.open(dir, MAPPER, options);
  }

  @Test
  void malformedIdsAreRefused() {
    for (String id : List.of("../x", "ABCDEF0000000000000000000000000a", "0".repeat(31), "")) {
      assertThrows(
          IllegalArgumentException.class, () -> store.insert(OWNER, id, entry("X"), null), id);
    }
    assertEquals(0, store.count());
  }

  // ---- recovery ----

  @Test
  void aLogCutAtEveryByteOfItsLastRecordOpensWithExactlyTheWritesBeforeIt() throws IOException {
    store.insert(OWNER, ID_1, entry("Ada"), null);
    store.insert(OWNER, ID_2, entry("Bob"), new IdempotencyKey("k", "fp"));
    store.replace(OWNER, ID_1, entry("Ada 2"), VersionMatch.any());
    List<VersionedEntry> before = store.list(OWNER, null, 10, null);
    store.insert(OWNER, ID_3, FULL, null);
    List<VersionedEntry> after = store.list(OWNER, null, 10, null);
    file().close();
    byte[] log = Files.readAllBytes(dir.resolve(FIRST_SEGMENT));
    int lastStart = lastRecordStart(log);

    for (int cut = lastStart; cut <= log.length; cut++) {
      Path copy = temp.resolve("cut-" + cut);
      Files.createDirectories(copy);
      Files.write(copy.resolve(FIRST_SEGMENT), Arrays.copyOf(log, cut));
      FileStore opened = FileStore.open(copy, MAPPER, options);
      try {
        assertEquals(
            cut == log.length ? after : before,
            opened.list(OWNER, null, 10, null),
            "cut at " + cut);
        // The cut tail is gone: writing goes on after the intact records.
        opened.insert(OWNER, ID_4, entry("Dan"), null);
      } finally {
        opened.close();
      }
      FileStore again = FileStore.open(copy, MAPPER, options);
      try {
        assertEquals(
            ID_4,
            again.list(OWNER, null, 10, null).get(cut == log.length ? 3 : 2).id(),
            "cut at " + cut);
      } finally {
        again.close();
      }
    }
    store = FileStore.open(dir, MAPPER, options);
  }

  private static int lastRecordStart(byte[] log) {
    int end = log.length - 1;
    int start = end - 1;
    while (start >= 0 && log[start] != '\n') {
      start--;
    }
    return start + 1;
  }

  @Test
  void damageBeforeTheTailStopsStartUpNamingTheFileAndOffsetUnlessRepairing() throws IOException {
    store.insert(OWNER, ID_1, entry("Ada"), null);
    store.insert(OWNER, ID_2, entry("Bob"), null);
    store.insert(OWNER, ID_3, entry("Carol"), null);
    file().close();
    Path log = dir.resolve(FIRST_SEGMENT);
    byte[] bytes = Files.readAllBytes(log);
    int second = indexOfNth(bytes, (byte) '\n', 0) + 1;
    bytes[second + 40] ^= 0x01;
    Files.write(log, bytes);

    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> FileStore.open(dir, MAPPER, options));
    assertTrue(refused.getMessage().contains(log.toString()), refused.getMessage());
    assertTrue(refused.getMessage().contains("byte offset " + second), refused.getMessage());
    assertTrue(
        refused.getMessage().contains("addrservice.store.file.repair=true"), refused.getMessage());
    assertTrue(Arrays.equals(bytes, Files.readAllBytes(log)), "a refused start changes nothing");

    store = FileStore.open(dir, MAPPER, options.withRepair(true));
    assertEquals(List.of(ID_1, ID_3), ids(store.list(OWNER, null, 10, null)));
    // The damaged file is kept aside; the store now opens without repair.
    assertTrue(
        filesIn(dir).contains(FIRST_SEGMENT + FileStore.DAMAGED_SUFFIX), filesIn(dir).toString());
    store.insert(OWNER, ID_4, entry("Dan"), null);
    assertEquals(List.of(ID_1, ID_3, ID_4), ids(reopen().list(OWNER, null, 10, null)));
  }

  @Test
  void anEntryThatPassesItsChecksumButHoldsNoEntryFailsItsFirstReadNamingIt() throws IOException {
    store.insert(OWNER, ID_1, entry("Ada"), null);
    store.insert(OWNER, ID_2, entry("Bob"), null);
    file().close();
    // A hand edit that also recomputes the checksum: the start-up takes the line's word for its
    // entry, and the first read of it reads the entry through.
    Path log = dir.resolve(FIRST_SEGMENT);
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    String json = lines.get(1).substring(9).replace("\"full_name\":\"Bob\"", "\"full_name\":");
    CRC32C crc = new CRC32C();
    crc.update(json.getBytes(StandardCharsets.UTF_8));
    lines.set(1, String.format("%08x %s", crc.getValue(), json));
    Files.write(log, lines, StandardCharsets.UTF_8);

    store = FileStore.open(dir, MAPPER, options);
    assertEquals(new VersionedEntry(ID_1, 1, entry("Ada")), store.find(OWNER, ID_1).orElseThrow());
    UncheckedIOException refused =
        assertThrows(UncheckedIOException.class, () -> store.find(OWNER, ID_2));
    assertTrue(refused.getMessage().contains("entry " + ID_2), refused.getMessage());
    assertTrue(refused.getMessage().contains(log.toString()), refused.getMessage());
  }

  private static int indexOfNth(byte[] bytes, byte wanted, int n) {
    int seen = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == wanted && seen++ == n) {
        return i;
      }
    }
    throw new AssertionError("fewer than " + (n + 1));
  }

  // ---- conversion of the earlier format ----

  @Test
  void aDirectoryOfTheEarlierFormatIsConvertedWithEveryEntryAndVersion() throws IOException {
    file().close();
    Path old = temp.resolve("old");
    Files.createDirectories(old);
    List<VersionedEntry> written = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = String.format("00000000000070008000%012x", i);
      VersionedEntry entry =
          new VersionedEntry(
              id, 1 + i % 5, i == 7 ? FULL : entry("Person " + i, "p" + i + "@example.org"));
      Files.writeString(old.resolve(id + ".json"), earlierFormat(entry));
      written.add(entry);
    }
    // An interrupted write of the earlier store: never acknowledged, removed.
    Files.writeString(old.resolve(ID_1 + ".json.tmp"), "{\"id\":");

    store = FileStore.open(old, MAPPER, options);
    assertEquals(written, store.list(Owners.SHARED_BOOK, null, 100, null));
    assertEquals(
        Set.of(
            ".lock", FileStore.IDENTITY_FILE, "log-0000000001.jsonl", "snapshot-0000000001.jsonl"),
        filesIn(old));
    assertEquals(40, store.changes(Owners.SHARED_BOOK, 0, 100).changes().size());
    store.replace(
        Owners.SHARED_BOOK, written.get(3).id(), entry("Changed"), VersionMatch.oneOf(Set.of(4L)));
    file().close();

    store = FileStore.open(old, MAPPER, options);
    assertEquals(5, store.find(Owners.SHARED_BOOK, written.get(3).id()).orElseThrow().version());
    assertEquals(written.get(7), store.find(Owners.SHARED_BOOK, written.get(7).id()).orElseThrow());
  }

  @Test
  void aConversionInterruptedAfterItsSnapshotFinishesAtTheNextStart() throws IOException {
    file().close();
    Path old = temp.resolve("old");
    Files.createDirectories(old);
    VersionedEntry ada = new VersionedEntry(ID_1, 3, entry("Ada"));
    Files.writeString(old.resolve(ID_1 + ".json"), earlierFormat(ada));
    store = FileStore.open(old, MAPPER, options);
    file().close();
    // As if the process died before it removed the converted files.
    Files.writeString(old.resolve(ID_1 + ".json"), earlierFormat(ada));

    store = FileStore.open(old, MAPPER, options);
    assertEquals(List.of(ada), store.list(Owners.SHARED_BOOK, null, 10, null));
    assertFalse(filesIn(old).contains(ID_1 + ".json"));
  }

  @Test
  void anUnreadableFileOfTheEarlierFormatStopsTheConversionUnlessRepairing() throws IOException {
    file().close();
    Path old = temp.resolve("old");
    Files.createDirectories(old);
    Files.writeString(
        old.resolve(ID_1 + ".json"), earlierFormat(new VersionedEntry(ID_1, 2, entry("Ada"))));
    Files.writeString(old.resolve(ID_2 + ".json"), "{\"id\":\"" + ID_2 + "\",\"vers");

    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> FileStore.open(old, MAPPER, options));
    assertTrue(
        refused.getMessage().contains(old.resolve(ID_2 + ".json").toAbsolutePath().toString()),
        refused.getMessage());
    assertEquals(Set.of(".lock", ID_1 + ".json", ID_2 + ".json"), filesIn(old));

    store = FileStore.open(old, MAPPER, options.withRepair(true));
    assertEquals(List.of(ID_1), ids(store.list(Owners.SHARED_BOOK, null, 10, null)));
    assertTrue(
        filesIn(old).contains(ID_2 + ".json" + FileStore.DAMAGED_SUFFIX), filesIn(old).toString());
  }

  /** An entry file exactly as the earlier file store wrote it. */
  private static String earlierFormat(VersionedEntry entry) throws IOException {
    return "{\"id\":\""
        + entry.id()
        + "\",\"version\":"
        + entry.version()
        + ",\"entry\":"
        + MAPPER.writeValueAsString(entry.entry())
        + "}\n";
  }

  // ---- compaction ----

  @Test
  void oneEntryRewrittenManyTimesKeepsTheDirectorySmall() throws Exception {
    file().close();
    options = options.withMinCompactionBytes(64 * 1024);
    store = FileStore.open(dir, MAPPER, options);
    store.insert(OWNER, ID_1, entry("Ada"), new IdempotencyKey("k", "fp"));
    store.insert(OWNER, ID_2, entry("Gone"), null);
    store.remove(OWNER, ID_2, VersionMatch.any());
    long largest = 0;
    int rewrites = 5000;
    for (int i = 0; i < rewrites; i++) {
      store.replace(OWNER, ID_1, entry("Ada " + i), VersionMatch.any());
      if (i % 250 == 0) {
        largest = Math.max(largest, directorySize());
      }
    }
    // Each rewrite is ~150 bytes: 750 KB of log written, never more than a few compaction
    // thresholds on disk.
    assertTrue(largest < 4 * 64 * 1024, "the directory reached " + largest + " bytes");
    assertTrue(
        filesIn(dir).stream().anyMatch(f -> f.startsWith("snapshot-")), filesIn(dir).toString());

    FileStore reopened = reopen();
    assertEquals(
        new VersionedEntry(ID_1, rewrites + 1, entry("Ada " + (rewrites - 1))),
        reopened.find(OWNER, ID_1).orElseThrow());
    List<Change> changes = reopened.changes(OWNER, 0, 10).changes();
    assertEquals(List.of(ID_2, ID_1), changes.stream().map(Change::id).toList());
    assertTrue(changes.get(0).deleted());
    assertEquals(
        Insertion.earlier(ID_1, "fp"),
        reopened.insert(OWNER, ID_3, entry("Ada"), new IdempotencyKey("k", "fp")));
  }

  @Test
  void compactionKeepsWhatTheFeedAndKeysNeedAndDropsWhatExpired() throws IOException {
    store.insert(OWNER, ID_1, entry("Ada"), new IdempotencyKey("old", "fp"));
    store.insert(OWNER, ID_2, entry("Bob"), null);
    store.remove(OWNER, ID_2, VersionMatch.any());
    clock.advance(retention.changes().plusMinutes(2));
    store.insert(OWNER, ID_3, entry("Carol"), new IdempotencyKey("new", "fp"));
    store.remove(OWNER, ID_3, VersionMatch.any());
    ChangeBatch before = store.changes(OWNER, 0, 10);

    file().compact();
    assertEquals(
        Set.of(
            ".lock", FileStore.IDENTITY_FILE, "log-0000000002.jsonl", "snapshot-0000000002.jsonl"),
        filesIn(dir));
    FileStore reopened = reopen();

    assertEquals(before, reopened.changes(OWNER, 0, 10));
    assertEquals(
        List.of(ID_1, ID_3),
        reopened.changes(OWNER, 0, 10).changes().stream().map(Change::id).toList());
    assertTrue(before.expiredThrough() > 0);
    assertEquals(
        Insertion.earlier(ID_3, "fp"),
        reopened.insert(OWNER, ID_4, entry("C"), new IdempotencyKey("new", "fp")));
    assertNotNull(
        reopened.insert(OWNER, ID_4, entry("A"), new IdempotencyKey("old", "fp")).created());
  }

  @Test
  void compactionsWhileWritesGoOnKeepEveryWrite() throws Exception {
    int writers = 4;
    int idsEach = 200;
    for (int i = 0; i < writers * idsEach; i++) {
      store.insert(OWNER, String.format("%032x", i), entry("Start " + i), null);
    }
    // Reopened, the entries are unread: the compactions move them while writes replace them.
    reopen();
    AtomicInteger stop = new AtomicInteger();
    AtomicInteger[] progress = new AtomicInteger[writers];
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> written = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int first = w * idsEach;
        AtomicInteger writes = progress[w] = new AtomicInteger();
        written.add(
            pool.submit(
                () -> {
                  while (stop.get() == 0) {
                    int n = writes.get();
                    String id = String.format("%032x", first + n % idsEach);
                    if (store.find(OWNER, id).isEmpty()) {
                      store.insert(OWNER, id, entry("Again " + n), null);
                    } else if (n % 7 == 0) {
                      store.remove(OWNER, id, VersionMatch.any());
                    } else {
                      store.replace(OWNER, id, entry("Ada " + n), VersionMatch.any());
                    }
                    writes.incrementAndGet();
                  }
                  return null;
                }));
      }
      // Ends on progress, not on time: at least eight compactions, and every writer past its
      // ids once, so that each id is rewritten while some compaction moves it.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      for (int compactions = 0;
          compactions < 8 || Arrays.stream(progress).anyMatch(p -> p.get() <= idsEach);
          compactions++) {
        assertTrue(System.nanoTime() < deadline, Arrays.toString(progress) + " writes");
        Thread.sleep(25);
        file().compact();
      }
      stop.set(1);
      for (Future<?> writes : written) {
        writes.get(60, TimeUnit.SECONDS);
      }
    } finally {
      stop.set(1);
      pool.shutdownNow();
    }
    List<VersionedEntry> entries = store.list(OWNER, null, writers * idsEach, null);
    ChangeBatch changes = store.changes(OWNER, 0, Integer.MAX_VALUE);

    FileStore reopened = reopen();
    assertEquals(entries, reopened.list(OWNER, null, writers * idsEach, null));
    assertEquals(changes, reopened.changes(OWNER, 0, Integer.MAX_VALUE));
    assertTrue(
        filesIn(dir).stream().anyMatch(f -> f.startsWith("snapshot-")), filesIn(dir).toString());
  }

  // ---- group commit and a failing disk ----

  @Test
  void writesThatArriveDuringAnFsyncShareTheNextOne() throws Exception {
    int writers = 8;
    List<Thread> threads = new CopyOnWriteArrayList<>();
    AtomicInteger held = new AtomicInteger();
    disk.beforeForce =
        channel -> {
          // Hold the first fsync until every other writer has appended its record and waits for
          // the fsync after it: the next one then covers them all.
          if (held.getAndIncrement() == 0) {
            awaitParked(threads, writers - 1);
          }
        };
    int forcesBefore = disk.forces.get();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            writers,
            task -> {
              Thread thread = new Thread(task);
              threads.add(thread);
              return thread;
            });
    try {
      for (Future<Insertion> result :
          insertAtOnce(pool, writers, "000000000000700080000000000002")) {
        assertNotNull(result.get(60, TimeUnit.SECONDS).created());
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(
        disk.forces.get() - forcesBefore <= 2,
        (disk.forces.get() - forcesBefore) + " fsyncs for " + writers + " writes");
    assertEquals(writers, reopen().count());
  }

  @Test
  void writesWaitingForAnFsyncThatFailsAreAllRefusedAndNeverComeBack() throws Exception {
    store.insert(OWNER, ID_1, entry("Ada"), null);
    int writers = 8;
    int writesBefore = disk.writes.get();
    CountDownLatch allAppended = new CountDownLatch(1);
    disk.beforeWrite =
        channel -> {
          if (disk.writes.get() + 1 - writesBefore >= writers) {
            allAppended.countDown();
          }
        };
    // The first fsync waits until every writer has appended, then fails; so does any other.
    disk.beforeForce =
        channel -> {
          try {
            allAppended.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          disk.failForces = true;
        };
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (Future<Insertion> result :
          insertAtOnce(pool, writers, "000000000000700080000000000003")) {
        ExecutionException failed =
            assertThrows(ExecutionException.class, () -> result.get(60, TimeUnit.SECONDS));
        assertInstanceOf(StoreUnavailableException.class, failed.getCause());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, store.count());

    disk.beforeForce = channel -> {};
    disk.failForces = false;
    store.insert(OWNER, ID_2, entry("Kept"), null);
    assertEquals(List.of(ID_1, ID_2), ids(reopen().list(OWNER, null, 10, null)));
  }

  @Test
  void aWriteThatFailsIsRefusedReadsGoOnAndWritesResumeWhenTheDiskRecovers() throws IOException {
    store.insert(OWNER, ID_1, entry("Ada"), null);
    disk.failWrites = true;
    StoreUnavailableException full =
        assertThrows(
            StoreUnavailableException.class,
            () -> store.replace(OWNER, ID_1, entry("B"), VersionMatch.any()));
    assertTrue(full.getMessage().contains("No space left on device"), full.getMessage());
    assertThrows(
        StoreUnavailableException.class, () -> store.insert(OWNER, ID_2, entry("B"), null));
    assertEquals(new VersionedEntry(ID_1, 1, entry("Ada")), store.find(OWNER, ID_1).orElseThrow());
    assertEquals(List.of(ID_1), ids(store.list(OWNER, null, 10, null)));

    disk.failWrites = false;
    store.replace(OWNER, ID_1, entry("C"), VersionMatch.oneOf(Set.of(1L)));
    store.insert(OWNER, ID_2, entry("D"), null);
    FileStore reopened = reopen();
    assertEquals(new VersionedEntry(ID_1, 2, entry("C")), reopened.find(OWNER, ID_1).orElseThrow());
    assertEquals(2, reopened.count());
  }

  @Test
  void aWriteWhoseFsyncFailsIsWithdrawnAndNeverComesBack() throws IOException {
    store.insert(OWNER, ID_1, entry("Ada"), null);
    disk.failForces = true;
    assertThrows(
        StoreUnavailableException.class,
        () -> store.replace(OWNER, ID_1, entry("Lost"), VersionMatch.any()));
    assertThrows(
        StoreUnavailableException.class, () -> store.insert(OWNER, ID_2, entry("Lost"), null));
    assertEquals(1, store.find(OWNER, ID_1).orElseThrow().version());

    disk.failForces = false;
    store.insert(OWNER, ID_3, entry("Kept"), null);
    FileStore reopened = reopen();
    assertEquals(
        new VersionedEntry(ID_1, 1, entry("Ada")), reopened.find(OWNER, ID_1).orElseThrow());
    assertTrue(reopened.find(OWNER, ID_2).isEmpty());
    assertEquals(List.of(ID_1, ID_3), ids(reopened.list(OWNER, null, 10, null)));
  }

  @Test
  void aMergeWhoseWriteOrFsyncFailsLeavesEveryEntryAsItWas() throws IOException {
    store.insert(OWNER, ID_1, entry("Ada", "a@x.example"), null);
    store.insert(OWNER, ID_2, entry("Ada", "b@x.example"), null);
    store.insert(OWNER, ID_3, entry("Ada", "c@x.example"), null);
    AddressEntry merged = entry("Ada", "a@x.example", "b@x.example", "c@x.example");
    Map<String, VersionMatch> sources = Map.of(ID_2, VersionMatch.any(), ID_3, VersionMatch.any());
    for (boolean failForce : new boolean[] {false, true}) {
      disk.failWrites = !failForce;
      disk.failForces = failForce;
      assertThrows(
          StoreUnavailableException.class,
          () -> store.merge(OWNER, ID_1, merged, VersionMatch.any(), sources));
      disk.failWrites = false;
      disk.failForces = false;
      assertEquals(List.of(ID_1, ID_2, ID_3), ids(store.list(OWNER, null, 10, null)));
      assertEquals(1, store.find(OWNER, ID_1).orElseThrow().version());
    }
    FileStore reopened = reopen();
    assertEquals(List.of(ID_1, ID_2, ID_3), ids(reopened.list(OWNER, null, 10, null)));
    assertEquals(
        new VersionedEntry(ID_1, 1, entry("Ada", "a@x.example")),
        reopened.find(OWNER, ID_1).orElseThrow());
    // The disk is back: the same merge now happens, whole.
    assertEquals(
        WriteResult.Status.WRITTEN,
        reopened.merge(OWNER, ID_1, merged, VersionMatch.any(), sources).status());
    assertEquals(List.of(ID_1), ids(reopen().list(OWNER, null, 10, null)));
  }

  @Test
  void aPartialWriteIsCutOffBeforeTheNextOne() throws IOException {
    store.insert(OWNER, ID_1, entry("Ada"), null);
    disk.beforeWrite =
        channel -> {
          // Half a record reaches the file, then the disk is full.
          channel.write(
              java.nio.ByteBuffer.wrap(
                  "0badc0de {\"op\":\"put\",".getBytes(StandardCharsets.UTF_8)),
              channel.size());
          throw new IOException("No space left on device (injected)");
        };
    assertThrows(
        StoreUnavailableException.class, () -> store.insert(OWNER, ID_2, entry("Bob"), null));
    disk.beforeWrite = channel -> {};
    store.insert(OWNER, ID_3, entry("Carol"), null);
    assertEquals(List.of(ID_1, ID_3), ids(reopen().list(OWNER, null, 10, null)));
  }

  // ---- a process killed on the write path ----

  @Test
  void aProcessKilledAfterTheLogWriteBeforeItsFsyncKeepsEveryAcknowledgedWrite() throws Exception {
    assertCrashKeepsTheAcknowledgedWrites(CrashProbe.AT_FSYNC);
  }

  @Test
  void aProcessKilledInTheMiddleOfALogWriteKeepsEveryAcknowledgedWrite() throws Exception {
    assertCrashKeepsTheAcknowledgedWrites(CrashProbe.MID_WRITE);
  }

  private void assertCrashKeepsTheAcknowledgedWrites(String mode) throws Exception {
    file().close();
    Path crashed = temp.resolve("crashed");
    Process child = CrashProbe.start(crashed, mode);
    List<String> acknowledged = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("ACK ")) {
          acknowledged.add(line.substring(4));
        }
      }
    }
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    assertEquals(CrashProbe.HALTED, child.exitValue(), "the child died on the write path");
    assertEquals(CrashProbe.ACKNOWLEDGED, acknowledged.size());

    store = FileStore.open(crashed, MAPPER, options);
    List<String> found = ids(store.list(OWNER, null, 100, null));
    // Every acknowledged write is there; the one in flight was never answered, and it is either
    // wholly there (its record reached the file) or not at all.
    assertEquals(acknowledged, found.subList(0, acknowledged.size()));
    assertTrue(found.size() <= acknowledged.size() + 1, found.toString());
    if (mode.equals(CrashProbe.MID_WRITE)) {
      assertEquals(acknowledged, found);
    }
    for (String id : acknowledged) {
      assertEquals(
          new VersionedEntry(id, 2, entry("Second " + id)), store.find(OWNER, id).orElseThrow());
    }
    store.insert(OWNER, ID_4, entry("After"), null);
    file().close();
    store = FileStore.open(crashed, MAPPER, options);
    assertTrue(store.find(OWNER, ID_4).isPresent());
  }

  /** Writes in a child JVM and dies on the write path, as kill -9 would stop it. */
  static final class CrashProbe {
    static final String AT_FSYNC = "at-fsync";
    static final String MID_WRITE = "mid-write";
    static final int ACKNOWLEDGED = 5;
    static final int HALTED = 37;

    private CrashProbe() {}

    /** Prints {@code ACK <id>} for each acknowledged write, then dies during the next one. */
    public static void main(String[] args) {
      FaultyChannels disk = new FaultyChannels();
      FileStore opened =
          FileStore.open(Path.of(args[0]), MAPPER, FileStore.Options.defaults().withChannels(disk));
      for (int i = 0; i < ACKNOWLEDGED; i++) {
        String id = String.format("000000000000700080000000000003%02x", i);
        opened.insert(OWNER, id, entry("First " + id), null);
        opened.replace(OWNER, id, entry("Second " + id), VersionMatch.any());
        System.out.println("ACK " + id);
        System.out.flush();
      }
      if (args[1].equals(AT_FSYNC)) {
        // The record is in the file (the kernel has it); its fsync never returns.
        disk.beforeForce = channel -> Runtime.getRuntime().halt(HALTED);
      } else {
        disk.beforeWrite =
            channel -> {
              channel.write(
                  java.nio.ByteBuffer.wrap(
                      "1234abcd {\"op\":\"put\",\"seq\":99,\"own".getBytes(StandardCharsets.UTF_8)),
                  channel.size());
              Runtime.getRuntime().halt(HALTED);
            };
      }
      opened.insert(OWNER, "00000000000070008000000000000399", entry("In flight"), null);
      System.out.println("ACK 00000000000070008000000000000399");
    }

    static Process start(Path dir, String mode) throws IOException {
      return startJava(CrashProbe.class, dir.toString(), mode);
    }
  }

  /** Runs {@code main} in a child JVM on this test's class path; its errors go to ours. */
  private static Process startJava(Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
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
      return startJava(LockProbe.class, dir.toString());
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

  /** Waits up to 30 s until {@code count} of {@code threads} wait in a log for its next fsync. */
  private static void awaitParked(List<Thread> threads, int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (threads.stream().filter(t -> LockSupport.getBlocker(t) instanceof WriteLog).count()
            < count
        && System.nanoTime() < deadline) {
      // Parked, not spinning: the writers it waits for need the cores.
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
    }
  }

  /** Starts {@code writers} inserts on {@code pool}, of ids {@code prefix} and two hex digits. */
  private List<Future<Insertion>> insertAtOnce(ExecutorService pool, int writers, String prefix) {
    List<Future<Insertion>> results = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      String id = String.format("%s%02x", prefix, i);
      results.add(pool.submit(() -> store.insert(OWNER, id, entry("W"), null)));
    }
    return results;
  }
}
