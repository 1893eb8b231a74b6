package io.addrservice.api.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses a write (POST, PUT, PATCH, DELETE) whose {@code Origin} names another origin: 403 with
 * the JSON body. Request bodies are read as JSON whatever their type (for {@code curl -d}), so a
 * web page could otherwise make a visitor's browser create or delete entries in a service on the
 * visitor's machine with a form post, which needs no preflight. Browsers always send {@code Origin}
 * on such requests; curl and other non-browser clients send none and pass.
 *
 * <p>The origins a browser may write from are Quarkus's CORS settings, the one place they are
 * configured: {@code quarkus.http.cors.enabled=true} with {@code quarkus.http.cors.origins} (exact
 * origins, {@code *}, or {@code /regex/} as Quarkus reads them). Same-origin writes always pass.
 */
@ApplicationScoped
public class CrossOriginWrites {
  /** The message of a refused cross-origin write. */
  public static final String MESSAGE = "Cross-origin write refused";

  private static final int PRIORITY = Integer.MAX_VALUE - 4;
  private static final Set<HttpMethod> WRITES =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  private final EarlyErrors errors;
  private final boolean anyOrigin;
  private final Set<String> origins;
  private final List<Pattern> patterns;

  CrossOriginWrites(EarlyErrors errors, Config config) {
    this.errors = errors;
    boolean cors =
        config.getOptionalValue("quarkus.http.cors.enabled", Boolean.class).orElse(false);
    List<String> configured =
        cors
            ? config.getOptionalValues("quarkus.http.cors.origins", String.class).orElse(List.of())
            : List.of();
    this.anyOrigin = configured.contains("*");
    this.origins =
        Set.copyOf(
            configured.stream()
                .filter(o -> !(o.length() > 1 && o.startsWith("/") && o.endsWith("/")))
                .map(CrossOriginWrites::normalised)
                .toList());
    this.patterns =
        configured.stream()
            .filter(o -> o.length() > 1 && o.startsWith("/") && o.endsWith("/"))
            .map(o -> Pattern.compile(o.substring(1, o.length() - 1)))
            .toList();
  }

  void register(@Observes Filters filters) {
    filters.register(this::handle, PRIORITY);
  }

  void handle(RoutingContext routing) {
    HttpServerRequest request = routing.request();
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin != null && WRITES.contains(request.method()) && !allowed(origin, request)) {
      errors.send(routing, 403, MESSAGE, false);
      return;
    }
    routing.next();
  }

  /** The request's own origin, or one the CORS settings list. */
  boolean allowed(String origin, HttpServerRequest request) {
    String normalised = normalised(origin);
    String host = request.getHeader(HttpHeaders.HOST);
    if (host != null && normalised.equals(normalised(request.scheme() + "://" + host))) {
      return true;
    }
    return anyOrigin
        || origins.contains(normalised)
        || patterns.stream().anyMatch(p -> p.matcher(origin).matches());
  }

  /**
   * {@code scheme://host:port} in lower case with the scheme's default port made explicit, so that
   * {@code http://Localhost} and {@code http://localhost:80} are one origin; anything that is not
   * such an origin ({@code null}, a path) is returned as it is and matches only itself.
   */
  static String normalised(String origin) {
    try {
      URI uri = new URI(origin.trim());
      String scheme = uri.getScheme();
      String host = uri.getHost();
      if (scheme == null || host == null) {
        return origin;
      }
      scheme = scheme.toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      if (port < 0) {
        port = scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
      }
      return scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port;
    } catch (java.net.URISyntaxException e) {
      return origin;
    }
  }
}
