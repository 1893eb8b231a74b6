package io.addrservice.api.body;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.addrservice.config.AddrServiceConfig;
import io.addrservice.model.AddressEntry;
import io.addrservice.service.EntryValidator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyReader;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Reads an entry from a request body (JSON, or a vCard or JSContact card mapped to an entry, {@link
 * EntryInput}), a JSON Merge Patch document ({@link PatchDocument}) or a merge request ({@link
 * MergeRequest}): the media type must be one the service reads, the body is decoded from its
 * content coding ({@link ContentCodings}), must fit {@code addrservice.max-body-size} once decoded,
 * and it must be exactly one JSON object in well-formed UTF-8 (checked strictly by {@link
 * StrictUtf8}; no repeated keys, no trailing content, nesting within Jackson's limit of 1000). The
 * tree is then validated and bound by {@link EntryValidator}.
 *
 * <p>It is a {@link ServerMessageBodyReader}: Quarkus REST calls its server methods, which need no
 * annotations, instead of the JAX-RS ones, for which it reads the resource method's parameter
 * annotations by reflection twice a request. The JAX-RS methods stay for any other caller.
 */
@Provider
@Consumes(MediaType.WILDCARD)
public class EntryBodyReader implements ServerMessageBodyReader<Object> {
  private static final MediaType MERGE_PATCH = MediaType.valueOf(PatchDocument.MEDIA_TYPE);

  /**
   * The longest number literal a request body may hold: 64 KiB, as much as a body of the default
   * size can hold, and a bound on the parsing work (tens of milliseconds) when the body limit is
   * set higher. A longer literal is Invalid JSON body.
   */
  static final int MAX_NUMBER_TEXT = 64 * 1024;

  private final ObjectReader treeReader;
  private final EntryValidator validator;
  private final int maxBodySize;

  EntryBodyReader(ObjectMapper mapper, EntryValidator validator, AddrServiceConfig config) {
    // A mapper of its own for request bodies: Jackson's limits live on the factory, and here a
    // number may be as long as the body allows (up to MAX_NUMBER_TEXT), so that the validator's
    // digit rule, not the parser, reports an over-long number, with its path.
    ObjectMapper bodies = mapper.copy();
    bodies
        .getFactory()
        .setStreamReadConstraints(
            bodies
                .getFactory()
                .streamReadConstraints()
                .rebuild()
                .maxNumberLength(MAX_NUMBER_TEXT)
                .build());
    // Sub-quadratic parsing of long numbers (JDK BigInteger parsing is quadratic in the digits).
    this.treeReader =
        bodies.readerFor(JsonNode.class).with(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER);
    this.validator = validator;
    this.maxBodySize = (int) Math.min(Integer.MAX_VALUE - 8, config.maxBodySize().asLongValue());
  }

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, ResteasyReactiveResourceInfo method, MediaType mediaType) {
    return reads(type);
  }

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return reads(type);
  }

  private static boolean reads(Class<?> type) {
    return type == AddressEntry.class
        || type == EntryInput.class
        || type == PatchDocument.class
        || type == MergeRequest.class;
  }

  @Override
  public Object readFrom(
      Class<Object> type, Type genericType, MediaType mediaType, ServerRequestContext context)
      throws IOException {
    return read(
        type, mediaType, context.getRequestHeaders().getRequestHeaders(), context.getInputStream());
  }

  @Override
  public Object readFrom(
      Class<Object> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> headers,
      InputStream body)
      throws IOException {
    return read(type, mediaType, headers, body);
  }

  private Object read(
      Class<Object> type,
      MediaType mediaType,
      MultivaluedMap<String, String> headers,
      InputStream body)
      throws IOException {
    boolean declared = headers.getFirst(HttpHeaders.CONTENT_TYPE) != null;
    if (PatchDocument.class.equals(type)) {
      // RFC 5789: a patch document's type says how to apply it; this service knows one.
      if (!declared || !mediaType.isCompatible(MERGE_PATCH) || mediaType.isWildcardSubtype()) {
        throw new NotSupportedException(
            "Unsupported Media Type: PATCH takes " + PatchDocument.MEDIA_TYPE);
      }
      return new PatchDocument(tree(bytes(headers, body), false));
    }
    if (MergeRequest.class.equals(type)) {
      if (declared && !readsAsJson(mediaType)) {
        throw new NotSupportedException("Unsupported Media Type: " + mediaType);
      }
      return new MergeRequest(tree(bytes(headers, body), true));
    }
    EntryInput input;
    if (declared && CardMediaTypes.isVCard(mediaType)) {
      input = card(VCardMapping.readSingle(text(bytes(headers, body), mediaType)));
    } else if (declared && CardMediaTypes.isJsContact(mediaType)) {
      input = card(JsContactMapping.fromCard(tree(bytes(headers, body), true)));
    } else if (!declared || readsAsJson(mediaType)) {
      input = new EntryInput(validator.toEntry(tree(bytes(headers, body), true)), List.of());
    } else {
      throw new NotSupportedException("Unsupported Media Type: " + mediaType);
    }
    return AddressEntry.class.equals(type) ? input.entry() : input;
  }

  private EntryInput card(ImportedCard card) {
    return new EntryInput(validator.toEntry(card.json()), card.warnings());
  }

  /** The decoded body, at most {@code addrservice.max-body-size} of it. */
  private byte[] bytes(MultivaluedMap<String, String> headers, InputStream body)
      throws IOException {
    byte[] bytes =
        ContentCodings.read(headers.get(HttpHeaders.CONTENT_ENCODING), body, maxBodySize + 1);
    if (bytes.length > maxBodySize) {
      throw new BodyTooLargeException(maxBodySize);
    }
    return bytes;
  }

  /** The body as one JSON value in strict UTF-8; an object when {@code object} says so. */
  private JsonNode tree(byte[] bytes, boolean object) throws IOException {
    String encodingProblem = StrictUtf8.problem(bytes);
    if (encodingProblem != null) {
      throw new InvalidJsonException(encodingProblem, null);
    }
    JsonNode tree;
    try {
      // Bytes, not a String: no copy. The check above leaves Jackson only UTF-8 to detect.
      tree = treeReader.readValue(bytes);
    } catch (JacksonException e) {
      throw new InvalidJsonException(e.getOriginalMessage(), e);
    } catch (NumberFormatException e) {
      // An exponent beyond what BigDecimal holds (1e2147483648): a value out of range, with its
      // path, as the validator reports every other over-long number.
      throw outOfRange(bytes, e);
    }
    if (tree == null || tree.isMissingNode() || (object && !tree.isObject())) {
      throw new InvalidJsonException("the body must be a JSON object", null);
    }
    return tree;
  }

  /** A vCard body as text, in the charset its type names (UTF-8 by default, RFC 6350 §3.1). */
  private static String text(byte[] bytes, MediaType mediaType) {
    String name = mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
    Charset charset;
    try {
      charset = name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      throw new InvalidCardException("unknown charset " + name);
    }
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidCardException("the body is not valid " + charset.name());
    }
  }

  /**
   * The refusal of the first number in {@code bytes} that cannot be held, found by reading the body
   * again token by token (only ever for such a body) so the answer can name its path.
   */
  private RuntimeException outOfRange(byte[] bytes, NumberFormatException failure) {
    try (JsonParser parser = treeReader.createParser(bytes)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token.isNumeric()) {
          try {
            parser.getDecimalValue();
          } catch (NumberFormatException e) {
            return EntryValidator.numberOutOfRange(parser.getParsingContext());
          }
        }
      }
    } catch (IOException e) {
      return new InvalidJsonException(e.getMessage(), e);
    }
    return new InvalidJsonException(failure.getMessage(), failure);
  }

  /**
   * The media types read as JSON: JSON itself, {@code application/*+json}, and the types that
   * {@code curl -d} and simple clients send for a JSON text.
   */
  static boolean readsAsJson(MediaType type) {
    if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
        || type.isCompatible(MediaType.TEXT_PLAIN_TYPE)
        || type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
      return !type.isWildcardType() && !type.isWildcardSubtype();
    }
    return "application".equalsIgnoreCase(type.getType())
        && type.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json");
  }
}
