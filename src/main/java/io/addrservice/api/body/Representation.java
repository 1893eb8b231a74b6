package io.addrservice.api.body;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ezvcard.VCardVersion;
import ezvcard.io.text.VCardWriter;
import io.addrservice.model.AddressEntry;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The representations of one entry that {@code GET /addresses/{id}} chooses among by Accept. */
public enum Representation {
  /** The service's own JSON: the default. */
  JSON(MediaType.APPLICATION_JSON),
  /** vCard 4.0 (RFC 6350). */
  VCARD_4(CardMediaTypes.VCARD + ";charset=utf-8"),
  /** vCard 3.0 (RFC 2426), for {@code Accept: text/vcard;version=3.0}. */
  VCARD_3(CardMediaTypes.VCARD + ";charset=utf-8;version=3.0"),
  /** A JSContact Card (RFC 9553). */
  JSCONTACT(CardMediaTypes.JSCONTACT);

  private final String contentType;

  Representation(String contentType) {
    this.contentType = contentType;
  }

  /** The response's Content-Type. */
  public String contentType() {
    return contentType;
  }

  /**
   * The representation {@code accept} prefers ({@code HttpHeaders#getAcceptableMediaTypes}: most
   * preferred first), JSON for a wildcard or no Accept; null when it accepts none of them.
   */
  public static Representation negotiate(List<MediaType> accept) {
    for (MediaType type : accept) {
      String q = type.getParameters().get("q");
      if (q != null && isZero(q)) {
        continue;
      }
      if (type.isWildcardType()
          || (type.getType().equalsIgnoreCase("application") && type.isWildcardSubtype())
          || type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
        return JSON;
      }
      if (CardMediaTypes.isJsContact(type)) {
        return JSCONTACT;
      }
      if (CardMediaTypes.isVCard(type)
          || (type.getType().equalsIgnoreCase("text") && type.isWildcardSubtype())) {
        return CardMediaTypes.asksForVersion3(type) ? VCARD_3 : VCARD_4;
      }
    }
    return accept.isEmpty() ? JSON : null;
  }

  /** The body of an entry in this representation (not JSON, which the caller keeps cached). */
  public byte[] body(String id, AddressEntry entry, ObjectMapper mapper) {
    return switch (this) {
      case JSON -> throw new IllegalStateException("JSON bodies are made by EntryBodies");
      case VCARD_4 -> vcard(id, entry, VCardVersion.V4_0);
      case VCARD_3 -> vcard(id, entry, VCardVersion.V3_0);
      case JSCONTACT -> {
        try {
          yield mapper.writeValueAsBytes(JsContactMapping.toCard(id, entry));
        } catch (JsonProcessingException e) {
          // A tree of strings, numbers and objects always serialises.
          throw new IllegalStateException(e);
        }
      }
    };
  }

  private static byte[] vcard(String id, AddressEntry entry, VCardVersion version) {
    StringWriter out = new StringWriter();
    try (VCardWriter writer = VCardMapping.writer(out, version)) {
      writer.write(VCardMapping.toVCard(id, entry, version));
    } catch (IOException e) {
      // A StringWriter does not fail.
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static boolean isZero(String q) {
    try {
      return Double.parseDouble(q) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
