package io.addrservice.api.http;

import io.addrservice.config.AddrServiceConfig;
import io.netty.channel.Channel;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts {@link StrictRequestDecoder} into every HTTP/1 connection. Neither Quarkus nor Vert.x offers
 * a hook into a connection's pipeline, but every request leads to its connection's channel and from
 * there to the listening channel, where a handler sees each connection as it is accepted. The first
 * request to reach the service is the server's own, sent once it listens, so no client request is
 * read by the stock decoder.
 */
@ApplicationScoped
public class StrictHttp1 implements HttpServerOptionsCustomizer {
  private static final String ACCEPTOR = "addrservice-strict-http1";

  private final Set<Channel> hooked = ConcurrentHashMap.newKeySet();
  private final Duration headerTimeout;
  private volatile HttpServerOptions options;

  StrictHttp1(AddrServiceConfig config) {
    this.headerTimeout = config.headerTimeout();
  }

  /** Keeps the plain HTTP server's options: the decoder is built with the same limits. */
  @Override
  public void customizeHttpServer(HttpServerOptions options) {
    this.options = options;
  }

  /**
   * Hooks the listening channel under {@code request}'s connection, once per listening channel.
   * Only later connections are affected: the current one's decoder may be in the middle of a body.
   */
  void install(HttpServerRequest request) {
    Channel channel = StrictRequestDecoder.channel(request);
    Channel server = channel == null ? null : channel.parent();
    HttpServerOptions current = options;
    if (server != null && current != null && hooked.add(server)) {
      server
          .pipeline()
          .addFirst(ACCEPTOR, new StrictRequestDecoder.Acceptor(current, headerTimeout));
    }
  }

  /** The server's own first request, which hooks the listening channel before any client's. */
  void started(@ObservesAsync HttpServerStart start, Vertx vertx) {
    HttpServerOptions started = start.options();
    if (started.getPort() <= 0) {
      // A random port (quarkus.http.port=0, the tests' port): the options do not say which one was
      // taken. The first client request hooks the listening channel instead.
      return;
    }
    String host = started.getHost();
    String target =
        host == null || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")
            ? "127.0.0.1"
            : host;
    vertx
        .createNetClient()
        .connect(started.getPort(), target)
        .onSuccess(
            socket -> {
              socket.handler(ignored -> socket.close());
              socket.write(
                  Buffer.buffer(
                      "HEAD /q/health/live HTTP/1.1\r\nHost: "
                          + target
                          + "\r\nConnection: close\r\n\r\n"));
            })
        .onFailure(
            e -> Log.warnf("Could not reach the HTTP server to install strict framing: %s", e));
  }
}
