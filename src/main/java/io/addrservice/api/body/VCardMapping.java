package io.addrservice.api.body;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.io.scribe.ScribeIndex;
import ezvcard.io.text.VCardReader;
import ezvcard.io.text.VCardWriter;
import ezvcard.parameter.AddressType;
import ezvcard.parameter.EmailType;
import ezvcard.parameter.TelephoneType;
import ezvcard.parameter.VCardParameter;
import ezvcard.parameter.VCardParameters;
import ezvcard.property.Address;
import ezvcard.property.Email;
import ezvcard.property.FormattedName;
import ezvcard.property.ProductId;
import ezvcard.property.RawProperty;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;
import ezvcard.property.Uid;
import ezvcard.property.VCardProperty;
import ezvcard.util.TelUri;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.Kind;
import io.addrservice.model.NumberOrString;
import io.addrservice.model.Phone;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An entry as a vCard (RFC 6350 4.0, RFC 2426 3.0) and back, through ez-vcard; docs/interchange.md
 * has the table of this mapping.
 *
 * <p>The standard properties carry what they can: FN, ADR, TEL (voice or fax), EMAIL, UID. What an
 * entry holds that vCard has no place for (an address's unit and street number and its locality
 * within the city, a number's JSON type, a present but empty text, a phone number that is not plain
 * digits) travels in {@code X-ADDRSERVICE-*} parameters, which other clients ignore, so that entry,
 * card and entry are exactly the same. A card read from anywhere else is mapped by its standard
 * properties only; whatever the entry cannot keep is left out and named in {@link
 * ImportedCard#warnings}, never guessed.
 */
public final class VCardMapping {
  static final String UNIT_NUMBER = "X-ADDRSERVICE-UNIT-NUMBER";
  static final String STREET_NUMBER = "X-ADDRSERVICE-STREET-NUMBER";
  static final String LOCALITY = "X-ADDRSERVICE-LOCALITY";

  /** The fields among {@code pincode} and {@code street_number} that are JSON numbers. */
  static final String NUMBERS = "X-ADDRSERVICE-NUMBERS";

  /** The optional text fields that are present but empty (vCard cannot tell "" from absent). */
  static final String EMPTY = "X-ADDRSERVICE-EMPTY";

  static final String COUNTRY_CODE = "X-ADDRSERVICE-COUNTRY-CODE";
  static final String AREA_CODE = "X-ADDRSERVICE-AREA-CODE";
  static final String LOCAL_NUMBER = "X-ADDRSERVICE-LOCAL-NUMBER";

  /** Parameters that only say how a value is written, and are read by ez-vcard. */
  private static final Set<String> TRANSPORT_PARAMETERS =
      Set.of(VCardParameters.VALUE, VCardParameters.CHARSET, VCardParameters.ENCODING);

  private static final Set<String> ADDRESS_PARAMETERS =
      Set.of(
          VCardParameters.TYPE,
          UNIT_NUMBER,
          STREET_NUMBER,
          LOCALITY,
          NUMBERS,
          EMPTY,
          CardText.PARAMETER);
  private static final Set<String> PHONE_PARAMETERS =
      Set.of(VCardParameters.TYPE, COUNTRY_CODE, AREA_CODE, LOCAL_NUMBER, CardText.PARAMETER);
  private static final Set<String> EMAIL_PARAMETERS =
      Set.of(VCardParameters.TYPE, CardText.PARAMETER);
  private static final Set<String> NAME_PARAMETERS = Set.of(CardText.PARAMETER);

  /** TEL types that mean a number one speaks to (RFC 6350: a TEL without a type is voice). */
  private static final Set<String> VOICE_TYPES = Set.of("voice", "cell");

  /** TEL types that name a kind of line; a TEL with none of them is a voice line. */
  private static final Set<String> LINE_TYPES =
      Set.of(
          "voice",
          "fax",
          "cell",
          "video",
          "pager",
          "textphone",
          "text",
          "modem",
          "bbs",
          "car",
          "isdn",
          "pcs",
          "msg");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ScribeIndex SCRIBES = new ScribeIndex();

  private VCardMapping() {}

  /**
   * The vCard of an entry.
   *
   * @param id the entry's id, written as the UID; null for none
   */
  public static VCard toVCard(String id, AddressEntry entry, VCardVersion version) {
    VCard card = new VCard(version);
    if (id != null) {
      card.setUid(new Uid(CardUids.uid(id)));
    }
    FormattedName name = new FormattedName(entry.fullName());
    encodeIfNeeded(name, List.of(entry.fullName()), FormattedName::setValue);
    card.addFormattedName(name);
    if (version == VCardVersion.V3_0) {
      // RFC 2426 requires N; an entry has no structured name, so it stays empty.
      card.setStructuredName(new StructuredName());
    }
    entry.addresses().forEach(address -> card.addAddress(address(address)));
    entry.phoneNumbers().forEach(phone -> card.addTelephoneNumber(phone(phone, false, version)));
    entry.faxNumbers().forEach(phone -> card.addTelephoneNumber(phone(phone, true, version)));
    for (io.addrservice.model.Email email : entry.emails()) {
      Email property = new Email(email.email());
      property.getTypes().add(email.kind() == Kind.HOME ? EmailType.HOME : EmailType.WORK);
      encodeIfNeeded(property, List.of(email.email()), Email::setValue);
      card.addEmail(property);
    }
    return card;
  }

  /** A writer of vCards in {@code version} as this service writes them. */
  public static VCardWriter writer(Writer out, VCardVersion version) {
    VCardWriter writer = new VCardWriter(out, version);
    // RFC 6868: a line feed or a quote in a parameter value (an X-ADDRSERVICE-LOCALITY) survives.
    writer.setCaretEncodingEnabled(true);
    writer.setAddProdId(false);
    // Otherwise 3.0 trims trailing empty components, and with them the ";" of a country "a;".
    writer.setIncludeTrailingSemicolons(true);
    return writer;
  }

  /** A reader of vCards as this service reads them (either version, any charset declared). */
  public static VCardReader reader(java.io.Reader in) {
    VCardReader reader = new VCardReader(in);
    reader.setCaretDecodingEnabled(true);
    reader.registerScribe(new TelephoneTextScribe());
    return reader;
  }

  /**
   * What the one vCard in {@code text} says as an entry.
   *
   * @throws InvalidCardException when {@code text} holds no vCard, or more than one
   */
  public static ImportedCard readSingle(String text) {
    try (VCardReader reader = reader(new StringReader(text))) {
      VCard card = reader.readNext();
      if (card == null) {
        throw new InvalidCardException("the body holds no vCard (BEGIN:VCARD to END:VCARD)");
      }
      List<String> syntax = parseWarnings(reader);
      if (reader.readNext() != null) {
        throw new InvalidCardException(
            "the body holds more than one vCard; POST /addresses/import takes many");
      }
      return fromVCard(card, syntax);
    } catch (IOException e) {
      // A StringReader does not fail.
      throw new UncheckedIOException(e);
    }
  }

  /** What {@code reader} said about the syntax of the card it read last, one line each. */
  public static List<String> parseWarnings(VCardReader reader) {
    return reader.getWarnings().stream().map(w -> w.toString().replaceAll("\\s+", " ")).toList();
  }

  /**
   * What a vCard says as an entry.
   *
   * @param parseWarnings what the reader reported about the card's syntax, added to the warnings
   */
  public static ImportedCard fromVCard(VCard card, List<String> parseWarnings) {
    List<String> warnings = new ArrayList<>(parseWarnings);
    ObjectNode json = JSON.objectNode();
    List<FormattedName> names = card.getFormattedNames();
    for (int i = 0; i < names.size(); i++) {
      if (i == 0) {
        checkParameters(names.get(i), "FN", NAME_PARAMETERS, warnings);
        json.put("full_name", decoded(names.get(i), names.get(i).getValue()));
      } else {
        warnings.add("FN " + (i + 1) + ": not kept (an entry has one full name)");
      }
    }
    ArrayNode addresses = json.putArray("addresses");
    ArrayNode phones = json.putArray("phone_numbers");
    ArrayNode faxes = json.putArray("fax_numbers");
    ArrayNode emails = json.putArray("emails");
    List<Address> adrs = card.getAddresses();
    for (int i = 0; i < adrs.size(); i++) {
      readAddress(adrs.get(i), "ADR " + (i + 1), addresses, warnings);
    }
    List<Telephone> tels = card.getTelephoneNumbers();
    for (int i = 0; i < tels.size(); i++) {
      readPhone(tels.get(i), "TEL " + (i + 1), phones, faxes, warnings);
    }
    List<Email> mails = card.getEmails();
    for (int i = 0; i < mails.size(); i++) {
      readEmail(mails.get(i), "EMAIL " + (i + 1), emails, warnings);
    }
    String id = null;
    if (card.getUid() != null) {
      id = CardUids.id(card.getUid().getValue());
      if (id == null) {
        warnings.add(
            "UID: \"" + card.getUid().getValue() + "\" not kept (not an id of this service)");
      }
    }
    for (VCardProperty property : card.getProperties()) {
      if (!mapped(property)) {
        warnings.add(
            name(property, card.getVersion()) + ": not kept (an entry has no field for it)");
      }
    }
    return new ImportedCard(json, id, warnings);
  }

  private static boolean mapped(VCardProperty property) {
    if (property instanceof StructuredName name) {
      // The empty N that RFC 2426 requires (and that this service writes) says nothing.
      return name.getFamily() == null
          && name.getGiven() == null
          && name.getAdditionalNames().isEmpty()
          && name.getPrefixes().isEmpty()
          && name.getSuffixes().isEmpty();
    }
    return property instanceof FormattedName
        || property instanceof Address
        || property instanceof Telephone
        || property instanceof Email
        || property instanceof Uid
        // Names the program that wrote the card, not anything about the contact.
        || property instanceof ProductId;
  }

  private static String name(VCardProperty property, VCardVersion version) {
    String name =
        property instanceof RawProperty raw
            ? raw.getPropertyName()
            : SCRIBES.getPropertyScribe(property).getPropertyName();
    String upper = name.toUpperCase(Locale.ROOT);
    return property.getGroup() == null ? upper : property.getGroup() + "." + upper;
  }

  private static Address address(io.addrservice.model.Address address) {
    Address adr = new Address();
    adr.getTypes().add(address.kind() == Kind.HOME ? AddressType.HOME : AddressType.WORK);
    String streetNumber = text(address.streetNumber());
    List<String> texts =
        java.util.Arrays.asList(
            address.buildingName(),
            streetNumber,
            address.streetName(),
            address.locality(),
            address.city(),
            address.province(),
            text(address.pincode()),
            address.country());
    boolean encode = texts.stream().anyMatch(CardText::needsEncoding);
    VCardParameters parameters = adr.getParameters();
    List<String> empty = new ArrayList<>();
    List<String> numbers = new ArrayList<>();
    adr.setExtendedAddress(component(address.buildingName(), "building_name", empty, encode));
    // The street number leads the street, as most clients show it; the parameter says where
    // the street name starts.
    String street = encoded(address.streetName(), encode);
    if (streetNumber != null && !streetNumber.isEmpty()) {
      street = encoded(streetNumber, encode) + " " + street;
    }
    adr.setStreetAddress(street);
    adr.setLocality(component(address.city(), "city", empty, encode));
    adr.setRegion(component(address.province(), "province", empty, encode));
    adr.setPostalCode(component(text(address.pincode()), "pincode", empty, encode));
    adr.setCountry(encoded(address.country(), encode));
    if (address.unitNumber() != null) {
      parameters.put(UNIT_NUMBER, address.unitNumber().toPlainString());
    }
    if (streetNumber != null) {
      if (streetNumber.isEmpty()) {
        empty.add("street_number");
      } else {
        parameters.put(STREET_NUMBER, encoded(streetNumber, encode));
      }
    }
    if (address.locality() != null) {
      if (address.locality().isEmpty()) {
        empty.add("locality");
      } else {
        parameters.put(LOCALITY, encoded(address.locality(), encode));
      }
    }
    if (address.streetNumber() != null && !address.streetNumber().isString()) {
      numbers.add("street_number");
    }
    if (!address.pincode().isString()) {
      numbers.add("pincode");
    }
    if (!numbers.isEmpty()) {
      parameters.put(NUMBERS, String.join(",", numbers));
    }
    if (!empty.isEmpty()) {
      parameters.put(EMPTY, String.join(",", empty));
    }
    if (encode) {
      parameters.put(CardText.PARAMETER, CardText.PERCENT);
    }
    return adr;
  }

  private static Telephone phone(Phone phone, boolean fax, VCardVersion version) {
    boolean plain = PhoneNumbers.plain(phone);
    Telephone tel =
        plain && version == VCardVersion.V4_0
            ? new Telephone(TelUri.parse(PhoneNumbers.telUri(phone)))
            : new Telephone(PhoneNumbers.text(phone));
    tel.getTypes().add(phone.kind() == Kind.HOME ? TelephoneType.HOME : TelephoneType.WORK);
    tel.getTypes().add(fax ? TelephoneType.FAX : TelephoneType.VOICE);
    if (!plain) {
      // "+-1.5 0.5 2" cannot be split back at its separators: the parts say it exactly.
      tel.getParameters().put(COUNTRY_CODE, phone.countryCode().toPlainString());
      if (phone.areaCode() != null) {
        tel.getParameters().put(AREA_CODE, phone.areaCode().toPlainString());
      }
      tel.getParameters().put(LOCAL_NUMBER, phone.localNumber().toPlainString());
    }
    return tel;
  }

  private static void readAddress(
      Address adr, String where, ArrayNode addresses, List<String> warnings) {
    List<String> kinds = kinds(adr.getTypes().stream().map(VCardParameter::getValue).toList());
    List<String> otherTypes =
        otherTypes(adr.getTypes().stream().map(VCardParameter::getValue).toList(), Set.of());
    checkParameters(adr, where, ADDRESS_PARAMETERS, warnings);
    if (!otherTypes.isEmpty()) {
      warnings.add(where + ": TYPE " + String.join(",", otherTypes) + " not kept");
    }
    if (kinds.isEmpty()) {
      warnings.add(where + ": dropped: it is neither home nor work (TYPE=home or TYPE=work)");
      return;
    }
    if (!adr.getPoBoxes().isEmpty()) {
      warnings.add(where + ": post office box \"" + joined(adr.getPoBoxes()) + "\" not kept");
    }
    VCardParameters parameters = adr.getParameters();
    Set<String> empty = listParameter(parameters, EMPTY);
    Set<String> numbers = listParameter(parameters, NUMBERS);
    ObjectNode json = JSON.objectNode();
    putText(json, "building_name", decoded(adr, joined(adr.getExtendedAddresses())), empty);
    String unit = parameters.first(UNIT_NUMBER);
    if (unit != null) {
      json.set("unit_number", CardText.number(unit));
    }
    String street = decoded(adr, joined(adr.getStreetAddresses()));
    String streetNumber = decoded(adr, parameters.first(STREET_NUMBER));
    if (streetNumber != null) {
      if (street != null && street.startsWith(streetNumber + " ")) {
        street = street.substring(streetNumber.length() + 1);
        json.set(
            "street_number",
            numbers.contains("street_number")
                ? CardText.number(streetNumber)
                : JSON.textNode(streetNumber));
      } else {
        warnings.add(
            where + ": " + STREET_NUMBER + " not kept (the street does not start with it)");
      }
    } else if (empty.contains("street_number")) {
      json.put("street_number", "");
    }
    if (street != null) {
      json.put("street_name", street);
    }
    putText(json, "locality", decoded(adr, parameters.first(LOCALITY)), empty);
    putText(json, "city", decoded(adr, joined(adr.getLocalities())), empty);
    putText(json, "province", decoded(adr, joined(adr.getRegions())), empty);
    String pincode = decoded(adr, joined(adr.getPostalCodes()));
    if (pincode != null) {
      json.set(
          "pincode",
          numbers.contains("pincode") ? CardText.number(pincode) : JSON.textNode(pincode));
    } else if (empty.contains("pincode")) {
      json.put("pincode", "");
    }
    String country = decoded(adr, joined(adr.getCountries()));
    if (country != null) {
      json.put("country", country);
    }
    for (String kind : kinds) {
      ObjectNode address = JSON.objectNode().put("kind", kind);
      address.setAll(json);
      addresses.add(address);
    }
  }

  private static void readPhone(
      Telephone tel, String where, ArrayNode phones, ArrayNode faxes, List<String> warnings) {
    List<String> types =
        tel.getTypes().stream().map(t -> t.getValue().toLowerCase(Locale.ROOT)).toList();
    List<String> kinds = kinds(types);
    boolean fax = types.contains("fax");
    boolean voice =
        types.stream().anyMatch(VOICE_TYPES::contains)
            || types.stream().noneMatch(LINE_TYPES::contains);
    checkParameters(tel, where, PHONE_PARAMETERS, warnings);
    List<String> otherTypes = otherTypes(types, Set.of("voice", "fax"));
    if (!otherTypes.isEmpty()) {
      warnings.add(where + ": TYPE " + String.join(",", otherTypes) + " not kept");
    }
    if (!fax && !voice) {
      warnings.add(where + ": dropped: it is neither a voice nor a fax number");
      return;
    }
    if (kinds.isEmpty()) {
      warnings.add(where + ": dropped: it is neither home nor work (TYPE=home or TYPE=work)");
      return;
    }
    ObjectNode parts;
    VCardParameters parameters = tel.getParameters();
    if (parameters.first(COUNTRY_CODE) != null || parameters.first(LOCAL_NUMBER) != null) {
      parts = JSON.objectNode();
      putNumber(parts, PhoneNumbers.COUNTRY_CODE, parameters.first(COUNTRY_CODE));
      putNumber(parts, PhoneNumbers.AREA_CODE, parameters.first(AREA_CODE));
      putNumber(parts, PhoneNumbers.LOCAL_NUMBER, parameters.first(LOCAL_NUMBER));
    } else {
      String number = tel.getUri() != null ? tel.getUri().toString() : tel.getText();
      parts = number == null ? null : PhoneNumbers.parse(decoded(tel, number), where, warnings);
    }
    if (parts == null) {
      return;
    }
    for (String kind : kinds) {
      ObjectNode phone = JSON.objectNode().put("kind", kind);
      phone.setAll(parts);
      if (voice) {
        phones.add(phone);
      }
      if (fax) {
        faxes.add(phone.deepCopy());
      }
    }
  }

  private static void readEmail(
      Email email, String where, ArrayNode emails, List<String> warnings) {
    List<String> types =
        email.getTypes().stream().map(t -> t.getValue().toLowerCase(Locale.ROOT)).toList();
    List<String> kinds = kinds(types);
    checkParameters(email, where, EMAIL_PARAMETERS, warnings);
    // INTERNET is what every e-mail address is (RFC 2426's default type): nothing is lost.
    List<String> otherTypes = otherTypes(types, Set.of("internet"));
    if (!otherTypes.isEmpty()) {
      warnings.add(where + ": TYPE " + String.join(",", otherTypes) + " not kept");
    }
    if (kinds.isEmpty()) {
      warnings.add(where + ": dropped: it is neither home nor work (TYPE=home or TYPE=work)");
      return;
    }
    for (String kind : kinds) {
      emails.add(
          JSON.objectNode().put("kind", kind).put("email", decoded(email, email.getValue())));
    }
  }

  /** The entry kinds among TYPE values, in the order home, work. */
  private static List<String> kinds(List<String> types) {
    List<String> kinds = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      if (types.stream().anyMatch(kind.json()::equalsIgnoreCase)) {
        kinds.add(kind.json());
      }
    }
    return kinds;
  }

  /** The TYPE values that are neither a kind nor one of {@code kept}, lower-cased, once each. */
  private static List<String> otherTypes(List<String> types, Set<String> kept) {
    return types.stream()
        .map(t -> t.toLowerCase(Locale.ROOT))
        .filter(t -> !t.equals("home") && !t.equals("work") && !kept.contains(t))
        .distinct()
        .toList();
  }

  /** Warns of every parameter that is neither transport nor one of {@code known}. */
  private static void checkParameters(
      VCardProperty property, String where, Set<String> known, List<String> warnings) {
    Set<String> others = new java.util.LinkedHashSet<>();
    for (Map.Entry<String, List<String>> parameter : property.getParameters()) {
      String name = parameter.getKey().toUpperCase(Locale.ROOT);
      if (!known.contains(name) && !TRANSPORT_PARAMETERS.contains(name)) {
        others.add(name);
      }
    }
    // Names only: a value (a LABEL) may run over several lines, and warnings are one line each.
    others.forEach(name -> warnings.add(where + ": parameter " + name + " not kept"));
  }

  private static <P extends VCardProperty> void encodeIfNeeded(
      P property, List<String> texts, java.util.function.BiConsumer<P, String> set) {
    if (texts.stream().anyMatch(CardText::needsEncoding)) {
      set.accept(property, CardText.encode(texts.get(0)));
      property.getParameters().put(CardText.PARAMETER, CardText.PERCENT);
    }
  }

  private static String component(String text, String field, List<String> empty, boolean encode) {
    if (text != null && text.isEmpty()) {
      empty.add(field);
      return null;
    }
    return encoded(text, encode);
  }

  private static String encoded(String text, boolean encode) {
    return encode ? CardText.encode(text) : text;
  }

  private static String decoded(VCardProperty property, String text) {
    return CardText.PERCENT.equalsIgnoreCase(property.getParameters().first(CardText.PARAMETER))
        ? CardText.decode(text)
        : text;
  }

  private static String text(NumberOrString value) {
    if (value == null) {
      return null;
    }
    return value.isString() ? (String) value.value() : ((BigDecimal) value.value()).toPlainString();
  }

  private static String joined(List<String> values) {
    // ez-vcard splits a component at unescaped commas; a foreign card's list reads as one text.
    return values.isEmpty() ? null : String.join(",", values);
  }

  private static Set<String> listParameter(VCardParameters parameters, String name) {
    Set<String> values = new java.util.HashSet<>();
    for (String value : parameters.get(name)) {
      for (String item : value.split(",")) {
        values.add(item.strip().toLowerCase(Locale.ROOT));
      }
    }
    return values;
  }

  private static void putText(ObjectNode json, String field, String text, Set<String> empty) {
    if (text != null) {
      json.put(field, text);
    } else if (empty.contains(field)) {
      json.put(field, "");
    }
  }

  private static void putNumber(ObjectNode json, String field, String text) {
    if (text != null) {
      json.set(field, CardText.number(text));
    }
  }
}
