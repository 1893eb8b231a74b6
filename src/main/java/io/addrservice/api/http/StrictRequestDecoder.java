package io.addrservice.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Vert.x's HTTP/1 request decoder, with two faults that it handles silently made visible:
 *
 * <ul>
 *   <li>A request with both {@code Content-Length} and {@code Transfer-Encoding: chunked}: Netty
 *       drops the length and reads the body as chunked, so no later handler can tell. This decoder
 *       marks the request ({@link #hadBothLengths}), and {@link RequestFraming} answers 400.
 *   <li>A malformed chunk in a body: Vert.x closes the connection without an answer. This decoder
 *       answers 400 with the JSON error body and {@code Connection: close} itself (the request's
 *       head has gone up the pipeline, the rest of the body cannot be framed), then closes; the
 *       request's canonical line names the status sent ({@link SentBelowVertx#STATUS}).
 * </ul>
 *
 * It also bounds the time from a request's first byte to the end of its headers ({@code
 * addrservice.header-timeout}): a client that sends its headers a byte at a time loses the
 * connection then, rather than holding it for as long as it keeps trickling.
 *
 * <p>Installed into every HTTP/1 connection as it opens ({@link StrictHttp1}), replacing Vert.x's
 * decoder under the same name before any byte is read.
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {
  /** The pipeline name Vert.x gives its request decoder. */
  static final String NAME = "httpDecoder";

  /**
   * The header this decoder adds to a request that carried both lengths. Netty's headers are the
   * request's headers, so it is how the mark reaches the route filter; a client that sends it
   * itself is answered exactly as if it had sent both lengths.
   */
  static final String BOTH_LENGTHS_MARK = "x-addrservice-both-lengths";

  /**
   * The header this decoder adds to an HTTP/1.1 request without exactly one {@code Host}, whose
   * Host it then sets to a placeholder so Vert.x lets it through to the JSON 400.
   */
  static final String NO_HOST_MARK = "x-addrservice-no-host";

  /** The message of a body whose chunked framing is malformed. */
  static final String MALFORMED_CHUNK = "Malformed chunked body";

  private static final AttributeKey<Boolean> RESPONDING =
      AttributeKey.valueOf("addrservice.responding");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final long headerTimeoutMillis;
  private String method = "";
  private String uri = "";

  /** Between requests: the next byte starts a request head, and the header timeout with it. */
  private boolean awaitingHead = true;

  /** Bytes of a request head have arrived, but not all of it yet. */
  private boolean headStarted;

  private ScheduledFuture<?> headTimer;

  /** After a request with both lengths: every later byte on the connection is dropped. */
  private boolean discarding;

  StrictRequestDecoder(HttpServerOptions options, Duration headerTimeout) {
    super(options);
    this.headerTimeoutMillis = headerTimeout.toMillis();
  }

  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    super.handleTransferEncodingChunkedWithContentLength(message);
    message.headers().set(BOTH_LENGTHS_MARK, "1");
    // Whatever follows cannot be framed with any confidence: a request smuggled in the body must
    // never reach the service, even pipelined behind the 400. The connection is closed after it.
    discarding = true;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out)
      throws Exception {
    if (discarding) {
      buffer.skipBytes(buffer.readableBytes());
      return;
    }
    if (awaitingHead && buffer.isReadable()) {
      headStarted = true;
    }
    int before = out.size();
    super.decode(ctx, buffer, out);
    for (int i = before; i < out.size(); i++) {
      Object decoded = out.get(i);
      if (decoded instanceof HttpRequest request) {
        method = request.method().name();
        uri = request.uri();
        if (badEscape(uri)) {
          // Vert.x would refuse it with a bare 400 before any route: through, marked, for the JSON
          // one, with a target that routes nowhere.
          request.headers().set(EarlyErrors.ORIGINAL_URI, uri);
          request.setUri("/");
        }
        if (request.protocolVersion().equals(HttpVersion.HTTP_1_1)
            && request.headers().getAll(HttpHeaderNames.HOST).size() != 1) {
          // Vert.x would answer a bare 400 of its own: let the request through, marked, to get
          // the JSON one from RequestFraming.
          request.headers().set(HttpHeaderNames.HOST, "host.invalid");
          request.headers().set(NO_HOST_MARK, "1");
        }
        awaitingHead = false;
        headStarted = false;
        cancelHeadTimer();
        ctx.channel().attr(RESPONDING).set(false);
      }
      if (decoded instanceof LastHttpContent
          && !((HttpContent) decoded).decoderResult().isFailure()) {
        awaitingHead = true;
      } else if (decoded instanceof HttpContent content && content.decoderResult().isFailure()) {
        out.remove(i);
        content.release();
        answerMalformedBody(ctx);
        return;
      }
    }
    // A head that did not arrive whole in one read (rare but for slow clients): time it. A timer
    // only then keeps the common case free of scheduling.
    if (headStarted && headTimer == null && headerTimeoutMillis > 0) {
      Channel channel = ctx.channel();
      headTimer =
          ctx.executor()
              .schedule((Runnable) channel::close, headerTimeoutMillis, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancelHeadTimer();
    super.channelInactive(ctx);
  }

  private void cancelHeadTimer() {
    if (headTimer != null) {
      headTimer.cancel(false);
      headTimer = null;
    }
  }

  /**
   * 400 on the raw channel and close, unless the service has begun an answer of its own (an early
   * 413 while the body was still arriving): then only close, as Vert.x would.
   */
  private void answerMalformedBody(ChannelHandlerContext ctx) {
    Channel channel = ctx.channel();
    if (Boolean.TRUE.equals(channel.attr(RESPONDING).get())) {
      channel.close();
      return;
    }
    channel.attr(SentBelowVertx.STATUS).set(400);
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(new EarlyErrors.Body(method, uri, 400, MALFORMED_CHUNK, null));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    String head =
        "HTTP/1.1 400 "
            + MALFORMED_CHUNK
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    ByteBuf answer = Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), body);
    // From this handler's place, below the response encoder, which takes only HTTP objects.
    ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
  }

  /** Whether the decoder marked {@code request} as having carried both lengths. */
  static boolean hadBothLengths(HttpServerRequest request) {
    return request.headers().contains(BOTH_LENGTHS_MARK);
  }

  /** Whether {@code uri} has a {@code %} not followed by two hex digits. */
  static boolean badEscape(String uri) {
    for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
      if (i + 2 >= uri.length()
          || Character.digit(uri.charAt(i + 1), 16) < 0
          || Character.digit(uri.charAt(i + 2), 16) < 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether the decoder replaced {@code request}'s malformed target. */
  static boolean hadBadTarget(HttpServerRequest request) {
    return request.headers().contains(EarlyErrors.ORIGINAL_URI);
  }

  /** Whether the decoder marked {@code request} as lacking exactly one Host header. */
  static boolean hadNoHost(HttpServerRequest request) {
    return request.headers().contains(NO_HOST_MARK);
  }

  /** Records that the service has begun its answer to the current request on this connection. */
  static void responding(HttpServerRequest request) {
    Channel channel = channel(request);
    if (channel != null) {
      channel.attr(RESPONDING).set(true);
    }
  }

  /** The Netty channel under a Vert.x HTTP/1 request, or null (HTTP/2, a test double). */
  static Channel channel(HttpServerRequest request) {
    return request.connection() instanceof ConnectionBase connection ? connection.channel() : null;
  }

  /**
   * Put first into the server (listening) channel's pipeline: every accepted connection gets a
   * handler that swaps the decoder in once Vert.x has built the connection's pipeline, when it
   * becomes active and before its first byte is read.
   */
  static final class Acceptor extends ChannelInboundHandlerAdapter {
    private final HttpServerOptions options;
    private final Duration headerTimeout;

    Acceptor(HttpServerOptions options, Duration headerTimeout) {
      this.options = options;
      this.headerTimeout = headerTimeout;
    }

    @Override
    public boolean isSharable() {
      return true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object accepted) {
      if (accepted instanceof Channel child) {
        child.pipeline().addFirst(new OnActive(options, headerTimeout));
      }
      ctx.fireChannelRead(accepted);
    }
  }

  /** Swaps the decoder of one connection as it becomes active, then leaves its pipeline. */
  private static final class OnActive extends ChannelInboundHandlerAdapter {
    private final HttpServerOptions options;
    private final Duration headerTimeout;

    OnActive(HttpServerOptions options, Duration headerTimeout) {
      this.options = options;
      this.headerTimeout = headerTimeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      if (ctx.pipeline().get(NAME) instanceof VertxHttpRequestDecoder stock
          && !(stock instanceof StrictRequestDecoder)) {
        ctx.pipeline().replace(NAME, NAME, new StrictRequestDecoder(options, headerTimeout));
      }
      ctx.fireChannelActive();
      ctx.pipeline().remove(this);
    }
  }
}
