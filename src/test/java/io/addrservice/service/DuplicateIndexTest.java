package io.addrservice.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.addrservice.config.TestConfig;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.Email;
import io.addrservice.model.Kind;
import io.addrservice.model.Phone;
import io.addrservice.model.VersionMatch;
import io.addrservice.store.AddressStore;
import io.addrservice.store.TestStores;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The grouping rules over generated books: people written in several scripts, each with planted
 * duplicates that share one value written another way (the name with other case, accents, spacing
 * or punctuation; the e-mail in other case; the number with another kind or as a fax), and chains
 * that only the closure joins. The expected groups come from the generation, not from the rules.
 */
class DuplicateIndexTest {
  private static final String OWNER = "ann";

  /** Names whose variant must match: {written, as a duplicate might write it}. */
  private static final String[][] NAMES = {
    {"José María Núñez", "JOSE MARIA NUNEZ"},
    {"Zoë O'Brien-Smith", "zoe obriensmith"},
    {"Ζωή Παπαδοπούλου", "ΖΩΗ ΠΑΠΑΔΟΠΟΥΛΟΥ"},
    {"Οδυσσέας Ελύτης", "ΟΔΥΣΣΕΑΣ  ΕΛΥΤΗΣ"},
    {"Пётр Ильич Чайковский", "ПЕТР ИЛЬИЧ ЧАЙКОВСКИЙ"},
    {"山田 太郎", "山田太郎"},
    {"ＹＡＭＡＤＡ Ｔａｒｏ", "Yamada, Taro"},
    {"Jürgen Straße", "JURGEN STRASSE"},
    {"Đỗ Văn Đức", "đỗ văn đức"},
    {"محمد علي", "مُحَمَّد عَلِي"},
    {"Ǆemal Ǉubić", "Dzemal Ljubic"},
  };

  private final AddressStore store = TestStores.memory();
  private final AddressBookService book =
      new AddressBookService(store, new IdGenerator(), new TestConfig(false, 1024, 100, 1000));
  private final DuplicateIndex index = new DuplicateIndex(store, new TestConfig(false, 1024, 3, 5));

  private static Phone phone(Kind kind, String country, String area, String local) {
    return new Phone(
        kind,
        new BigDecimal(country),
        area == null ? null : new BigDecimal(area),
        new BigDecimal(local));
  }

  private static AddressEntry person(String name, String email, Phone phone) {
    return new AddressEntry(
        name,
        null,
        phone == null ? null : List.of(phone),
        null,
        email == null ? null : List.of(new Email(Kind.HOME, email)));
  }

  private String add(AddressEntry entry) {
    return book.create(OWNER, entry, null).id();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void plantedDuplicatesAreFoundAndNothingElse(long seed) {
    Random random = new Random(seed);
    Set<Set<String>> expected = new HashSet<>();
    int people = 120;
    for (int p = 0; p < people; p++) {
      // Digits keep every person's values apart; they survive every normal form.
      String[] name = NAMES[p % NAMES.length];
      String suffix = " " + p;
      String email = "person" + p + "@example.org";
      Phone phone = phone(Kind.HOME, "44", "20", String.valueOf(7_000_000 + p));
      String base = add(person(name[0] + suffix, email, phone));
      Set<String> group = new TreeSet<>(List.of(base));
      int planted = random.nextInt(4);
      for (int d = 0; d < planted; d++) {
        String unrelated = "Somebody " + p + "x" + d;
        switch (random.nextInt(5)) {
          case 0 -> group.add(add(person(name[1] + suffix, null, null)));
          case 1 -> group.add(add(person(unrelated, email.toUpperCase(), null)));
          case 2 ->
              group.add(
                  add(
                      person(
                          unrelated,
                          null,
                          phone(Kind.WORK, "44.0", "020", String.valueOf(7_000_000 + p)))));
          case 3 ->
              group.add(
                  add(
                      new AddressEntry(
                          unrelated,
                          null,
                          null,
                          List.of(phone(Kind.WORK, "44", "20", String.valueOf(7_000_000 + p))),
                          null)));
          default -> {
            // A chain: the first shares the e-mail, the second only the first's name.
            String chain = "Chain Link " + p + "-" + d;
            group.add(add(person(chain, email, null)));
            group.add(add(person(chain.toUpperCase() + ".", null, null)));
          }
        }
      }
      // Near misses that must stay apart: another area code, another number, another person.
      add(
          person(
              "Near " + p, "person" + p + "@example.net", phone(Kind.HOME, "44", "21", "7" + p)));
      if (group.size() > 1) {
        expected.add(group);
      }
    }

    List<DuplicateGroup> groups = index.groups(OWNER);
    assertEquals(
        expected, groups.stream().map(g -> Set.copyOf(g.ids())).collect(Collectors.toSet()));
    for (DuplicateGroup group : groups) {
      assertEquals(new TreeSet<>(group.ids()).stream().toList(), group.ids(), "ids in order");
      assertTrue(!group.reasons().isEmpty(), group.toString());
      Set<String> explained = new HashSet<>();
      for (DuplicateGroup.Reason reason : group.reasons()) {
        assertTrue(reason.ids().size() >= 2, reason.toString());
        assertTrue(group.ids().containsAll(reason.ids()), reason.toString());
        explained.addAll(reason.ids());
      }
      assertEquals(Set.copyOf(group.ids()), explained, "every member has a reason");
    }
    List<String> firsts = groups.stream().map(g -> g.ids().get(0)).toList();
    assertEquals(firsts.stream().sorted().toList(), firsts, "groups in order of their first id");
  }

  @Test
  void everyNameVariantMatchesItsName() {
    for (String[] name : NAMES) {
      assertEquals(MatchKeys.name(name[0]), MatchKeys.name(name[1]), String.join(" / ", name));
    }
    assertEquals("", MatchKeys.name("-- . --"));
    assertTrue(!MatchKeys.name("Ann Lee").equals(MatchKeys.name("Ann Leigh")));
  }

  @Test
  void theIndexFollowsEveryWrite() {
    String a = add(person("Ada", "ada@example.org", null));
    String b = add(person("Bea", "ADA@example.org", null));
    assertEquals(List.of(List.of(a, b)), ids(index.groups(OWNER)));

    String c = add(person("bea", null, null));
    assertEquals(List.of(List.of(a, b, c)), ids(index.groups(OWNER)));
    assertEquals(
        List.of("email", "name"),
        index.groups(OWNER).get(0).reasons().stream().map(DuplicateGroup.Reason::kind).toList());

    // B changes its e-mail: A is on its own now.
    book.update(OWNER, b, person("Bea", "bea@example.org", null), VersionMatch.any());
    assertEquals(List.of(List.of(b, c)), ids(index.groups(OWNER)));
    book.delete(OWNER, c, VersionMatch.any());
    assertEquals(List.of(), ids(index.groups(OWNER)));
    // Another book never shows up in this one.
    book.create("ben", person("Ada", "ada@example.org", null), null);
    assertEquals(List.of(), ids(index.groups(OWNER)));
    assertEquals(List.of(), ids(index.groups("ben")));
  }

  @Test
  void pagesFollowTheFirstIdsAndTheLimits() {
    List<List<String>> all = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String first = add(person("Twin " + i, null, null));
      String second = add(person("TWIN-" + i, null, null));
      all.add(List.of(first, second));
    }
    DuplicatePage first = index.page(OWNER, null, null);
    assertEquals(all.subList(0, 3), ids(first.groups()));
    assertEquals(all.get(2).get(0), first.nextAfter());
    DuplicatePage second = index.page(OWNER, first.nextAfter(), "5");
    assertEquals(all.subList(3, 7), ids(second.groups()));
    assertNull(second.nextAfter());
    // After an id that starts no group: the groups whose first id follows it.
    assertEquals(all.subList(1, 6), ids(index.page(OWNER, all.get(0).get(1), "5").groups()));
    InvalidRequestException bad =
        assertThrows(InvalidRequestException.class, () -> index.page(OWNER, "nope", "6"));
    assertEquals(
        List.of("after", "limit"), bad.violations().stream().map(Violation::path).toList());
  }

  private static List<List<String>> ids(List<DuplicateGroup> groups) {
    return groups.stream().map(DuplicateGroup::ids).toList();
  }
}
