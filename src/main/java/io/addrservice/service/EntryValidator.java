package io.addrservice.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.JsonMapping;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * Turns a parsed request body into an {@link AddressEntry}. The tree is checked against the entry
 * schema ({@value #SCHEMA}) first, so that type errors, unknown properties and broken constraints
 * are all reported together with their JSON paths, and only a valid tree is bound to records.
 */
@ApplicationScoped
public class EntryValidator {
  /** The classpath resource holding the entry schema: the single statement of the rules. */
  public static final String SCHEMA = "schema/address-book-v1.0.json";

  /** The most digits a number may have on either side of its decimal point. */
  static final int MAX_DIGITS = JsonMapping.MAX_DIGITS;

  /**
   * The rule on numbers: their plain decimal form (no exponent), which is how every engine and
   * every representation writes them, has at most {@value #MAX_DIGITS} digits on either side of the
   * point. It bounds the exponent as well: 1e999 passes, 1e1000 does not.
   */
  public static final String NUMBER_RULE =
      "must have at most " + MAX_DIGITS + " digits before and after the decimal point";

  /** A property name that a JSON path may write after a dot; any other is quoted. */
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final ObjectMapper mapper;
  private final JsonSchema schema;

  /** A validator binding valid trees with {@code mapper}. */
  public EntryValidator(ObjectMapper mapper) {
    this.mapper = mapper;
    this.schema = loadSchema();
  }

  /**
   * The entry that {@code body} describes.
   *
   * @throws InvalidRequestException listing every violation when the body breaks the schema
   */
  public AddressEntry toEntry(JsonNode body) {
    List<Violation> found = new ArrayList<>();
    schema.validate(body).forEach(message -> found.add(violation(message)));
    checkScalars(body, () -> "$", found);
    List<Violation> violations =
        found.stream()
            .distinct()
            .sorted(Comparator.comparing(Violation::path).thenComparing(Violation::message))
            .toList();
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(InvalidRequestException.INVALID_ENTRY, violations);
    }
    try {
      return mapper.treeToValue(body, AddressEntry.class);
    } catch (JsonProcessingException e) {
      // The schema admits only trees that bind; reaching this is a bug in the schema.
      throw new IllegalStateException("A body valid against the schema did not bind", e);
    }
  }

  private static JsonSchema loadSchema() {
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_PATH)
            .formatAssertionsEnabled(true)
            .locale(Locale.ROOT)
            .build();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try (InputStream in = loader.getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + SCHEMA);
      }
      // The draft's meta-schema with the service's own idn-email format (EmailSyntax) in place of
      // the library's, which refuses domains outside its bundled list of top-level domains.
      JsonMetaSchema draft = JsonMetaSchema.getV202012();
      JsonMetaSchema withEmail = JsonMetaSchema.builder(draft).format(new EmailSyntax()).build();
      return JsonSchemaFactory.builder(
              JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012))
          .metaSchema(withEmail)
          .build()
          .getSchema(in, InputFormat.JSON, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A violation with the service's own wording, pointing at the offending value. */
  private static Violation violation(ValidationMessage message) {
    String at = message.getInstanceLocation().toString();
    JsonNode rule = message.getSchemaNode();
    return switch (message.getType()) {
      case "required" -> new Violation(child(at, message.getProperty()), "is required");
      case "additionalProperties" ->
          new Violation(child(at, message.getProperty()), "is not a known property");
      case "type" -> new Violation(at, "must be " + typeNames(rule));
      case "enum" -> new Violation(at, "must be one of " + values(rule));
      case "pattern" -> new Violation(at, "must not be blank");
      case "format" -> new Violation(at, "must be an e-mail address");
      default -> new Violation(at, message.getMessage());
    };
  }

  /**
   * Rules on values that every engine must be able to keep, beyond the schema's types: text that is
   * valid Unicode without U+0000 (PostgreSQL's JSONB cannot store either) and numbers within
   * {@value #MAX_DIGITS} digits on either side of the decimal point (so 1e999999999 cannot expand
   * into a billion digits). A value's path is written only for a violation: building every path
   * cost as much as the checks.
   */
  private static void checkScalars(JsonNode node, Supplier<String> path, List<Violation> found) {
    if (node.isTextual()) {
      checkText(node.textValue(), path, found);
    } else if (node.isNumber()) {
      if (!boundedDigits(node.decimalValue())) {
        found.add(new Violation(path.get(), NUMBER_RULE));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        int index = i;
        checkScalars(node.get(i), () -> path.get() + "[" + index + "]", found);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        checkScalars(field.getValue(), () -> child(path.get(), field.getKey()), found);
      }
    }
  }

  /**
   * Whether {@code number}'s plain form stays within {@link #NUMBER_RULE}. In long arithmetic: with
   * an exponent near 2^31 the int difference of precision and scale overflows, and 1e2147483647
   * would pass as having a negative number of digits.
   */
  static boolean boundedDigits(BigDecimal number) {
    long scale = number.scale();
    return scale <= MAX_DIGITS && number.precision() - scale <= MAX_DIGITS;
  }

  /**
   * The refusal of a number too large for any decimal representation (an exponent beyond 2^31,
   * which the parser cannot even hold), at the position {@code at} where the parser met it.
   */
  public static InvalidRequestException numberOutOfRange(JsonStreamContext at) {
    return new InvalidRequestException(
        InvalidRequestException.INVALID_ENTRY, List.of(new Violation(path(at), NUMBER_RULE)));
  }

  /** The JSON path of a parser position: {@code $.addresses[0].street_number}. */
  static String path(JsonStreamContext at) {
    if (at == null || at.inRoot()) {
      return "$";
    }
    String parent = path(at.getParent());
    if (at.inArray()) {
      return parent + "[" + Math.max(0, at.getCurrentIndex()) + "]";
    }
    return at.getCurrentName() == null ? parent : child(parent, at.getCurrentName());
  }

  /**
   * Text must be Unicode that every engine stores as sent: no U+0000, and no unpaired surrogate (an
   * escaped high surrogate without a low one after it, or a low one alone), which is no character
   * at all and which PostgreSQL's JSONB refuses while the other engines would keep it.
   */
  private static void checkText(String text, Supplier<String> path, List<Violation> found) {
    boolean nul = false;
    boolean unpaired = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        nul = true;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        unpaired = true;
      }
    }
    if (nul) {
      found.add(new Violation(path.get(), "must not contain the character U+0000"));
    }
    if (unpaired) {
      found.add(
          new Violation(path.get(), "must not contain an unpaired surrogate (U+D800 to U+DFFF)"));
    }
  }

  private static String child(String parent, String property) {
    // Only for a violation's path, but a compiled pattern all the same.
    return PLAIN_NAME.matcher(property).matches()
        ? parent + "." + property
        : parent + "['" + property.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  private static String typeNames(JsonNode type) {
    List<String> names =
        type.isArray()
            ? StreamSupport.stream(type.spliterator(), false).map(JsonNode::asText).toList()
            : List.of(type.asText());
    return String.join(
        " or ", names.stream().map(n -> (n.matches("[aeiou].*") ? "an " : "a ") + n).toList());
  }

  private static String values(JsonNode values) {
    return StreamSupport.stream(values.spliterator(), false)
        .map(JsonNode::asText)
        .toList()
        .toString();
  }
}
