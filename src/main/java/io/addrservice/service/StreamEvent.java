package io.addrservice.service;

/**
 * What an open change stream sends.
 *
 * @param kind what it is
 * @param token for {@link Kind#CHANGE}, the token through this change; for {@link Kind#RESUME} and
 *     {@link Kind#EXPIRED}, the last token sent (or the one the stream started from), else null
 * @param change the change, for {@link Kind#CHANGE} only
 * @param json the change as JSON, written once for every stream it goes to; null for other kinds
 */
public record StreamEvent(Kind kind, String token, FeedChange change, String json) {
  /** The kinds of events. */
  public enum Kind {
    /** An entry's latest state or deletion. */
    CHANGE,
    /** Nothing happened: a comment that keeps the connection alive. */
    HEARTBEAT,
    /** The last event: the client fell behind and must reconnect with its last token. */
    RESUME,
    /** The last event: the token expired, the client must sync again without a token. */
    EXPIRED
  }
}
