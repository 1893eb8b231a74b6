package io.addrservice.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.service.EntryValidator;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The OpenAPI document and the validator state the same rules: for each object of the model, the
 * same properties, required fields, types, enums, patterns and formats, and no additional
 * properties. A client generated from the document is then correct.
 */
@QuarkusTest
class OpenApiContractTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @ParameterizedTest
  @CsvSource({
    "AddressEntry, #",
    "Address, #/$defs/Address",
    "Phone, #/$defs/Phone",
    "Email, #/$defs/Email"
  })
  void openApiAndSchemaAgree(String component, String schemaPointer) throws Exception {
    JsonNode openApi = MAPPER.readTree(given().get("/q/openapi?format=json").asString());
    JsonNode schema;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(EntryValidator.SCHEMA)) {
      schema = MAPPER.readTree(in);
    }
    JsonNode fromOpenApi = openApi.at("/components/schemas/" + component);
    JsonNode fromSchema = schema.at(schemaPointer.substring(1));
    assertEquals(
        describe(fromSchema, schema), describe(fromOpenApi, openApi), component + " differs");
  }

  @Test
  void everyOperationDocumentsItsResponses() throws Exception {
    JsonNode paths = MAPPER.readTree(given().get("/q/openapi?format=json").asString()).at("/paths");
    assertEquals(Set.of("post", "get"), names(paths.get("/addresses")));
    assertEquals(Set.of("get", "put", "delete"), names(paths.get("/addresses/{id}")));
    assertEquals(
        Set.of("201", "400", "413", "415"), names(paths.at("/~1addresses/post/responses")));
    assertEquals(Set.of("200", "400"), names(paths.at("/~1addresses/get/responses")));
    assertEquals(Set.of("200", "304", "404"), names(paths.at("/~1addresses~1{id}/get/responses")));
    assertEquals(
        Set.of("204", "400", "404", "412", "413", "415"),
        names(paths.at("/~1addresses~1{id}/put/responses")));
    assertEquals(
        Set.of("204", "404", "412"), names(paths.at("/~1addresses~1{id}/delete/responses")));
    assertTrue(paths.at("/~1addresses/post/responses/201/headers").has("Location"));
    assertTrue(paths.at("/~1addresses/post/responses/201/headers").has("ETag"));
    assertTrue(paths.at("/~1addresses/get/responses/200/headers").has("Link"));
    assertEquals(
        "#/components/responses/StaleVersion",
        paths.at("/~1addresses~1{id}/put/responses/412/$ref").asText());
  }

  @Test
  void everyErrorResponseHasTheErrorBody() throws Exception {
    JsonNode openApi = MAPPER.readTree(given().get("/q/openapi?format=json").asString());
    int errors = 0;
    for (JsonNode path : openApi.get("paths")) {
      for (JsonNode operation : path) {
        for (Map.Entry<String, JsonNode> response : operation.get("responses").properties()) {
          if (Integer.parseInt(response.getKey()) >= 400) {
            JsonNode resolved = resolve(response.getValue(), openApi);
            assertEquals(
                "#/components/schemas/ErrorBody",
                resolved.at("/content/application~1json/schema/$ref").asText(),
                response.getKey() + " of " + operation.get("summary"));
            errors++;
          }
        }
      }
    }
    assertEquals(12, errors);
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The rules a schema states, in one comparable form, with references resolved. */
  private static Map<String, Object> describe(JsonNode node, JsonNode root) {
    JsonNode schema = resolve(node, root);
    Map<String, Object> rules = new TreeMap<>();
    rules.put("types", types(schema, root));
    copy(schema, "enum", rules);
    copy(schema, "pattern", rules);
    copy(schema, "format", rules);
    if (schema.has("properties")) {
      rules.put("additionalProperties", schema.path("additionalProperties").asText("true"));
      Set<String> required = new TreeSet<>();
      schema.path("required").forEach(name -> required.add(name.asText()));
      rules.put("required", required);
      Map<String, Object> properties = new TreeMap<>();
      for (Map.Entry<String, JsonNode> field : schema.get("properties").properties()) {
        properties.put(field.getKey(), describe(field.getValue(), root));
      }
      rules.put("properties", properties);
    }
    if (schema.has("items")) {
      JsonNode items = schema.get("items");
      // Item objects are compared on their own; here only which object they are.
      rules.put("items", items.has("$ref") ? lastSegment(items.get("$ref").asText()) : items);
    }
    return rules;
  }

  private static Set<String> types(JsonNode schema, JsonNode root) {
    Set<String> types = new TreeSet<>();
    JsonNode type = schema.get("type");
    if (type != null && type.isArray()) {
      type.forEach(t -> types.add(t.asText()));
    } else if (type != null) {
      types.add(type.asText());
    }
    if (schema.has("oneOf")) {
      schema.get("oneOf").forEach(option -> types.addAll(types(resolve(option, root), root)));
    }
    return types;
  }

  private static JsonNode resolve(JsonNode node, JsonNode root) {
    JsonNode resolved = node;
    while (resolved.has("$ref")) {
      resolved = root.at(resolved.get("$ref").asText().substring(1));
    }
    return resolved;
  }

  private static void copy(JsonNode schema, String keyword, Map<String, Object> rules) {
    if (schema.has(keyword)) {
      rules.put(keyword, schema.get(keyword).toString());
    }
  }

  private static String lastSegment(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }
}
