package io.addrservice.api.body;

import com.github.mangstadt.vinnie.io.VObjectPropertyValues;
import ezvcard.VCardDataType;
import ezvcard.io.ParseContext;
import ezvcard.io.scribe.TelephoneScribe;
import ezvcard.parameter.VCardParameters;
import ezvcard.property.Telephone;
import ezvcard.util.TelUri;

/**
 * ez-vcard's TEL reading without its cost on plain numbers: the library tries every TEL value as a
 * {@code tel:} URI and, for the plain text that 3.0 cards and most clients write, builds and throws
 * an exception with a formatted message before falling back to text (a tenth of an import's reading
 * time). A value that does not start with {@code tel:} can never be such a URI, so it is read as
 * text straight away; anything else, and the warning for a URI-typed value that is not one, as the
 * library does.
 */
final class TelephoneTextScribe extends TelephoneScribe {
  private static final String SCHEME = "tel:";

  /** ez-vcard's warning for a value typed as a URI that is not a {@code tel:} URI. */
  private static final int NOT_A_TEL_URI = 18;

  @Override
  protected Telephone _parseText(
      String value, VCardDataType dataType, VCardParameters parameters, ParseContext context) {
    String text = VObjectPropertyValues.unescape(value);
    if (text.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      try {
        return new Telephone(TelUri.parse(text));
      } catch (IllegalArgumentException e) {
        // Not a valid tel: URI after all: kept as text, as the library does.
      }
    }
    if (dataType == VCardDataType.URI) {
      context.addWarning(NOT_A_TEL_URI);
    }
    return new Telephone(text);
  }
}
