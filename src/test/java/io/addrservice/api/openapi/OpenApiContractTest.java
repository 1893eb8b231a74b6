package io.addrservice.api.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.addrservice.service.EntryValidator;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OpenAPI document and the validator state the same rules: for each object of the model, the
 * same properties, required fields, types, enums, patterns and formats, and no additional
 * properties. A client generated from the document is then correct. Besides comparing the rules
 * keyword by keyword, the document's AddressEntry schema is run as a JSON Schema against sample
 * bodies and must judge them as the validator's schema does: keywords can look alike and still
 * combine into a schema that no value satisfies.
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

  /** Bodies each field's rule accepts or refuses, good and bad, with every JSON type. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"full_name\": \"A\"}",
        "{\"full_name\": \" \"}",
        "{\"full_name\": 1}",
        "{}",
        "{\"full_name\": \"A\", \"extra\": 1}",
        "{\"full_name\": \"A\", \"addresses\": [" + ADDRESS + "]}",
        "{\"full_name\": \"A\", \"addresses\": [" + ADDRESS + ", {}]}",
        "{\"full_name\": \"A\", \"addresses\": [{\"kind\": \"car\", \"street_name\": \"\","
            + " \"country\": 1, \"floor\": 2}]}",
        "{\"full_name\": \"A\", \"addresses\": [%s]}",
        "{\"full_name\": \"A\", \"phone_numbers\": [{\"kind\": \"home\", \"country_code\": 1,"
            + " \"area_code\": 2.5, \"local_number\": 3}]}",
        "{\"full_name\": \"A\", \"fax_numbers\": [{\"kind\": \"home\", \"country_code\": \"1\","
            + " \"area_code\": null, \"local_number\": []}]}",
        "{\"full_name\": \"A\", \"emails\": [{\"kind\": \"work\", \"email\": \"a@example.org\"}]}",
        "{\"full_name\": \"A\", \"emails\": [{\"kind\": \"work\", \"email\": \"nope\"}, {}]}",
        "{\"full_name\": \"A\", \"emails\": {}}",
      })
  void openApiAndSchemaJudgeBodiesAlike(String template) throws Exception {
    JsonSchema fromOpenApi = openApiEntrySchema();
    JsonSchema fromSchema = entrySchema();
    JsonNode body = MAPPER.readTree(String.format(template, ADDRESS));
    List<JsonNode> samples = new ArrayList<>(List.of(body));
    if (template.contains("%s")) {
      // The address's number-or-string and number fields, with a value of every JSON type.
      for (String field : new String[] {"street_number", "pincode", "unit_number"}) {
        for (String value : SCALARS) {
          samples.add(withAddressField(body, field, value));
        }
      }
    }
    for (JsonNode sample : samples) {
      assertEquals(
          locations(fromSchema.validate(sample)),
          locations(fromOpenApi.validate(sample)),
          "where each schema finds " + sample + " invalid");
    }
  }

  @Test
  void theDocumentsOwnEntryExamplesAreValid() throws Exception {
    JsonNode openApi = MAPPER.readTree(given().get("/q/openapi?format=json").asString());
    JsonSchema fromOpenApi = openApiEntrySchema();
    JsonSchema fromSchema = entrySchema();
    int examples = 0;
    for (JsonNode content : openApi.findValues("application/json")) {
      if ("#/components/schemas/AddressEntry".equals(content.at("/schema/$ref").asText())) {
        for (JsonNode example : content.path("examples")) {
          assertEquals(Set.of(), locations(fromOpenApi.validate(example.get("value"))));
          assertEquals(Set.of(), locations(fromSchema.validate(example.get("value"))));
          examples++;
        }
      }
    }
    assertEquals(
        3,
        examples,
        "the examples of the shared request body, GET /addresses/{id} and POST .../merge");
  }

  @Test
  void headersAndParametersStateWhatTheServiceDoes() throws Exception {
    JsonNode openApi = MAPPER.readTree(given().get("/q/openapi?format=json").asString());
    JsonNode entry = openApi.at("/paths/~1addresses~1{id}");
    for (String method : new String[] {"get", "put", "delete"}) {
      JsonNode id = parameter(entry.at("/" + method + "/parameters"), "id", openApi);
      assertEquals("^[A-Za-z0-9-]{1,64}$", id.at("/schema/pattern").asText(), method);
    }
    assertTrue(entry.at("/get/responses/304/headers").has("ETag"));
    JsonNode stale = resolve(entry.at("/put/responses/412"), openApi);
    assertTrue(stale.path("headers").has("ETag"), stale.toString());
    JsonNode limit = parameter(openApi.at("/paths/~1addresses/get/parameters"), "limit", openApi);
    assertEquals(1000, limit.at("/schema/maximum").asInt(), limit.toString());
    assertEquals(1, limit.at("/schema/minimum").asInt(), limit.toString());
    assertEquals(100, limit.at("/schema/default").asInt(), limit.toString());
  }

  @Test
  void everyOperationDocumentsItsResponses() throws Exception {
    JsonNode paths = MAPPER.readTree(given().get("/q/openapi?format=json").asString()).at("/paths");
    assertEquals(Set.of("post", "get"), names(paths.get("/addresses")));
    assertEquals(Set.of("get", "put", "patch", "delete"), names(paths.get("/addresses/{id}")));
    assertEquals(
        Set.of("201", "400", "401", "403", "413", "415", "422"),
        names(paths.at("/~1addresses/post/responses")));
    assertEquals(Set.of("200", "400", "401", "403"), names(paths.at("/~1addresses/get/responses")));
    assertEquals(
        Set.of("204", "400", "401", "403", "404", "412", "413", "415"),
        names(paths.at("/~1addresses~1{id}/patch/responses")));
    assertEquals(
        Set.of("application/json", "text/vcard", "application/jscontact+json"),
        names(paths.at("/~1addresses~1{id}/get/responses/200/content")));
    assertEquals(
        "#/components/requestBodies/Entry",
        paths.at("/~1addresses/post/requestBody/$ref").asText());
    assertEquals(
        Set.of("application/json", "text/vcard", "application/jscontact+json"),
        names(
            MAPPER
                .readTree(given().get("/q/openapi?format=json").asString())
                .at("/components/requestBodies/Entry/content")));
    assertEquals(
        Set.of("application/merge-patch+json"),
        names(paths.at("/~1addresses~1{id}/patch/requestBody/content")));
    assertEquals(
        Set.of("200", "304", "400", "401", "403", "404", "406"),
        names(paths.at("/~1addresses~1{id}/get/responses")));
    assertEquals(
        Set.of("204", "400", "401", "403", "404", "412", "413", "415"),
        names(paths.at("/~1addresses~1{id}/put/responses")));
    assertEquals(
        Set.of("204", "400", "401", "403", "404", "412"),
        names(paths.at("/~1addresses~1{id}/delete/responses")));
    assertTrue(paths.at("/~1addresses/post/responses/201/headers").has("Location"));
    assertTrue(paths.at("/~1addresses/post/responses/201/headers").has("ETag"));
    assertTrue(paths.at("/~1addresses/get/responses/200/headers").has("Link"));
    assertEquals(
        "#/components/responses/StaleVersion",
        paths.at("/~1addresses~1{id}/put/responses/412/$ref").asText());
    assertEquals(
        Set.of("200", "400", "401", "403"),
        names(paths.at("/~1addresses~1duplicates/get/responses")));
    assertTrue(paths.at("/~1addresses~1duplicates/get/responses/200/headers").has("Link"));
    assertEquals(
        Set.of("200", "400", "401", "403", "404", "412", "413", "415"),
        names(paths.at("/~1addresses~1{id}~1merge/post/responses")));
    assertEquals(
        "#/components/headers/ETag",
        paths.at("/~1addresses~1{id}~1merge/post/responses/200/headers/ETag/$ref").asText());
    Set<String> mergeParameters = new TreeSet<>();
    paths
        .at("/~1addresses~1{id}~1merge/post/parameters")
        .forEach(p -> mergeParameters.add(p.path("$ref").asText()));
    assertEquals(
        Set.of("#/components/parameters/id", "#/components/parameters/If-Match"), mergeParameters);
  }

  @Test
  void sharedPartsAreDeclaredOnceAndReferenced() throws Exception {
    JsonNode paths = MAPPER.readTree(given().get("/q/openapi?format=json").asString()).at("/paths");
    JsonNode entry = paths.get("/addresses/{id}");
    for (String method : new String[] {"get", "put", "delete"}) {
      Set<String> refs = new TreeSet<>();
      entry.at("/" + method + "/parameters").forEach(p -> refs.add(p.path("$ref").asText()));
      assertTrue(refs.contains("#/components/parameters/id"), method + ": " + refs);
    }
    for (String pointer : new String[] {"/~1addresses/post", "/~1addresses~1{id}/put"}) {
      assertEquals(
          "#/components/requestBodies/Entry",
          paths.at(pointer + "/requestBody/$ref").asText(),
          pointer);
    }
    for (String pointer :
        new String[] {
          "/~1addresses/post/responses/201", "/~1addresses~1{id}/get/responses/200",
          "/~1addresses~1{id}/get/responses/304", "/~1addresses~1{id}/put/responses/204"
        }) {
      assertEquals(
          "#/components/headers/ETag", paths.at(pointer + "/headers/ETag/$ref").asText(), pointer);
    }
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
    // The 12 of the seed's contract; a 401 and a 403 on each of the eight operations; the 400s of
    // malformed conditions on GET and DELETE; POST's 422 for a reused Idempotency-Key; GET's and
    // export's 406; PATCH's five and import's three body errors; the change feed's 401, 403, 400
    // (limit and tokens), 406 and 410; a 401 and a 403 on duplicates and merge, the duplicates'
    // 400 and the merge's 400, 404, 412, 413 and 415.
    assertEquals(56, errors);
  }

  /** A valid address; samples replace one of its fields. */
  private static final String ADDRESS =
      "{\"kind\": \"home\", \"street_number\": 1, \"street_name\": \"S\", \"pincode\": \"1\","
          + " \"country\": \"C\"}";

  /** A value of every JSON type, for the number-or-string fields. */
  private static final String[] SCALARS = {
    "1", "-2.50", "\"12B\"", "\"\"", "true", "null", "{}", "[]", "[1]", "{\"a\": 1}"
  };

  private static JsonNode withAddressField(JsonNode body, String field, String value)
      throws Exception {
    JsonNode copy = body.deepCopy();
    ((ObjectNode) copy.at("/addresses/0")).set(field, MAPPER.readTree(value));
    return copy;
  }

  private static SchemaValidatorsConfig config() {
    return SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
  }

  /** The validator's own schema. */
  private static JsonSchema entrySchema() throws Exception {
    try (InputStream in =
        OpenApiContractTest.class.getClassLoader().getResourceAsStream(EntryValidator.SCHEMA)) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(MAPPER.readTree(in), config());
    }
  }

  /**
   * The document's AddressEntry as a standalone JSON Schema (OpenAPI 3.1 schemas are draft
   * 2020-12): the components become {@code $defs}, and references point there.
   */
  private static JsonSchema openApiEntrySchema() throws Exception {
    String openApi = given().get("/q/openapi?format=json").asString();
    JsonNode components =
        MAPPER.readTree(openApi.replace("#/components/schemas/", "#/$defs/")).at("/components");
    ObjectNode schema = components.at("/schemas/AddressEntry").deepCopy();
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.set("$defs", components.get("schemas"));
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(schema, config());
  }

  /** Where a schema found a body invalid, ignoring how it words it. */
  private static Set<String> locations(Set<ValidationMessage> messages) {
    return messages.stream()
        .map(m -> m.getInstanceLocation().toString())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static JsonNode parameter(JsonNode parameters, String name, JsonNode openApi) {
    for (JsonNode parameter : parameters) {
      JsonNode resolved = resolve(parameter, openApi);
      if (name.equals(resolved.path("name").asText())) {
        return resolved;
      }
    }
    throw new AssertionError("no parameter " + name + " in " + parameters);
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
