package io.addrservice.api.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.addrservice.model.Address;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.Email;
import io.addrservice.model.Kind;
import io.addrservice.model.NumberOrString;
import io.addrservice.model.Phone;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An entry as a JSContact Card (RFC 9553, {@code application/jscontact+json}) and back, over
 * Jackson's tree; docs/interchange.md has the table of this mapping.
 *
 * <p>JSContact's address components and phone numbers are strings; what they cannot say (that a
 * pincode or street number is a JSON number, the exact parts of a phone number that is not plain
 * digits) is in vendor properties under {@value #VENDOR} (RFC 9553 §1.8), which other readers
 * ignore. Whatever a card holds that an entry cannot keep is named in {@link
 * ImportedCard#warnings}, never guessed.
 */
public final class JsContactMapping {
  /** The media type of a JSContact Card. */
  public static final String MEDIA_TYPE = "application/jscontact+json";

  /** The prefix of this service's vendor properties. */
  static final String VENDOR = "addrservice.io:";

  /** On an address component: its value is a JSON number written as text. */
  static final String NUMBER = VENDOR + "number";

  /** On a phone: its exact parts, when its number is not plain digits. */
  static final String PARTS = VENDOR + "parts";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** The card's properties that describe the card, not the contact: dropped without a word. */
  private static final Set<String> CARD_METADATA =
      Set.of("@type", "version", "uid", "created", "updated", "prodId", "kind", "language");

  private static final Set<String> KINDS = Set.of("private", "work");

  private JsContactMapping() {}

  /**
   * The Card of an entry.
   *
   * @param id the entry's id, written as the uid; null for a card without one (then it is not a
   *     valid Card by RFC 9553, which requires a uid: only for entries not stored yet)
   */
  public static ObjectNode toCard(String id, AddressEntry entry) {
    ObjectNode card = JSON.objectNode().put("@type", "Card").put("version", "1.0");
    if (id != null) {
      card.put("uid", CardUids.uid(id));
    }
    card.putObject("name").put("@type", "Name").put("full", entry.fullName());
    if (!entry.addresses().isEmpty()) {
      ObjectNode addresses = card.putObject("addresses");
      int n = 0;
      for (Address address : entry.addresses()) {
        addresses.set("a" + ++n, address(address));
      }
    }
    if (!entry.phoneNumbers().isEmpty() || !entry.faxNumbers().isEmpty()) {
      ObjectNode phones = card.putObject("phones");
      int n = 0;
      for (Phone phone : entry.phoneNumbers()) {
        phones.set("p" + ++n, phone(phone, "voice"));
      }
      for (Phone phone : entry.faxNumbers()) {
        phones.set("p" + ++n, phone(phone, "fax"));
      }
    }
    if (!entry.emails().isEmpty()) {
      ObjectNode emails = card.putObject("emails");
      int n = 0;
      for (Email email : entry.emails()) {
        ObjectNode json = emails.putObject("e" + ++n).put("@type", "EmailAddress");
        json.put("address", email.email());
        json.set("contexts", contexts(email.kind()));
      }
    }
    return card;
  }

  /**
   * What a JSContact Card says as an entry.
   *
   * @throws InvalidCardException when {@code card} is not a JSON object of {@code @type} Card
   */
  public static ImportedCard fromCard(JsonNode card) {
    if (card == null || !card.isObject() || !"Card".equals(card.path("@type").asText(null))) {
      throw new InvalidCardException("a JSContact Card is a JSON object with \"@type\": \"Card\"");
    }
    List<String> warnings = new ArrayList<>();
    ObjectNode json = JSON.objectNode();
    for (Map.Entry<String, JsonNode> property : card.properties()) {
      String name = property.getKey();
      JsonNode value = property.getValue();
      switch (name) {
        case "name" -> readName(value, json, warnings);
        case "addresses" -> readAddresses(value, json.putArray("addresses"), warnings);
        case "phones" ->
            readPhones(
                value, json.putArray("phone_numbers"), json.putArray("fax_numbers"), warnings);
        case "emails" -> readEmails(value, json.putArray("emails"), warnings);
        default -> {
          if (!CARD_METADATA.contains(name)) {
            warnings.add(name + ": not kept (an entry has no field for it)");
          }
        }
      }
    }
    String id = null;
    JsonNode uid = card.get("uid");
    if (uid != null) {
      id = CardUids.id(uid.asText());
      if (id == null) {
        warnings.add("uid: \"" + uid.asText() + "\" not kept (not an id of this service)");
      }
    }
    return new ImportedCard(json, id, warnings);
  }

  private static ObjectNode address(Address address) {
    ObjectNode json = JSON.objectNode().put("@type", "Address");
    ArrayNode components = json.putArray("components");
    component(components, "building", text(address.buildingName()));
    if (address.unitNumber() != null) {
      component(components, "apartment", JSON.numberNode(address.unitNumber()));
    }
    component(components, "number", value(address.streetNumber()));
    component(components, "name", text(address.streetName()));
    // JSContact's locality is the city; a place within it is a district.
    component(components, "district", text(address.locality()));
    component(components, "locality", text(address.city()));
    component(components, "region", text(address.province()));
    component(components, "postcode", value(address.pincode()));
    component(components, "country", text(address.country()));
    json.set("contexts", contexts(address.kind()));
    return json;
  }

  private static void component(ArrayNode components, String kind, JsonNode value) {
    if (value == null) {
      return;
    }
    ObjectNode component = components.addObject().put("kind", kind);
    if (value.isNumber()) {
      component.put("value", value.decimalValue().toPlainString());
      component.put(NUMBER, true);
    } else {
      component.set("value", value);
    }
  }

  private static ObjectNode phone(Phone phone, String feature) {
    ObjectNode json = JSON.objectNode().put("@type", "Phone");
    json.put("number", PhoneNumbers.text(phone));
    json.putObject("features").put(feature, true);
    json.set("contexts", contexts(phone.kind()));
    if (!PhoneNumbers.plain(phone)) {
      ObjectNode parts = json.putObject(PARTS);
      parts.put(PhoneNumbers.COUNTRY_CODE, phone.countryCode());
      if (phone.areaCode() != null) {
        parts.put(PhoneNumbers.AREA_CODE, phone.areaCode());
      }
      parts.put(PhoneNumbers.LOCAL_NUMBER, phone.localNumber());
    }
    return json;
  }

  private static ObjectNode contexts(Kind kind) {
    return JSON.objectNode().put(kind == Kind.HOME ? "private" : "work", true);
  }

  private static void readName(JsonNode name, ObjectNode json, List<String> warnings) {
    for (Map.Entry<String, JsonNode> property : name.properties()) {
      switch (property.getKey()) {
        case "@type" -> {
          // Says only that this is a Name.
        }
        case "full" -> json.set("full_name", property.getValue());
        default ->
            warnings.add("name." + property.getKey() + ": not kept (an entry has one full name)");
      }
    }
  }

  private static void readAddresses(JsonNode addresses, ArrayNode out, List<String> warnings) {
    for (Map.Entry<String, JsonNode> entry : addresses.properties()) {
      String where = "addresses." + entry.getKey();
      JsonNode address = entry.getValue();
      List<String> kinds = kinds(address.path("contexts"), where, warnings);
      ObjectNode json = JSON.objectNode();
      for (Map.Entry<String, JsonNode> property : address.properties()) {
        switch (property.getKey()) {
          case "@type", "contexts" -> {
            // The type says only that this is an Address; contexts are the kinds, read above.
          }
          case "components" -> readComponents(property.getValue(), json, where, warnings);
          default -> warnings.add(where + "." + property.getKey() + ": not kept");
        }
      }
      if (kinds.isEmpty()) {
        warnings.add(where + ": dropped: its contexts are neither private (home) nor work");
        continue;
      }
      for (String kind : kinds) {
        ObjectNode kept = JSON.objectNode().put("kind", kind);
        kept.setAll(json);
        out.add(kept);
      }
    }
  }

  private static void readComponents(
      JsonNode components, ObjectNode json, String where, List<String> warnings) {
    for (JsonNode component : components) {
      String kind = component.path("kind").asText();
      String field =
          switch (kind) {
            case "building" -> "building_name";
            case "apartment" -> "unit_number";
            case "number" -> "street_number";
            case "name" -> "street_name";
            case "district" -> "locality";
            case "locality" -> "city";
            case "region" -> "province";
            case "postcode" -> "pincode";
            case "country" -> "country";
            default -> null;
          };
      JsonNode value = component.get("value");
      if (field == null || json.has(field)) {
        warnings.add(
            where
                + ": component "
                + kind
                + " \""
                + component.path("value").asText()
                + "\" not kept");
        continue;
      }
      boolean number = field.equals("unit_number") || component.path(NUMBER).asBoolean(false);
      json.set(
          field,
          number && value != null && value.isTextual()
              ? CardText.number(value.textValue())
              : value);
    }
  }

  private static void readPhones(
      JsonNode phones, ArrayNode voice, ArrayNode fax, List<String> warnings) {
    for (Map.Entry<String, JsonNode> entry : phones.properties()) {
      String where = "phones." + entry.getKey();
      JsonNode phone = entry.getValue();
      List<String> kinds = kinds(phone.path("contexts"), where, warnings);
      List<String> features = new ArrayList<>();
      phone.path("features").fieldNames().forEachRemaining(features::add);
      boolean isFax = features.contains("fax");
      // RFC 9553: without features, the phone's kind is not said; a number is a voice line.
      boolean isVoice =
          features.isEmpty() || features.contains("voice") || features.contains("mobile");
      List<String> otherFeatures =
          features.stream().filter(f -> !f.equals("voice") && !f.equals("fax")).toList();
      if (!otherFeatures.isEmpty()) {
        warnings.add(where + ": features " + String.join(",", otherFeatures) + " not kept");
      }
      for (String property : iterable(phone.fieldNames())) {
        if (!Set.of("@type", "number", "features", "contexts", PARTS).contains(property)) {
          warnings.add(where + "." + property + ": not kept");
        }
      }
      if (!isFax && !isVoice) {
        warnings.add(where + ": dropped: it is neither a voice nor a fax number");
        continue;
      }
      if (kinds.isEmpty()) {
        warnings.add(where + ": dropped: its contexts are neither private (home) nor work");
        continue;
      }
      ObjectNode parts;
      if (phone.has(PARTS) && phone.get(PARTS).isObject()) {
        parts = ((ObjectNode) phone.get(PARTS)).deepCopy();
      } else {
        parts = PhoneNumbers.parse(phone.path("number").asText(), where, warnings);
      }
      if (parts == null) {
        continue;
      }
      for (String kind : kinds) {
        ObjectNode kept = JSON.objectNode().put("kind", kind);
        kept.setAll(parts);
        if (isVoice) {
          voice.add(kept);
        }
        if (isFax) {
          fax.add(kept.deepCopy());
        }
      }
    }
  }

  private static void readEmails(JsonNode emails, ArrayNode out, List<String> warnings) {
    for (Map.Entry<String, JsonNode> entry : emails.properties()) {
      String where = "emails." + entry.getKey();
      JsonNode email = entry.getValue();
      List<String> kinds = kinds(email.path("contexts"), where, warnings);
      for (String property : iterable(email.fieldNames())) {
        if (!Set.of("@type", "address", "contexts").contains(property)) {
          warnings.add(where + "." + property + ": not kept");
        }
      }
      if (kinds.isEmpty()) {
        warnings.add(where + ": dropped: its contexts are neither private (home) nor work");
        continue;
      }
      for (String kind : kinds) {
        ObjectNode kept = JSON.objectNode().put("kind", kind);
        kept.set("email", email.get("address"));
        out.add(kept);
      }
    }
  }

  /** The entry kinds a contexts map names (private is home), warning of the others. */
  private static List<String> kinds(JsonNode contexts, String where, List<String> warnings) {
    List<String> kinds = new ArrayList<>();
    for (String context : iterable(contexts.fieldNames())) {
      if (!contexts.get(context).asBoolean(false)) {
        continue;
      }
      if (KINDS.contains(context)) {
        kinds.add(context.equals("private") ? Kind.HOME.json() : Kind.WORK.json());
      } else {
        warnings.add(where + ": context " + context + " not kept");
      }
    }
    return kinds;
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
    List<T> items = new ArrayList<>();
    iterator.forEachRemaining(items::add);
    return items;
  }

  private static JsonNode text(String text) {
    return text == null ? null : JSON.textNode(text);
  }

  private static JsonNode value(NumberOrString value) {
    if (value == null) {
      return null;
    }
    return value.isString()
        ? JSON.textNode((String) value.value())
        : JSON.numberNode((BigDecimal) value.value());
  }
}
