package io.addrservice.api.http;

import io.addrservice.config.AddrServiceConfig;
import io.addrservice.config.AddrServiceConfig.AuthMode;
import io.smallrye.common.net.CidrAddress;
import io.smallrye.common.net.Inet;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Protected mode: without authentication, the API serves only peers in {@code
 * addrservice.auth.trusted-peers} (loopback by default) unless {@code
 * addrservice.auth.allow-anonymous-remote} is true, so a service started without tokens is not an
 * open book on the network. The peer is the TCP connection's, never a forwarded header, which any
 * client can write. A REST filter after matching: it sees every API endpoint, whatever the path's
 * spelling, and not health, metrics, OpenAPI or Swagger UI, which are not REST resources.
 */
public class ProtectedMode {
  private final boolean active;
  private final List<CidrAddress> trusted;

  ProtectedMode(AddrServiceConfig config) {
    AddrServiceConfig.Auth auth = config.auth();
    this.active = auth.mode() == AuthMode.NONE && !auth.allowAnonymousRemote();
    this.trusted = List.copyOf(auth.trustedPeers());
  }

  /** Refuses a request from an untrusted peer with 403, before the resource runs. */
  @ServerRequestFilter
  public void refuseRemotePeers(HttpServerRequest request) {
    if (active && !isTrusted(request.connection().remoteAddress())) {
      throw new AnonymousRemoteException();
    }
  }

  /** Whether {@code peer} is in a trusted range; a peer that cannot be told (a socket file) is. */
  boolean isTrusted(SocketAddress peer) {
    if (peer == null || peer.isDomainSocket()) {
      return true;
    }
    InetAddress address = Inet.parseInetAddress(peer.hostAddress());
    if (address == null) {
      return false;
    }
    for (CidrAddress range : trusted) {
      if (range.matches(address)) {
        return true;
      }
    }
    return false;
  }
}
