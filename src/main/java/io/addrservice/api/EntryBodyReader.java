package io.addrservice.api;

import com.fasterxml.jackson.core.JacksonException;
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
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads an entry from a request body: the media type must be one the service reads as JSON, the
 * body is decoded from its content coding ({@link ContentCodings}), must fit {@code
 * addrservice.max-body-size} once decoded, and it must be exactly one JSON object in UTF-8 (no
 * repeated keys, no trailing content, nesting within Jackson's limit of 1000). The tree is then
 * validated and bound by {@link EntryValidator}.
 */
@Provider
@Consumes(MediaType.WILDCARD)
public class EntryBodyReader implements MessageBodyReader<AddressEntry> {
  private final ObjectReader treeReader;
  private final EntryValidator validator;
  private final int maxBodySize;

  EntryBodyReader(ObjectMapper mapper, EntryValidator validator, AddrServiceConfig config) {
    this.treeReader = mapper.readerFor(JsonNode.class);
    this.validator = validator;
    this.maxBodySize = (int) Math.min(Integer.MAX_VALUE - 8, config.maxBodySize().asLongValue());
  }

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == AddressEntry.class;
  }

  @Override
  public AddressEntry readFrom(
      Class<AddressEntry> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> headers,
      InputStream body)
      throws IOException {
    if (headers.getFirst(HttpHeaders.CONTENT_TYPE) != null && !readsAsJson(mediaType)) {
      throw new NotSupportedException("Unsupported Media Type: " + mediaType);
    }
    byte[] bytes =
        ContentCodings.read(headers.get(HttpHeaders.CONTENT_ENCODING), body, maxBodySize + 1);
    if (bytes.length > maxBodySize) {
      throw new BodyTooLargeException(maxBodySize);
    }
    JsonNode tree;
    try {
      // Bytes, not a String: Jackson detects the encoding and rejects invalid UTF-8.
      tree = treeReader.readValue(bytes);
    } catch (JacksonException e) {
      throw new InvalidJsonException(e.getOriginalMessage(), e);
    }
    if (tree == null || !tree.isObject()) {
      throw new InvalidJsonException("the body must be a JSON object", null);
    }
    return validator.toEntry(tree);
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
