package io.addrservice.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.common.net.CidrAddress;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The service's own settings, under the {@code addrservice} prefix of application.yaml. */
@ConfigMapping(prefix = "addrservice")
public interface AddrServiceConfig {

  /** {@code addrservice.name}: the service's display name, used in the start-up log line. */
  @WithDefault("Address Book")
  String name();

  /** {@code addrservice.debug}: add the server-side stack trace to error bodies. */
  @WithDefault("false")
  boolean debug();

  /** {@code addrservice.max-body-size}: the largest request body accepted (413 above it). */
  @WithName("max-body-size")
  @WithDefault("64K")
  MemorySize maxBodySize();

  /**
   * {@code addrservice.header-timeout}: how long a client may take to send a request's line and
   * headers once it has started; then the connection is closed (slow-header clients hold nothing).
   */
  @WithName("header-timeout")
  @WithDefault("10S")
  Duration headerTimeout();

  /** {@code addrservice.page.*}: listing page sizes. */
  Page page();

  /** {@code addrservice.import.*}: bulk imports ({@code POST /addresses/import}). */
  @WithName("import")
  Import imports();

  /** Bulk imports. */
  interface Import {
    /**
     * {@code addrservice.import.max-size}: the largest import body (decoded), 413 above it; a body
     * that declares a larger Content-Length is refused before anything is stored.
     */
    @WithName("max-size")
    @WithDefault("256M")
    MemorySize maxSize();
  }

  /** {@code addrservice.store.*}: where entries are kept. */
  Store store();

  /** {@code addrservice.auth.*}: who may call, and whose book a request works on. */
  Auth auth();

  /** {@code addrservice.changes.*}: the change feed's history. */
  Changes changes();

  /** What the stores keep for the change feed. */
  interface Changes {
    /**
     * {@code addrservice.changes.retention}: how long a deletion's tombstone is kept; a client that
     * has not synced for longer must sync again from the start.
     */
    @WithDefault("30D")
    Duration retention();

    /**
     * {@code addrservice.changes.heartbeat}: the longest an open stream stays silent; a comment
     * line is sent when nothing else was, so that proxies and clients see the connection alive.
     */
    @WithDefault("15S")
    Duration heartbeat();

    /**
     * {@code addrservice.changes.poll-interval}: how often open streams look for changes written by
     * other instances of a shared (postgresql) database; this instance's own writes reach them at
     * once.
     */
    @WithDefault("1S")
    Duration pollInterval();

    /**
     * {@code addrservice.changes.stream-buffer}: events one stream may hold that its client has not
     * yet taken; a client further behind is dropped with a last event saying to resume.
     */
    @WithDefault("1000")
    int streamBuffer();

    /**
     * {@code addrservice.changes.stall-timeout}: a stream whose client has taken no event for this
     * long while events wait is dropped, with a last event saying to resume.
     */
    @WithDefault("30S")
    Duration stallTimeout();
  }

  /** Page sizes of {@code GET /addresses}. */
  interface Page {
    /** {@code addrservice.page.default-size}: entries per page when no limit is given. */
    @WithDefault("100")
    int defaultSize();

    /** {@code addrservice.page.max-size}: the largest limit a client may ask for. */
    @WithDefault("1000")
    int maxSize();
  }

  /** The storage engine and its settings. */
  interface Store {
    /** {@code addrservice.store.kind}: the engine. */
    @WithDefault("file")
    StoreKind kind();

    /** {@code addrservice.store.file.*}: settings of the file engine. */
    FileSettings file();
  }

  /** Settings of the file engine. */
  interface FileSettings {
    /**
     * {@code addrservice.store.file.dir}: the directory of the entry files, relative to the working
     * directory unless absolute; one process at a time may use it.
     */
    @WithDefault("addrservice-db")
    Path dir();

    /**
     * {@code addrservice.store.file.repair}: start even when the log is damaged before its end,
     * keeping every readable record and logging what was dropped (otherwise start-up stops and
     * names the file and byte offset).
     */
    @WithDefault("false")
    boolean repair();
  }

  /** Identity and access. */
  interface Auth {
    /** {@code addrservice.auth.mode}: none (one shared book) or jwt (bearer tokens). */
    @WithDefault("none")
    AuthMode mode();

    /** {@code addrservice.auth.owner-claim}: the token claim that names the caller's book. */
    @WithDefault("sub")
    String ownerClaim();

    /**
     * {@code addrservice.auth.allow-anonymous-remote}: in mode none, serve {@code /addresses} to
     * peers outside {@code trusted-peers} too.
     */
    @WithDefault("false")
    boolean allowAnonymousRemote();

    /**
     * {@code addrservice.auth.trusted-peers}: the TCP peers that mode none serves without
     * allow-anonymous-remote (CIDR ranges; the loopback ones by default).
     */
    @WithDefault("127.0.0.0/8,::1/128")
    List<CidrAddress> trustedPeers();
  }

  /** How callers are identified. */
  enum AuthMode {
    /** No identity: one shared book, served to trusted peers only unless allowed otherwise. */
    NONE,
    /** {@code Authorization: Bearer} tokens verified by smallrye-jwt; one book per owner. */
    JWT
  }

  /** The storage engines. */
  enum StoreKind {
    /** In memory, lost at exit. */
    MEMORY,
    /** An append-only, checksummed log in a directory, replayed into memory: the default. */
    FILE,
    /** A PostgreSQL database shared by any number of instances. */
    POSTGRESQL
  }
}
