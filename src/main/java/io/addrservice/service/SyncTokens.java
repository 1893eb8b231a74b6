package io.addrservice.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * The change feed's tokens: opaque to clients, and made of a format version, a digest of the
 * store's identity, a digest of the owner, the sequence number the client is in step through and
 * the floor of a full sync (tombstones up to it are of entries the client never had). Base64url
 * without padding, 44 characters. A token is not a secret: it only ever reads the caller's own
 * book, and the digests only tell a token of another store or another book from one of this book.
 */
final class SyncTokens {
  private static final byte VERSION = 1;
  private static final int LENGTH = 1 + 8 + 8 + 8 + 8;

  /**
   * What a token says: continue after {@code sequence}; leave out tombstones up to {@code floor}.
   */
  record Position(long sequence, long floor) {
    /** The same position, without a floor it has passed. */
    Position normalised() {
      return sequence >= floor ? new Position(sequence, 0) : this;
    }
  }

  private final long store;

  SyncTokens(String storeIdentity) {
    this.store = digest(storeIdentity);
  }

  String encode(String owner, Position position) {
    Position at = position.normalised();
    ByteBuffer bytes = ByteBuffer.allocate(LENGTH);
    bytes.put(VERSION).putLong(store).putLong(digest(owner));
    bytes.putLong(at.sequence()).putLong(at.floor());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }

  /**
   * The position a token names.
   *
   * @param parameter where the token came from, to name in the error ({@code since}, {@code
   *     Last-Event-ID})
   * @throws InvalidRequestException when the token is malformed, or of another store or book
   */
  Position decode(String owner, String token, String parameter) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      raw = null;
    }
    if (raw == null || raw.length != LENGTH || raw[0] != VERSION) {
      throw invalid(parameter, "is not a change feed token of this service");
    }
    ByteBuffer bytes = ByteBuffer.wrap(raw, 1, LENGTH - 1);
    if (bytes.getLong() != store) {
      throw invalid(
          parameter, "is a token of another store: sync again without since to start afresh");
    }
    if (bytes.getLong() != digest(owner)) {
      throw invalid(parameter, "is a token of another book");
    }
    long sequence = bytes.getLong();
    long floor = bytes.getLong();
    if (sequence < 0 || floor < 0) {
      throw invalid(parameter, "is not a change feed token of this service");
    }
    return new Position(sequence, floor);
  }

  private static InvalidRequestException invalid(String parameter, String message) {
    return new InvalidRequestException(
        InvalidRequestException.INVALID_TOKEN, List.of(new Violation(parameter, message)));
  }

  private static long digest(String text) {
    try {
      return ByteBuffer.wrap(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
          .getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
