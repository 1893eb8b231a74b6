package io.addrservice.api.body;

import jakarta.ws.rs.core.MediaType;
import java.util.Locale;

/** The media types of cards, and how a request's {@code Accept} chooses among them. */
public final class CardMediaTypes {
  /** vCard (RFC 6350 §10.1); {@code version=3.0} asks for RFC 2426's format. */
  public static final String VCARD = "text/vcard";

  /** vCard 3.0 as {@code Accept} names it. */
  public static final String VCARD_3 = "text/vcard;version=3.0";

  /** The name vCard 2.1 and 3.0 producers still send (RFC 2425's {@code text/directory} era). */
  public static final String X_VCARD = "text/x-vcard";

  /** JSContact (RFC 9553). */
  public static final String JSCONTACT = JsContactMapping.MEDIA_TYPE;

  private CardMediaTypes() {}

  /** Whether {@code type} is a vCard type. */
  public static boolean isVCard(MediaType type) {
    return !type.isWildcardType()
        && "text".equalsIgnoreCase(type.getType())
        && (type.getSubtype().equalsIgnoreCase("vcard")
            || type.getSubtype().equalsIgnoreCase("x-vcard"));
  }

  /** Whether {@code type} is JSContact. */
  public static boolean isJsContact(MediaType type) {
    return "application".equalsIgnoreCase(type.getType())
        && type.getSubtype().equalsIgnoreCase("jscontact+json");
  }

  /** Whether a vCard type asks for version 3.0 (its {@code version} parameter). */
  public static boolean asksForVersion3(MediaType type) {
    String version = type.getParameters().get("version");
    return version != null && version.strip().toLowerCase(Locale.ROOT).equals("3.0");
  }
}
