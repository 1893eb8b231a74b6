package io.addrservice.api.http;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotFoundException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses paths with matrix parameters ({@code /addresses/ID;x}, {@code /addresses;x}) as unknown
 * endpoints. JAX-RS drops {@code ;...} from a path segment before matching, so such a path would
 * otherwise be served as the entry it starts with, and a path id outside the id alphabet would
 * reach the store (DESIGN §2). The API has no matrix parameters, so any {@code ;} in the path is a
 * path that does not exist: 404 "Unknown Endpoint", for every method.
 */
public class MatrixParameterFilter {

  /** Before matching, so that the method and the path template play no part. */
  @ServerRequestFilter(preMatching = true)
  public void rejectMatrixParameters(HttpServerRequest request) {
    // The raw path: an encoded %3B is data, and is refused by the id's pattern instead.
    if (request.path().indexOf(';') >= 0) {
      throw new NotFoundException();
    }
  }
}
