package io.addrservice.api.http;

import io.netty.util.AttributeKey;

/**
 * The status that a handler below Vert.x (the strict request decoder) answered on a connection
 * before closing it, kept on the connection for the canonical line of its request.
 */
public final class SentBelowVertx {
  /** The connection attribute that holds the status sent. */
  public static final AttributeKey<Integer> STATUS =
      AttributeKey.valueOf("addrservice.sentBelowVertx");

  private SentBelowVertx() {}
}
