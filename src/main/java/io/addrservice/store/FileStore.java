package io.addrservice.store;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.EntryIds;
import io.addrservice.model.Owners;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import io.quarkus.logging.Log;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Keeps every book in memory and every write in an append-only, checksummed log in a directory that
 * it holds an exclusive lock on. A write is acknowledged only after an fsync that covers it; writes
 * that arrive together share one (group commit, {@link WriteLog}). At start the latest snapshot and
 * the log segments after it are replayed; an entry replayed stays in its file until it is first
 * read ({@link StoredJson.InFile}). In the background, compaction writes a new snapshot (fsync,
 * atomic rename, directory fsync), points the unread entries at their copies in it, and only then
 * removes the files it replaces.
 *
 * <p>Files: {@code log-N.jsonl} (segment N), {@code snapshot-N.jsonl} (the state before segment N),
 * {@code .lock}. One record per line (see {@link LogRecords}), so {@code grep} works on them.
 */
final class FileStore implements AddressStore, AutoCloseable {
  static final String LOCK_FILE = ".lock";

  /** The store's identity ({@link #identity()}): a UUID written once, when the store is new. */
  static final String IDENTITY_FILE = "store-id";

  static final String DAMAGED_SUFFIX = ".damaged";

  /**
   * A snapshot is made durable this much at a time as it is written. One fsync at its end would
   * flush the whole file at once, and the log's fsyncs, which writes wait for, would queue behind
   * it (on ext4).
   */
  private static final long SNAPSHOT_SYNC_STEP = 1 << 20;

  private static final Pattern SEGMENT = Pattern.compile("log-([0-9]{10})\\.jsonl");
  private static final Pattern SNAPSHOT = Pattern.compile("snapshot-([0-9]{10})\\.jsonl");
  private static final Pattern TEMP = Pattern.compile("snapshot-[0-9]{10}\\.jsonl\\.tmp");

  /** Compaction waits for at least this much log, however small the book. */
  static final long DEFAULT_MIN_COMPACTION_BYTES = 8L << 20;

  /**
   * Directories open in this JVM. Checked before the lock file is touched: on POSIX systems closing
   * any descriptor of a file drops every lock this process holds on it, so a refused second open
   * must not even open the lock file.
   */
  private static final Set<Path> OPEN_DIRECTORIES = ConcurrentHashMap.newKeySet();

  /** How a file store is opened; tests change the disk and the compaction threshold. */
  record Options(
      Retention retention, boolean repair, WriteLog.Channels channels, long minCompactionBytes) {
    static Options defaults() {
      return new Options(
          Retention.defaults(), false, WriteLog.Channels.DEFAULT, DEFAULT_MIN_COMPACTION_BYTES);
    }

    Options withRepair(boolean repair) {
      return new Options(retention, repair, channels, minCompactionBytes);
    }

    Options withRetention(Retention retention) {
      return new Options(retention, repair, channels, minCompactionBytes);
    }

    Options withChannels(WriteLog.Channels channels) {
      return new Options(retention, repair, channels, minCompactionBytes);
    }

    Options withMinCompactionBytes(long minCompactionBytes) {
      return new Options(retention, repair, channels, minCompactionBytes);
    }
  }

  private final Path directory;
  private final Options options;
  private final LogRecords records;
  private final FileChannel lockChannel;
  private final FileLock lock;

  /** The directory itself, open for the store's life: each sync is one fsync, no open or close. */
  private final FileChannel directoryChannel;

  private final BookIndex index;
  private String identity;
  private WriteLog log;
  private volatile boolean closed;

  /** Files that held damage a repair skipped: kept, renamed, when compaction replaces them. */
  private final List<Path> damaged = new ArrayList<>();

  /**
   * The replayed files that entries no one has read are still kept in ({@link StoredJson.InFile}):
   * those of the start-up, then the last compaction's snapshot. Guarded by itself: a compaction may
   * outlast the wait for it when the store closes.
   */
  private final List<LogFile> entryFiles = new ArrayList<>();

  private final ExecutorService compactor =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "file-store-compaction");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicBoolean compacting = new AtomicBoolean();

  /** The log size that starts a compaction: at least twice the last snapshot. */
  private volatile long compactionThreshold;

  private FileStore(
      Path directory,
      ObjectMapper mapper,
      Options options,
      FileChannel lockChannel,
      FileLock lock,
      FileChannel directoryChannel) {
    this.directory = directory;
    this.options = options;
    this.records = new LogRecords(mapper);
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.directoryChannel = directoryChannel;
    this.index = new BookIndex(options.retention(), this::journal, records::bind);
    this.compactionThreshold = options.minCompactionBytes();
  }

  static FileStore open(Path directory, ObjectMapper mapper) {
    return open(directory, mapper, Options.defaults());
  }

  /**
   * Opens the store in {@code directory}, creating the directory if needed, converting a directory
   * of the earlier one-file-per-entry format, and replaying the snapshot and log.
   *
   * @throws IllegalStateException when another process (or another store in this JVM) has the
   *     directory open, or the log is damaged before its end and {@code repair} is off
   * @throws UncheckedIOException when the directory cannot be created or read
   */
  static FileStore open(Path directory, ObjectMapper mapper, Options options) {
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
    FileStore store = null;
    try {
      channel =
          FileChannel.open(
              dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel, dir);
      directoryChannel = FileChannel.open(dir, StandardOpenOption.READ);
      store = new FileStore(dir, mapper, options, channel, lock, directoryChannel);
      store.recordOwner();
      store.load(mapper);
      store.identity = store.readIdentity();
      return store;
    } catch (IOException | RuntimeException e) {
      if (store != null) {
        store.compactor.shutdownNow();
        closeQuietly(store.log);
      }
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

  /**
   * The UUID in {@value #IDENTITY_FILE}, written (through a temporary file, renamed into place and
   * made durable) when there is none or it is unreadable: a new identity only makes the change
   * feed's clients sync again from the start, never read numbers of another store.
   */
  private String readIdentity() throws IOException {
    Path file = directory.resolve(IDENTITY_FILE);
    if (Files.exists(file)) {
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      try {
        return UUID.fromString(text).toString();
      } catch (IllegalArgumentException e) {
        Log.warnf("File store %s: %s is not a UUID; writing a new identity", directory, file);
      }
    }
    String made = UUID.randomUUID().toString();
    Path temporary = directory.resolve(IDENTITY_FILE + ".new");
    try (FileChannel out =
        FileChannel.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      out.write(ByteBuffer.wrap((made + "\n").getBytes(StandardCharsets.US_ASCII)));
      out.force(true);
    }
    Files.move(
        temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    directoryChannel.force(true);
    return made;
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

  // ---- start-up: conversion, replay, recovery ----

  private void load(ObjectMapper mapper) throws IOException {
    long start = System.nanoTime();
    TreeMap<Long, Path> snapshots = new TreeMap<>();
    TreeMap<Long, Path> segments = new TreeMap<>();
    List<Path> legacy = new ArrayList<>();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory)) {
      for (Path file : listing) {
        String name = file.getFileName().toString();
        Matcher segment = SEGMENT.matcher(name);
        Matcher snapshot = SNAPSHOT.matcher(name);
        if (segment.matches()) {
          segments.put(Long.parseLong(segment.group(1)), file);
        } else if (snapshot.matches()) {
          snapshots.put(Long.parseLong(snapshot.group(1)), file);
        } else if (TEMP.matcher(name).matches()
            || LegacyEntryFiles.TEMP_FILE.matcher(name).matches()) {
          // A snapshot or an entry file that was never renamed into place: never relied on.
          Files.delete(file);
          Log.infof("Deleted %s, left over from an interrupted write", file);
        } else if (LegacyEntryFiles.ENTRY_FILE.matcher(name).matches()) {
          legacy.add(file);
        }
      }
    }
    long replayed = 0;
    long base = 1;
    if (snapshots.isEmpty() && segments.isEmpty() && !legacy.isEmpty()) {
      convert(legacy, mapper);
      replayed = 1;
      legacy.clear();
    } else if (!snapshots.isEmpty()) {
      base = snapshots.lastKey();
      boolean converted = replaySnapshot(snapshots.lastEntry().getValue());
      replayed = 1;
      for (Path older : snapshots.headMap(base).values()) {
        Files.delete(older);
      }
      for (Path older : segments.headMap(base).values()) {
        // Replaced by the snapshot: compaction stopped before it removed them.
        Files.delete(older);
      }
      if (!legacy.isEmpty()) {
        finishConversion(legacy, converted);
      }
    } else if (!legacy.isEmpty()) {
      Log.warnf(
          "File store %s: ignored %d entry files of the earlier format next to a log that did not"
              + " come from converting them; they are left as they are",
          directory, legacy.size());
    }
    WriteLog.Segment last = null;
    for (var segment : segments.tailMap(base, true).entrySet()) {
      boolean isLast = segment.getKey().equals(segments.lastKey());
      long length = replaySegment(segment.getValue(), isLast);
      replayed++;
      if (isLast) {
        last = WriteLog.open(options.channels(), segment.getKey(), segment.getValue(), length);
      }
    }
    if (last == null) {
      long number = Math.max(base, segments.isEmpty() ? 1 : segments.lastKey() + 1);
      last = WriteLog.open(options.channels(), number, segmentFile(number), 0);
      syncDirectory();
    }
    log = new WriteLog(options.channels(), last);
    if (!damaged.isEmpty()) {
      // A repair: replace the damaged files by a snapshot now, keeping them aside.
      compact();
    }
    Log.infof(
        "File store %s: %d entries loaded in %d ms (from %d snapshot and log files)",
        directory, index.count(), (System.nanoTime() - start) / 1_000_000, replayed);
  }

  /** Replays a snapshot; returns whether it is the one that converted the earlier format. */
  private boolean replaySnapshot(Path file) throws IOException {
    List<LogScan.Damage> damage = new ArrayList<>();
    LogRecords.Line header = null;
    long found = 0;
    LogFile entries = entryFile(file);
    try (LogScan scan = LogScan.open(file)) {
      for (LogScan.Chunk chunk = scan.next(); chunk != null; chunk = scan.next()) {
        Object[] lines = parse(chunk, damage, entries);
        int first = 0;
        if (header == null) {
          if (!(lines[0] instanceof LogRecords.Line line)) {
            // Not a snapshot: read no further; what damage there is, is reported first.
            break;
          }
          header = line;
          first = 1;
        }
        for (int i = first; i < lines.length; i++) {
          if (lines[i] != null) {
            replayLine(lines[i]);
            found++;
          }
        }
      }
      // A snapshot was complete and durable before it was renamed into place: any damage is the
      // disk's, never a torn write.
      damage.addAll(scan.damage());
      refuseOrReport(file, sorted(damage), "the snapshot");
      if (header == null) {
        throw damagedFile(file, 0, "it does not start with a snapshot header");
      }
      long expected = header.records() == null ? -1 : header.records();
      if (found != expected && damage.isEmpty()) {
        refuseOrReport(
            file,
            List.of(
                new LogScan.Damage(
                    scan.length(),
                    0,
                    "holds " + found + " records where its header promises " + expected)),
            "the snapshot");
      }
    }
    index.replayed(header.lastSeq(), header.expiredThrough());
    return Boolean.TRUE.equals(header.converted());
  }

  /** Replays a segment; returns the length of its intact part (where appending continues). */
  private long replaySegment(Path file, boolean isLast) throws IOException {
    List<LogScan.Damage> damage = new ArrayList<>();
    long last = 0;
    LogFile entries = entryFile(file);
    try (LogScan scan = LogScan.open(file)) {
      for (LogScan.Chunk chunk = scan.next(); chunk != null; chunk = scan.next()) {
        for (Object line : parse(chunk, damage, entries)) {
          if (line != null) {
            last = Math.max(last, replayLine(line));
          }
        }
      }
      damage.addAll(scan.damageBeforeTail());
      LogScan.Damage tail = scan.tail();
      if (tail != null && !isLast) {
        // Writes went on in the next segment: this tail was acknowledged data.
        damage.add(tail);
      }
      refuseOrReport(file, sorted(damage), "the log");
      index.replayed(last, 0);
      if (tail != null && isLast) {
        Log.warnf(
            "File store %s: cut %d bytes off the end of %s at byte offset %d: a write that was"
                + " never acknowledged (torn or corrupt: \"%s\")",
            directory, tail.length(), file.getFileName(), tail.offset(), tail.preview());
      }
      return isLast ? scan.intactLength() : scan.length();
    }
  }

  /** {@code file}, open for reading the entries replayed from it until they are read. */
  private LogFile entryFile(Path file) throws IOException {
    LogFile entries = LogFile.open(file);
    synchronized (entryFiles) {
      entryFiles.add(entries);
    }
    return entries;
  }

  private static List<LogScan.Damage> sorted(List<LogScan.Damage> damage) {
    damage.sort((a, b) -> Long.compare(a.offset(), b.offset()));
    return damage;
  }

  /**
   * A chunk's records of {@code file}, decoded in parallel (a {@link Write}, a {@link StoredKey} or
   * a snapshot header): the decoding is most of a start-up's work. One that cannot be read is added
   * to {@code damage}, and is null.
   */
  private Object[] parse(LogScan.Chunk chunk, List<LogScan.Damage> damage, LogFile file) {
    Object[] lines = new Object[chunk.records()];
    String[] failures = new String[chunk.records()];
    IntStream.range(0, chunk.records())
        .parallel()
        .forEach(
            i -> {
              try {
                lines[i] =
                    decode(
                        records.read(
                            chunk.bytes(),
                            chunk.starts()[i],
                            chunk.ends()[i],
                            file,
                            chunk.offset()));
              } catch (IOException | RuntimeException e) {
                failures[i] = reason(e);
              }
            });
    for (int i = 0; i < failures.length; i++) {
      if (failures[i] != null) {
        damage.add(
            new LogScan.Damage(
                chunk.offset() + chunk.starts()[i],
                chunk.ends()[i] - chunk.starts()[i] + 1L,
                failures[i]));
      }
    }
    return lines;
  }

  private static Object decode(LogRecords.Line line) throws IOException {
    return switch (line.op()) {
      case LogRecords.PUT, LogRecords.DELETE -> LogRecords.write(line);
      case LogRecords.GROUP -> LogRecords.group(line);
      case LogRecords.KEY -> LogRecords.key(line);
      case LogRecords.SNAPSHOT -> line;
      default -> throw new IOException("an unknown record op " + line.op());
    };
  }

  /** Applies one decoded record; returns its (highest) sequence number (0 for a key). */
  private long replayLine(Object record) throws IOException {
    if (record instanceof Write write) {
      index.replay(write);
      return write.sequence();
    }
    if (record instanceof List<?> group) {
      long last = 0;
      for (Object write : group) {
        last = Math.max(last, replayLine(write));
      }
      return last;
    }
    if (record instanceof StoredKey key) {
      index.replay(key);
      return 0;
    }
    throw new IOException("a snapshot header inside a file");
  }

  /**
   * Damage before the end of the log: stops start-up naming the file and offset, or with {@code
   * repair} logs every dropped range and goes on with the readable records.
   */
  private void refuseOrReport(Path file, List<LogScan.Damage> damage, String what) {
    if (damage.isEmpty()) {
      return;
    }
    LogScan.Damage first = damage.get(0);
    if (!options.repair()) {
      throw damagedFile(file, first.offset(), first.preview());
    }
    for (LogScan.Damage d : damage) {
      Log.errorf(
          "File store %s: repair dropped %d bytes of %s %s at byte offset %d (\"%s\"); the file"
              + " is kept as %s%s",
          directory,
          d.length(),
          what,
          file.getFileName(),
          d.offset(),
          d.preview(),
          file.getFileName(),
          DAMAGED_SUFFIX);
    }
    damaged.add(file);
  }

  private IllegalStateException damagedFile(Path file, long offset, String detail) {
    return new IllegalStateException(
        "The file store's "
            + file
            + " is damaged at byte offset "
            + offset
            + " ("
            + detail
            + "), before its last record: acknowledged writes may be affected. Restore the"
            + " directory from a backup, or start once with addrservice.store.file.repair=true to"
            + " keep every readable record (what is dropped is logged)");
  }

  /**
   * Converts a directory of the earlier format: every entry into a snapshot that is durable before
   * any old file is removed.
   */
  private long convert(List<Path> files, ObjectMapper mapper) throws IOException {
    LegacyEntryFiles legacy = new LegacyEntryFiles(mapper);
    List<VersionedEntry> entries = new ArrayList<>();
    List<Path> converted = new ArrayList<>();
    for (Path file : files.stream().sorted().toList()) {
      try {
        entries.add(legacy.read(file));
        converted.add(file);
      } catch (IOException | RuntimeException e) {
        if (!options.repair()) {
          throw new IllegalStateException(
              "Cannot convert the entry file "
                  + file
                  + " to the log ("
                  + reason(e)
                  + "); nothing was changed. Fix or remove it, or start with"
                  + " addrservice.store.file.repair=true to convert the others and keep it as "
                  + file.getFileName()
                  + DAMAGED_SUFFIX,
              e);
        }
        Path aside = file.resolveSibling(file.getFileName() + DAMAGED_SUFFIX);
        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        Log.errorf(
            "File store %s: repair skipped %s (%s), kept as %s", directory, file, reason(e), aside);
      }
    }
    long sequence = 0;
    var now = options.retention().now();
    for (VersionedEntry entry : entries) {
      index.replay(
          new Write(
              ++sequence,
              Owners.SHARED_BOOK,
              entry.id(),
              entry.version(),
              entry.entry(),
              now,
              null,
              null));
    }
    index.replayed(sequence, 0);
    writeSnapshot(1, index.snapshot(() -> {}), true);
    for (Path file : converted) {
      Files.delete(file);
    }
    syncDirectory();
    Log.infof(
        "File store %s: converted %d entry files of the earlier format into %s",
        directory, converted.size(), snapshotFile(1).getFileName());
    return converted.size();
  }

  /** A conversion that stopped after its snapshot was durable: the old files are done with. */
  private void finishConversion(List<Path> legacy, boolean converted) throws IOException {
    if (!converted) {
      Log.warnf(
          "File store %s: ignored %d entry files of the earlier format next to a log that did not"
              + " come from converting them; they are left as they are",
          directory, legacy.size());
      return;
    }
    for (Path file : legacy) {
      Files.delete(file);
    }
    syncDirectory();
    Log.infof(
        "File store %s: removed %d entry files already converted to the log",
        directory, legacy.size());
  }

  // ---- writes ----

  /**
   * Makes writes durable: appended to the log as one record (several as one group record, which
   * recovery applies whole or not at all) and covered by an fsync.
   */
  private void journal(List<Write> writes) {
    if (closed) {
      throw new IllegalStateException("the file store " + directory + " is closed");
    }
    byte[] record;
    try {
      record = records.write(writes);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a log record", e);
    }
    log.await(log.append(record));
    if (log.size() >= compactionThreshold && compacting.compareAndSet(false, true)) {
      compactor.execute(
          () -> {
            try {
              compact();
            } finally {
              compacting.set(false);
            }
          });
    }
  }

  // ---- compaction ----

  /**
   * Starts the next segment at a moment no write is in progress, writes the state of that moment as
   * a snapshot, and removes what the snapshot replaces. A failure (a full disk) leaves everything
   * as it was, and the next write past the threshold tries again.
   */
  void compact() {
    try {
      long[] number = new long[1];
      BookIndex.Snapshot snapshot =
          index.snapshot(
              () -> {
                number[0] = log.current().number + 1;
                try {
                  log.rotate(number[0], segmentFile(number[0]));
                  syncDirectory();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      Written written = writeSnapshot(number[0], snapshot, false);
      moveUnreadEntries(written);
      removeBefore(number[0]);
      compactionThreshold = Math.max(options.minCompactionBytes(), 2 * written.size());
    } catch (IOException | UncheckedIOException | StoreUnavailableException e) {
      Log.warnf(
          "File store %s: compaction failed, the log is kept as it is: %s",
          directory, e.getMessage());
    }
  }

  /** A snapshot written: its file and size, and the entries no one has read that it holds. */
  private record Written(Path file, long size, List<Unread> unread) {}

  /** An entry no one has read: where it was kept, and the place of its JSON in the snapshot. */
  private record Unread(Change change, StoredJson from, long offset, int length) {}

  /**
   * Gives the entries no one has read their places in the new snapshot, then retires the files they
   * were in: the snapshot replaces every one of them.
   */
  private void moveUnreadEntries(Written written) throws IOException {
    LogFile snapshot = written.unread().isEmpty() ? null : LogFile.open(written.file());
    for (Unread entry : written.unread()) {
      entry
          .change()
          .moved(entry.from(), new StoredJson.InFile(snapshot, entry.offset(), entry.length()));
    }
    synchronized (entryFiles) {
      entryFiles.forEach(LogFile::retire);
      entryFiles.clear();
      if (snapshot != null && closed) {
        snapshot.retire();
      } else if (snapshot != null) {
        entryFiles.add(snapshot);
      }
    }
  }

  /** Writes {@code snapshot-<number>.jsonl} durably. */
  private Written writeSnapshot(long number, BookIndex.Snapshot snapshot, boolean converted)
      throws IOException {
    Path target = snapshotFile(number);
    List<Unread> unread = new ArrayList<>();
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel channel =
            FileChannel.open(
                temp,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
      long count = snapshot.changes().size() + snapshot.keys().size();
      byte[] header =
          records.header(snapshot.lastSequence(), snapshot.expiredThrough(), count, converted);
      out.write(header);
      long position = header.length;
      long synced = 0;
      // Unread entries come mostly in file order: read through a window of each file.
      Map<LogFile, LogFile.Window> windows = new HashMap<>();
      for (int i = 0; i < snapshot.changes().size(); i++) {
        Change change = snapshot.changes().get(i);
        // An entry no one has read is written as the JSON it was kept as, without binding it.
        StoredJson stored = change.unboundJson();
        byte[] json =
            stored instanceof StoredJson.InFile in
                ? windows
                    .computeIfAbsent(in.file(), file -> file.window(LogScan.CHUNK))
                    .read(in.offset(), in.length())
                : stored == null ? null : stored.read();
        if (stored != null && json == null) {
          throw new IOException("the store is closed");
        }
        byte[] record =
            records.write(
                new Write(
                    change.sequence(),
                    snapshot.owners().get(i),
                    change.id(),
                    change.version(),
                    change.deleted() || json != null ? null : change.entry().entry(),
                    change.at(),
                    null,
                    json == null ? null : new StoredJson.InMemory(json)));
        // A put ends with its entry (written last): <crc> {"op":"put",...,"entry":{...}}\n
        int at = json == null ? -1 : record.length - 2 - json.length;
        if (json != null
            && record[record.length - 2] == '}'
            && Arrays.equals(record, at, at + json.length, json, 0, json.length)) {
          unread.add(new Unread(change, stored, position + at, json.length));
        } else if (json != null) {
          change.detach(); // not found where expected: kept on the heap, its file is retired
        }
        out.write(record);
        position += record.length;
        if (position - synced >= SNAPSHOT_SYNC_STEP) {
          out.flush();
          channel.force(false);
          synced = position;
        }
      }
      for (StoredKey key : snapshot.keys()) {
        out.write(records.key(key));
      }
      out.flush();
      channel.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory();
    return new Written(target, Files.size(target), unread);
  }

  /** Removes the snapshots and segments that the snapshot of {@code number} replaces. */
  private void removeBefore(long number) throws IOException {
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory)) {
      for (Path file : listing) {
        String name = file.getFileName().toString();
        Matcher segment = SEGMENT.matcher(name);
        Matcher snapshot = SNAPSHOT.matcher(name);
        boolean replaced =
            (segment.matches() && Long.parseLong(segment.group(1)) < number)
                || (snapshot.matches() && Long.parseLong(snapshot.group(1)) < number);
        if (!replaced) {
          continue;
        }
        if (damaged.contains(file)) {
          Files.move(
              file, file.resolveSibling(name + DAMAGED_SUFFIX), StandardCopyOption.ATOMIC_MOVE);
        } else {
          Files.delete(file);
        }
      }
    }
    damaged.clear();
    syncDirectory();
  }

  private Path segmentFile(long number) {
    return directory.resolve(String.format("log-%010d.jsonl", number));
  }

  private Path snapshotFile(long number) {
    return directory.resolve(String.format("snapshot-%010d.jsonl", number));
  }

  /** Makes the directory's latest creations, renames and deletions durable. */
  private void syncDirectory() throws IOException {
    synchronized (directoryChannel) {
      directoryChannel.force(true);
    }
  }

  // ---- the store contract ----

  @Override
  public String engine() {
    return "file";
  }

  @Override
  public String identity() {
    return identity;
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
  public Insertion insert(String owner, String id, AddressEntry entry, IdempotencyKey key) {
    requireWellFormed(id);
    return index.insert(owner, id, entry, key);
  }

  @Override
  public Set<String> writeBatch(
      String owner, Map<String, AddressEntry> inserts, Map<String, AddressEntry> replaces) {
    inserts.keySet().forEach(FileStore::requireWellFormed);
    return index.writeBatch(owner, inserts, replaces);
  }

  @Override
  public Optional<VersionedEntry> find(String owner, String id) {
    return index.find(owner, id);
  }

  @Override
  public WriteResult replace(String owner, String id, AddressEntry entry, VersionMatch expected) {
    return index.replace(owner, id, entry, expected);
  }

  @Override
  public WriteResult remove(String owner, String id, VersionMatch expected) {
    return index.remove(owner, id, expected);
  }

  @Override
  public MergeResult merge(
      String owner,
      String targetId,
      AddressEntry merged,
      VersionMatch target,
      Map<String, VersionMatch> sources) {
    return index.merge(owner, targetId, merged, target, sources);
  }

  @Override
  public List<VersionedEntry> list(String owner, String after, int limit, String text) {
    return index.list(owner, after, limit, text);
  }

  @Override
  public ChangeBatch changes(String owner, long after, int limit) {
    return index.changes(owner, after, limit);
  }

  @Override
  public long count() {
    return index.count();
  }

  /** Releases the directory lock; the store refuses writes afterwards. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    compactor.shutdown();
    try {
      compactor.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      lock.release();
    } catch (IOException e) {
      Log.warnf("Could not release the lock on %s: %s", directory, e.getMessage());
    } finally {
      closeQuietly(log);
      synchronized (entryFiles) {
        entryFiles.forEach(LogFile::retire);
      }
      synchronized (directoryChannel) {
        closeQuietly(directoryChannel);
      }
      closeQuietly(lockChannel);
      OPEN_DIRECTORIES.remove(directory);
    }
  }

  /** The directory the store's files are in. */
  Path directory() {
    return directory;
  }

  /** Whether {@code id} has the form of an entry id (32 lowercase hex). */
  static boolean isWellFormed(String id) {
    return EntryIds.isWellFormed(id);
  }

  private static void requireWellFormed(String id) {
    if (!isWellFormed(id)) {
      throw new IllegalArgumentException("not an entry id (32 lowercase hex digits): " + id);
    }
  }

  /**
   * One line saying what is wrong with a record or file (Jackson's messages span several lines).
   */
  static String reason(Exception e) {
    if (e instanceof JsonProcessingException json) {
      JsonLocation at = json.getLocation();
      return json.getOriginalMessage().lines().findFirst().orElse("invalid JSON")
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }
    return String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      Log.debugf("Closing failed: %s", e.getMessage());
    }
  }
}
