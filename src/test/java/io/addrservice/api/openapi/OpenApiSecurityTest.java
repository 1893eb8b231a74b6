package io.addrservice.api.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document declares the bearer scheme, and every operation under {@code /addresses}
 * requires it and lists its 401 and 403: Swagger UI's Authorize then sends a pasted token.
 */
@QuarkusTest
class OpenApiSecurityTest {
  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "patch", "head", "options");

  @Test
  void theBearerSchemeIsDeclaredAndRequiredByEveryApiOperation() throws Exception {
    JsonNode openApi =
        new ObjectMapper().readTree(given().get("/q/openapi?format=json").asString());
    JsonNode scheme = openApi.at("/components/securitySchemes/bearer");
    assertEquals("http", scheme.path("type").asText());
    assertEquals("bearer", scheme.path("scheme").asText());
    assertEquals("JWT", scheme.path("bearerFormat").asText());

    List<String> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : openApi.path("paths").properties()) {
      if (!path.getKey().startsWith("/addresses")) {
        continue;
      }
      for (String method : METHODS) {
        JsonNode operation = path.getValue().path(method);
        if (operation.isMissingNode()) {
          continue;
        }
        String name = method + " " + path.getKey();
        operations.add(name);
        assertTrue(
            operation.path("security").toString().contains("{\"bearer\":[]}"),
            name + ": " + operation.path("security"));
        assertEquals(
            "#/components/responses/Unauthorized",
            operation.at("/responses/401/$ref").asText(),
            name + " 401");
        // A write's one 403 also covers the cross-origin refusal (ForbiddenWrite).
        assertTrue(
            Set.of("#/components/responses/Forbidden", "#/components/responses/ForbiddenWrite")
                .contains(operation.at("/responses/403/$ref").asText()),
            name + " 403");
      }
    }
    assertTrue(operations.size() >= 5, operations.toString());
    assertTrue(
        openApi.at("/components/responses/ForbiddenWrite/description").asText().contains("jwt"));
    JsonNode unauthorized = openApi.at("/components/responses/Unauthorized");
    assertTrue(unauthorized.at("/headers/WWW-Authenticate").isObject(), unauthorized.toString());
    assertEquals(
        "#/components/schemas/ErrorBody",
        unauthorized.at("/content/application~1json/schema/$ref").asText());
  }
}
