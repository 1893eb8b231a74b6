package io.addrservice.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.Email;
import io.addrservice.model.EntryIds;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Keeps one JSON document per entry ({@code <id>.json}: id, version, entry) in a directory that it
 * holds an exclusive lock on. Every entry is loaded into memory at start and reads never touch the
 * disk; a write returns only once it is durable (temp file, fsync, atomic rename, fsync of the
 * directory).
 */
final class FileStore implements AddressStore, AutoCloseable {
  static final String LOCK_FILE = ".lock";
  static final String ENTRY_SUFFIX = ".json";
  static final String TEMP_SUFFIX = ".json.tmp";

  private static final Pattern ENTRY_FILE = Pattern.compile(EntryIds.ID_REGEX + "\\.json");
  private static final Pattern TEMP_FILE = Pattern.compile(EntryIds.ID_REGEX + "\\.json\\.tmp");

  /**
   * Directories open in this JVM. Checked before the lock file is touched: on POSIX systems closing
   * any descriptor of a file drops every lock this process holds on it, so a refused second open
   * must not even open the lock file.
   */
  private static final Set<Path> OPEN_DIRECTORIES = ConcurrentHashMap.newKeySet();

  private final Path directory;
  private final ObjectMapper mapper;
  private final ObjectReader documentReader;
  private final FileChannel lockChannel;
  private final FileLock lock;

  /** The directory itself, open for the store's life: each sync is one fsync, no open or close. */
  private final FileChannel directoryChannel;

  private final ConcurrentSkipListMap<String, VersionedEntry> entries =
      new ConcurrentSkipListMap<>();

  /** Ids whose file could not be read: left on disk, never written over, never served. */
  private final Set<String> unreadable = ConcurrentHashMap.newKeySet();

  private final ConcurrentHashMap<String, IdLock> idLocks = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** Renames and deletions made so far (each counted once it is done). */
  private final AtomicLong directoryChanges = new AtomicLong();

  /** Held while the directory is being synced: one sync at a time. */
  private final Object directorySync = new Object();

  /** The count of changes that the last completed directory sync covers (under directorySync). */
  private long directorySynced;

  private FileStore(
      Path directory,
      ObjectMapper mapper,
      FileChannel lockChannel,
      FileLock lock,
      FileChannel directoryChannel) {
    this.directory = directory;
    this.mapper = mapper;
    this.documentReader = mapper.readerFor(StoredDocument.class);
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.directoryChannel = directoryChannel;
  }

  /**
   * Opens the store in {@code directory}, creating the directory if needed, and loads every entry.
   *
   * @throws IllegalStateException when another process (or another store in this JVM) has the
   *     directory open
   * @throws UncheckedIOException when the directory cannot be created or read
   */
  static FileStore open(Path directory, ObjectMapper mapper) {
    Path dir = directory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the file store directory " + dir, e);
    }
    if (!OPEN_DIRECTORIES.add(dir)) {
      throw new IllegalStateException(
          "The file store directory " + dir + " is already open in this process");
    }
    FileChannel channel = null;
    FileChannel directoryChannel = null;
    try {
      channel =
          FileChannel.open(
              dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel, dir);
      directoryChannel = FileChannel.open(dir, StandardOpenOption.READ);
      FileStore store = new FileStore(dir, mapper, channel, lock, directoryChannel);
      store.recordOwner();
      store.load();
      return store;
    } catch (IOException | RuntimeException e) {
      closeQuietly(directoryChannel);
      closeQuietly(channel);
      OPEN_DIRECTORIES.remove(dir);
      if (e instanceof IOException io) {
        throw new UncheckedIOException("Cannot open the file store directory " + dir, io);
      }
      throw (RuntimeException) e;
    }
  }

  private static FileLock tryLock(FileChannel channel, Path dir) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      throw new IllegalStateException(
          "The file store directory " + dir + " is already open in this process", e);
    }
    if (lock == null) {
      throw new IllegalStateException(
          "The file store directory "
              + dir
              + " is in use by another process ("
              + owner(dir.resolve(LOCK_FILE))
              + "holds the lock on "
              + dir.resolve(LOCK_FILE)
              + "); one directory belongs to one process: stop the other one or choose another"
              + " addrservice.store.file.dir");
    }
    return lock;
  }

  /** "pid N " as the lock's holder wrote it, or nothing when it cannot be read. */
  private static String owner(Path lockFile) {
    try {
      String pid = Files.readString(lockFile, StandardCharsets.US_ASCII).strip();
      return pid.matches("[0-9]{1,19}") ? "pid " + pid + " " : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** Writes this process's id into the lock file, so an operator can see who holds it. */
  private void recordOwner() throws IOException {
    lockChannel.truncate(0);
    ByteBuffer pid =
        ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII));
    long position = 0;
    while (pid.hasRemaining()) {
      position += lockChannel.write(pid, position);
    }
  }

  private void load() throws IOException {
    long start = System.nanoTime();
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory)) {
      listing.forEach(files::add);
    }
    AtomicInteger cleaned = new AtomicInteger();
    AtomicInteger skipped = new AtomicInteger();
    // Reading and parsing a large book dominates start-up: every core takes a share. Putting the
    // entries in id order afterwards keeps the map's inserts cheap (directory order is random).
    VersionedEntry[] loaded =
        files.parallelStream()
            .map(file -> loadFile(file, cleaned, skipped))
            .filter(Objects::nonNull)
            .toArray(VersionedEntry[]::new);
    Arrays.sort(loaded, Comparator.comparing(VersionedEntry::id));
    for (VersionedEntry entry : loaded) {
      entries.put(entry.id(), entry);
    }
    Log.infof(
        "File store %s: %d entries loaded in %d ms, %d unreadable files skipped, %d temp files"
            + " deleted",
        directory,
        entries.size(),
        (System.nanoTime() - start) / 1_000_000,
        skipped.get(),
        cleaned.get());
  }

  /** The entry in {@code file}, or null when it holds none (after saying why, if it matters). */
  private VersionedEntry loadFile(Path file, AtomicInteger cleaned, AtomicInteger skipped) {
    String name = file.getFileName().toString();
    if (name.equals(LOCK_FILE)) {
      return null;
    }
    BasicFileAttributes attributes = regularFileAttributes(file);
    if (attributes == null) {
      // Never followed: a link could lead outside the directory.
      Log.warnf("Ignored %s: not a regular file", file);
    } else if (TEMP_FILE.matcher(name).matches()) {
      // A write that was interrupted before its rename: it was never acknowledged.
      if (deleteQuietly(file)) {
        Log.infof("Deleted %s, left over from an interrupted write", file);
        cleaned.incrementAndGet();
      }
    } else if (ENTRY_FILE.matcher(name).matches()) {
      String id = name.substring(0, name.length() - ENTRY_SUFFIX.length());
      try {
        return read(file, id, attributes.size());
      } catch (IOException | RuntimeException e) {
        unreadable.add(id);
        skipped.incrementAndGet();
        Log.errorf(
            "Skipped the unreadable entry file %s (%s); it is left as it is and its id is"
                + " not served until it is repaired or removed",
            file, reason(e));
      }
    } else {
      Log.warnf("Ignored %s: not an entry file of the file store", file);
    }
    return null;
  }

  /** The attributes of {@code file} if it is a regular file (not a link to one), else null. */
  private static BasicFileAttributes regularFileAttributes(Path file) {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isRegularFile() ? attributes : null;
    } catch (IOException e) {
      return null;
    }
  }

  private VersionedEntry read(Path file, String id, long size) throws IOException {
    // Bound straight from the bytes, without an intermediate tree: half the work per file, which
    // is most of the start-up time with a large book. Unknown or repeated fields fail the binding.
    StoredDocument document = documentReader.readValue(contents(file, size));
    if (document == null) {
      throw new IOException("not a JSON object");
    }
    if (!id.equals(document.id())) {
      throw new IOException("its id field does not match its file name");
    }
    JsonNode version = document.version();
    if (version == null || !version.canConvertToExactIntegral() || version.asLong() < 1) {
      throw new IOException("its version is not a positive whole number");
    }
    AddressEntry bound = document.entry();
    if (bound == null) {
      throw new IOException("its entry is not a JSON object");
    }
    // Searching dereferences these; a hand-edited file must not make listing fail later.
    if (bound.fullName() == null
        || bound.emails().stream().map(Email::email).anyMatch(e -> e == null)) {
      throw new IOException("its entry lacks full_name or an e-mail address");
    }
    return new VersionedEntry(id, version.longValue(), bound);
  }

  /**
   * The bytes of the regular file {@code file}, {@code size} of them (its {@code lstat} said so):
   * an open, a read and a close. {@code Files.readAllBytes} asks for the size again and reads once
   * more to see the end, two more system calls per file, and system calls are half of a large
   * book's load. Nothing else writes the directory while this process holds its lock; a file that
   * shrank since is read short, and then fails to parse.
   */
  private static byte[] contents(Path file, long size) throws IOException {
    if (size > Integer.MAX_VALUE - 8) {
      throw new IOException("larger than 2 GB");
    }
    ByteBuffer bytes = ByteBuffer.allocate((int) size);
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      while (bytes.hasRemaining()) {
        if (channel.read(bytes) < 0) {
          return Arrays.copyOf(bytes.array(), bytes.position());
        }
      }
    }
    return bytes.array();
  }

  /**
   * An entry file as written by {@link #serialize}. Registered for reflection: Jackson binds it
   * outside any JAX-RS signature, where a native build would not see it.
   */
  @RegisterForReflection
  record StoredDocument(String id, JsonNode version, AddressEntry entry) {}

  @Override
  public String engine() {
    return "file";
  }

  @Override
  public String location() {
    return directory.toString();
  }

  @Override
  public Optional<String> unavailableReason() {
    if (closed || !lock.isValid()) {
      return Optional.of("the store is closed");
    }
    if (!Files.isDirectory(directory)) {
      return Optional.of("the directory " + directory + " does not exist");
    }
    if (!Files.isWritable(directory)) {
      return Optional.of("the directory " + directory + " is not writable");
    }
    return Optional.empty();
  }

  @Override
  public VersionedEntry insert(String id, AddressEntry entry) {
    requireWellFormed(id);
    return locked(
        id,
        () -> {
          if (entries.containsKey(id) || unreadable.contains(id)) {
            throw new IllegalStateException("id already in use: " + id);
          }
          VersionedEntry stored = new VersionedEntry(id, 1, entry);
          write(stored);
          return stored;
        });
  }

  @Override
  public Optional<VersionedEntry> find(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  @Override
  public WriteResult replace(String id, AddressEntry entry, VersionMatch expected) {
    return conditionally(
        id,
        expected,
        current -> {
          VersionedEntry updated = new VersionedEntry(id, current.version() + 1, entry);
          write(updated);
          return updated;
        });
  }

  @Override
  public WriteResult remove(String id, VersionMatch expected) {
    return conditionally(
        id,
        expected,
        current -> {
          delete(id);
          return current;
        });
  }

  /**
   * Checks the version and writes under the entry's lock, so the two are one step.
   *
   * @param write makes the change durable and returns the entry to report
   */
  private WriteResult conditionally(
      String id, VersionMatch expected, UnaryOperator<VersionedEntry> write) {
    if (!isWellFormed(id)) {
      return WriteResult.notFound();
    }
    return locked(
        id,
        () -> {
          VersionedEntry current = entries.get(id);
          WriteResult refusal = WriteResult.refusal(current, expected);
          return refusal != null ? refusal : WriteResult.written(write.apply(current));
        });
  }

  @Override
  public List<VersionedEntry> list(String after, int limit, String text) {
    return EntryListing.page(entries, after, limit, text);
  }

  @Override
  public long count() {
    return entries.size();
  }

  /** Releases the directory lock; the store refuses writes afterwards. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      lock.release();
    } catch (IOException e) {
      Log.warnf("Could not release the lock on %s: %s", directory, e.getMessage());
    } finally {
      // Not in the middle of a sync.
      synchronized (directorySync) {
        closeQuietly(directoryChannel);
      }
      closeQuietly(lockChannel);
      OPEN_DIRECTORIES.remove(directory);
    }
  }

  /** The directory the entry files are in. */
  Path directory() {
    return directory;
  }

  /** Whether {@code id} has the only form that may become a file name (32 lowercase hex). */
  static boolean isWellFormed(String id) {
    return EntryIds.isWellFormed(id);
  }

  private static void requireWellFormed(String id) {
    if (!isWellFormed(id)) {
      throw new IllegalArgumentException("not an entry id (32 lowercase hex digits): " + id);
    }
  }

  /** Runs {@code action} holding the lock of this one id: writes to other ids go on meanwhile. */
  private <T> T locked(String id, Supplier<T> action) {
    IdLock idLock =
        idLocks.compute(
            id,
            (key, existing) -> {
              IdLock held = existing == null ? new IdLock() : existing;
              held.users++;
              return held;
            });
    idLock.lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the file store " + directory + " is closed");
      }
      return action.get();
    } finally {
      idLock.lock.unlock();
      idLocks.computeIfPresent(id, (key, held) -> --held.users == 0 ? null : held);
    }
  }

  /** Makes {@code stored} durable on disk, then visible in memory. */
  private void write(VersionedEntry stored) {
    Path target = directory.resolve(stored.id() + ENTRY_SUFFIX);
    Path temp = directory.resolve(stored.id() + TEMP_SUFFIX);
    try {
      byte[] bytes = serialize(stored);
      try (FileChannel out =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new StoreUnavailableException("Cannot write " + target, e);
    }
    try {
      syncDirectory();
    } finally {
      // The rename happened: memory follows the disk even if the directory sync failed (the
      // caller then gets an error and the write's outcome is unknown, as with any database).
      entries.put(stored.id(), stored);
    }
  }

  private void delete(String id) {
    Path target = directory.resolve(id + ENTRY_SUFFIX);
    try {
      Files.delete(target);
    } catch (IOException e) {
      throw new StoreUnavailableException("Cannot delete " + target, e);
    }
    try {
      syncDirectory();
    } finally {
      entries.remove(id);
    }
  }

  /**
   * Makes the directory's latest renames and deletions durable, this caller's included. Group
   * commit: one directory fsync covers every rename or deletion counted before it started, so
   * writers that queue behind a sync in progress are usually covered by the next one instead of
   * each paying for its own. No caller returns before a sync that began after its change.
   */
  private void syncDirectory() {
    long change = directoryChanges.incrementAndGet();
    synchronized (directorySync) {
      if (directorySynced >= change) {
        return;
      }
      long covered = directoryChanges.get();
      try {
        directoryChannel.force(true);
      } catch (IOException e) {
        throw new StoreUnavailableException("Cannot sync the directory " + directory, e);
      }
      directorySynced = covered;
    }
  }

  private byte[] serialize(VersionedEntry stored) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    try (JsonGenerator json = mapper.createGenerator(bytes)) {
      json.writeStartObject();
      json.writeStringField("id", stored.id());
      json.writeNumberField("version", stored.version());
      json.writeFieldName("entry");
      mapper.writeValue(json, stored.entry());
      json.writeEndObject();
    }
    bytes.write('\n');
    return bytes.toByteArray();
  }

  /** One line saying what is wrong with a file (Jackson's messages span several lines). */
  private static String reason(Exception e) {
    if (e instanceof JsonProcessingException json) {
      JsonLocation at = json.getLocation();
      return json.getOriginalMessage().lines().findFirst().orElse("invalid JSON")
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }
    return String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
  }

  private static boolean deleteQuietly(Path file) {
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      Log.warnf("Could not delete %s: %s", file, e.getMessage());
      return false;
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      Log.debugf("Closing a channel failed: %s", e.getMessage());
    }
  }

  /** A lock for one id and how many threads use or wait for it, so that it can be dropped. */
  private static final class IdLock {
    final ReentrantLock lock = new ReentrantLock();
    int users;
  }
}
