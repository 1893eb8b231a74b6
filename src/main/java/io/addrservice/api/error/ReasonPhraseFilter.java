package io.addrservice.api.error;

import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Puts an error's short message on the status line ({@code HTTP/1.1 400 Invalid JSON body}),
 * sanitised to one line of printable ASCII; Quarkus REST would write the standard phrase.
 */
public class ReasonPhraseFilter {

  /** Sets the status message of the Vert.x response before the status line is written. */
  @ServerResponseFilter
  public void reasonPhrase(ContainerResponseContext context, HttpServerResponse response) {
    if (context.getEntity() instanceof ErrorBody error) {
      response.setStatusMessage(reasonPhrase(error.message()));
    }
  }

  /** At most 200 printable ASCII characters; any other character becomes '?'. */
  static String reasonPhrase(String message) {
    StringBuilder phrase = new StringBuilder(Math.min(message.length(), 200));
    for (int i = 0; i < message.length() && phrase.length() < 200; i++) {
      char c = message.charAt(i);
      phrase.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return phrase.toString();
  }
}
