package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.JsonMapping;
import io.addrservice.model.VersionedEntry;
import io.addrservice.service.EntryValidator;
import io.addrservice.service.InvalidRequestException;
import io.addrservice.service.Violation;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A property test with a seeded generator (fixed seeds, so a failure reproduces): random JSON
 * documents, most of them shaped like entries and then mutated, thrown at the validator and the
 * stores. Every accepted document round-trips exactly through the memory and the file store, alone
 * and in a listing, after a reopen; every refused one lists violations whose paths point into it.
 */
class RandomDocumentsTest {
  private static final String OWNER = "";
  private static final int DOCUMENTS = 1500;
  private static final long SEED = 20261201L;
  private static final ObjectMapper MAPPER = JsonMapping.newMapper();
  private static final EntryValidator VALIDATOR = new EntryValidator(MAPPER);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] KEYS = {
    "full_name",
    "addresses",
    "phone_numbers",
    "fax_numbers",
    "emails",
    "kind",
    "email",
    "street_name",
    "pincode",
    "country",
    "street_number",
    "unit_number",
    "city",
    "x",
    ""
  };
  private static final String[] TEXTS = {
    "Ada",
    "",
    " ",
    "Zoë 山田 🌍",
    "a@engine.example",
    "用户@例子.广告",
    "\"q\"@x.org",
    "a@b@c",
    "home",
    "work",
    "\u0000",
    "\ud800",
    "\ud83d\ude00",
    "ﬃ",
    "\u202e",
    "x".repeat(300),
    "null",
    "1e999"
  };
  private static final String[] NUMBERS = {
    "0",
    "-0",
    "-0.0",
    "1.50",
    "1e2",
    "1e999",
    "1e1000",
    "1e-1000",
    "1e-1001",
    "12345678901234567890",
    "-9.99e-5",
    "4.9e-324",
    "1.7976931348623157e308",
    "0.1",
    "7",
    "1e2147483647",
    "-1e-2147483647"
  };

  @TempDir Path temp;

  @Test
  void acceptedDocumentsRoundTripExactlyAndRefusedOnesHavePaths() throws Exception {
    Random random = new Random(SEED);
    MemoryStore memory = new MemoryStore();
    FileStore file = FileStore.open(temp.resolve("db"), MAPPER);
    Map<String, JsonNode> accepted = new java.util.TreeMap<>();
    int refused = 0;
    try {
      for (int i = 0; i < DOCUMENTS; i++) {
        JsonNode document = random.nextInt(4) == 0 ? anyValue(random, 0) : entryLike(random);
        AddressEntry entry;
        try {
          entry = VALIDATOR.toEntry(document);
        } catch (InvalidRequestException e) {
          refused++;
          assertFalse(e.violations().isEmpty(), document.toString());
          for (Violation violation : e.violations()) {
            assertTrue(pointsInto(violation.path(), document), violation + " in " + document);
            assertFalse(violation.message().isBlank(), violation.toString());
          }
          continue;
        }
        String id = String.format("0000000000007000800000000000%04d", i);
        memory.insert(OWNER, id, entry, null);
        file.insert(OWNER, id, entry, null);
        assertRoundTrip(document, memory.find(OWNER, id).orElseThrow());
        accepted.put(id, document);
      }
      file.close();
      file = FileStore.open(temp.resolve("db"), MAPPER);
      for (AddressStore store : List.of(memory, file)) {
        List<VersionedEntry> listed = store.list(OWNER, null, DOCUMENTS, null);
        assertEquals(accepted.size(), listed.size());
        Iterator<JsonNode> sent = accepted.values().iterator();
        for (VersionedEntry entry : listed) {
          assertRoundTrip(sent.next(), entry);
        }
      }
    } finally {
      file.close();
    }
    // The generator must exercise both outcomes, or the property says little.
    assertTrue(accepted.size() > DOCUMENTS / 10, accepted.size() + " accepted");
    assertTrue(refused > DOCUMENTS / 10, refused + " refused");
  }

  /** What comes back equals what was sent, but for the documented representation rules. */
  private static void assertRoundTrip(JsonNode sent, VersionedEntry stored) throws Exception {
    JsonNode back = MAPPER.readTree(MAPPER.writeValueAsBytes(stored.entry()));
    ObjectNode expected = ((ObjectNode) sent).deepCopy();
    for (String list : List.of("addresses", "phone_numbers", "fax_numbers", "emails")) {
      if (!expected.has(list)) {
        expected.set(list, NODES.arrayNode());
      }
    }
    if (!sameValue(expected, back)) {
      fail("sent " + sent + "\nback " + back);
    }
  }

  /** Equal trees, numbers by value and scale as the plain form keeps it (1e2 is 100). */
  private static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      BigDecimal x = a.decimalValue();
      BigDecimal y = b.decimalValue();
      return x.compareTo(y) == 0 && Math.max(x.scale(), 0) == Math.max(y.scale(), 0);
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> field : a.properties()) {
        if (!b.has(field.getKey()) || !sameValue(field.getValue(), b.get(field.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!sameValue(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** Whether a violation's JSON path names a place in the document (or a missing property). */
  private static boolean pointsInto(String path, JsonNode document) {
    if (!path.startsWith("$")) {
      return false;
    }
    JsonNode at = document;
    List<String> steps = steps(path.substring(1));
    for (int i = 0; i < steps.size(); i++) {
      String step = steps.get(i);
      if (step.startsWith("[")) {
        int index = Integer.parseInt(step.substring(1, step.length() - 1));
        if (!at.isArray() || index >= at.size()) {
          return false;
        }
        at = at.get(index);
      } else if (at.isObject() && at.has(step)) {
        at = at.get(step);
      } else {
        // A required property that is missing: only as the last step, under an object.
        return i == steps.size() - 1 && at.isObject();
      }
    }
    return true;
  }

  private static List<String> steps(String path) {
    List<String> steps = new ArrayList<>();
    int i = 0;
    while (i < path.length()) {
      if (path.startsWith("['", i)) {
        StringBuilder name = new StringBuilder();
        int j = i + 2;
        while (!path.startsWith("']", j)) {
          char c = path.charAt(j);
          if (c == '\\') {
            j++;
            c = path.charAt(j);
          }
          name.append(c);
          j++;
        }
        steps.add(name.toString());
        i = j + 2;
      } else if (path.charAt(i) == '[') {
        int end = path.indexOf(']', i);
        steps.add(path.substring(i, end + 1));
        i = end + 1;
      } else {
        int end = i + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        steps.add(path.substring(i + 1, end));
        i = end;
      }
    }
    return steps;
  }

  /** A valid entry with a few random mutations: most stay close to the rules' edges. */
  private static ObjectNode entryLike(Random random) {
    ObjectNode entry = NODES.objectNode();
    entry.put("full_name", pick(random, TEXTS));
    if (random.nextBoolean()) {
      ArrayNode addresses = entry.putArray("addresses");
      for (int i = random.nextInt(3); i > 0; i--) {
        ObjectNode address = addresses.addObject();
        address.put("kind", random.nextBoolean() ? "home" : "work");
        address.put("street_name", "Street " + random.nextInt(100));
        address.set("pincode", random.nextBoolean() ? number(random) : NODES.textNode("0110"));
        address.put("country", "C");
        if (random.nextBoolean()) {
          address.set("street_number", number(random));
        }
        if (random.nextBoolean()) {
          address.put("city", pick(random, TEXTS));
        }
      }
    }
    for (String list : new String[] {"phone_numbers", "fax_numbers"}) {
      if (random.nextBoolean()) {
        ObjectNode phone = entry.putArray(list).addObject();
        phone.put("kind", "home");
        phone.set("country_code", number(random));
        phone.set("local_number", number(random));
      }
    }
    if (random.nextBoolean()) {
      ObjectNode email = entry.putArray("emails").addObject();
      email.put("kind", "work");
      email.put("email", pick(random, TEXTS));
    }
    for (int mutations = random.nextInt(3); mutations > 0; mutations--) {
      mutate(random, entry);
    }
    return entry;
  }

  /** Replaces, removes or adds one random member somewhere in the tree. */
  private static void mutate(Random random, JsonNode node) {
    if (node.isObject() && node.size() > 0) {
      ObjectNode object = (ObjectNode) node;
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      String name = names.get(random.nextInt(names.size()));
      switch (random.nextInt(4)) {
        case 0 -> object.remove(name);
        case 1 -> object.set(name, anyValue(random, 2));
        case 2 -> object.set(pick(random, KEYS), anyValue(random, 2));
        default -> mutate(random, object.get(name));
      }
    } else if (node.isArray() && node.size() > 0) {
      ArrayNode array = (ArrayNode) node;
      int index = random.nextInt(array.size());
      if (random.nextBoolean()) {
        array.set(index, anyValue(random, 2));
      } else {
        mutate(random, array.get(index));
      }
    }
  }

  private static JsonNode anyValue(Random random, int depth) {
    int kind = random.nextInt(depth > 3 ? 5 : 7);
    return switch (kind) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2, 3 -> number(random);
      case 4 -> NODES.textNode(pick(random, TEXTS));
      case 5 -> {
        ArrayNode array = NODES.arrayNode();
        for (int i = random.nextInt(3); i > 0; i--) {
          array.add(anyValue(random, depth + 1));
        }
        yield array;
      }
      default -> {
        ObjectNode object = NODES.objectNode();
        for (int i = random.nextInt(3); i > 0; i--) {
          object.set(pick(random, KEYS), anyValue(random, depth + 1));
        }
        yield object;
      }
    };
  }

  private static JsonNode number(Random random) {
    String text =
        random.nextInt(3) == 0
            ? pick(random, NUMBERS)
            : new BigDecimal(random.nextLong()).movePointLeft(random.nextInt(40) - 20).toString();
    return NODES.numberNode(new BigDecimal(text));
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
