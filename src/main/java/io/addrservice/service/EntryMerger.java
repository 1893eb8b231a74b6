package io.addrservice.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import io.addrservice.store.AddressStore;
import io.addrservice.store.MergeResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Folds entries that are the same person into one: the target gains the sources' addresses, phone
 * and fax numbers and e-mails that it does not already have, and the sources are deleted, as one
 * atomic step of the store (nothing or everything, whatever the engine, also across a crash).
 */
@ApplicationScoped
public class EntryMerger {
  /** The most sources one merge may name: one bounded step for every engine. */
  public static final int MAX_SOURCES = 100;

  /** The message of a merge request whose body breaks its rules. */
  public static final String INVALID_MERGE = "Invalid merge request";

  /** How often a merge without conditions is read again after a concurrent write won the race. */
  static final int ATTEMPTS = 10;

  private final AddressStore store;
  private final EntryValidator validator;
  private final ObjectMapper mapper;

  /** A merger over {@code store}, validating merged entries with {@code validator}. */
  public EntryMerger(AddressStore store, EntryValidator validator, ObjectMapper mapper) {
    this.store = store;
    this.validator = validator;
    this.mapper = mapper;
  }

  /** A source of a merge, with the version it must be at, or null for any. */
  record Source(String id, Long version) {
    VersionMatch condition() {
      return version == null ? VersionMatch.any() : VersionMatch.oneOf(Set.of(version));
    }
  }

  /**
   * Merges the entries that {@code body} names ({@code {"from": ["id", {"id": "...", "version": 3},
   * ...]}}) into the entry {@code id} of the owner's book.
   *
   * @param expected the target versions the client's If-Match accepts
   * @return the merged entry at its new version
   * @throws InvalidRequestException when the body breaks its rules (listing every violation), names
   *     the target among the sources or a source twice, or the merged entry is not valid
   * @throws EntryNotFoundException naming the first id (target, then sources) that is unknown
   * @throws VersionMismatchException when the target is at a version If-Match does not name
   * @throws SourceChangedException when a source is at another version than the one named
   */
  public VersionedEntry merge(String owner, String id, JsonNode body, VersionMatch expected) {
    AddressBookService.requireWellFormed(id);
    List<Source> sources = sources(id, body);
    for (Source source : sources) {
      AddressBookService.requireWellFormed(source.id());
    }
    for (int attempt = 1; ; attempt++) {
      VersionedEntry target = read(owner, id);
      if (!expected.matches(target.version())) {
        throw new VersionMismatchException(id, target.version());
      }
      List<AddressEntry> folded = new ArrayList<>(sources.size());
      Map<String, VersionMatch> readAt = new LinkedHashMap<>();
      for (Source source : sources) {
        VersionedEntry found = read(owner, source.id());
        if (!source.condition().matches(found.version())) {
          throw new SourceChangedException(source.id(), found.version());
        }
        folded.add(found.entry());
        readAt.put(source.id(), VersionMatch.oneOf(Set.of(found.version())));
      }
      // Validated like a PUT body: the one enforcer of the entry's rules has the last word.
      AddressEntry merged = validator.toEntry(mapper.valueToTree(fold(target.entry(), folded)));
      // Written only over the versions that were folded: a write in between is never lost.
      MergeResult result =
          AddressBookService.stored(
              () ->
                  store.merge(
                      owner, id, merged, VersionMatch.oneOf(Set.of(target.version())), readAt));
      switch (result.status()) {
        case WRITTEN -> {
          return result.merged();
        }
        case NOT_FOUND -> throw new EntryNotFoundException(result.id());
        case VERSION_MISMATCH -> {
          boolean conditional =
              result.id().equals(id)
                  ? !expected.unconditional()
                  : sources.stream()
                      .anyMatch(s -> s.id().equals(result.id()) && s.version() != null);
          if (conditional || attempt == ATTEMPTS) {
            throw result.id().equals(id)
                ? new VersionMismatchException(id, result.currentVersion())
                : new SourceChangedException(result.id(), result.currentVersion());
          }
        }
      }
    }
  }

  private VersionedEntry read(String owner, String id) {
    return AddressBookService.stored(() -> store.find(owner, id))
        .orElseThrow(() -> new EntryNotFoundException(id));
  }

  /**
   * The target with the sources' items added, each list without repeats and the target's items
   * first: e-mails compared ignoring case, phone and fax numbers by their digits, addresses by
   * their fields (the kind, home or work, is not compared: the first one found is kept). The
   * target's name is kept.
   */
  static AddressEntry fold(AddressEntry target, List<AddressEntry> sources) {
    List<AddressEntry> all = new ArrayList<>(1 + sources.size());
    all.add(target);
    all.addAll(sources);
    return new AddressEntry(
        target.fullName(),
        distinct(all, AddressEntry::addresses, MatchKeys::address),
        distinct(all, AddressEntry::phoneNumbers, MatchKeys::phone),
        distinct(all, AddressEntry::faxNumbers, MatchKeys::phone),
        distinct(all, AddressEntry::emails, MatchKeys::email));
  }

  private static <T> List<T> distinct(
      List<AddressEntry> entries, Function<AddressEntry, List<T>> items, Function<T, String> key) {
    Set<String> seen = new HashSet<>();
    List<T> kept = new ArrayList<>();
    for (AddressEntry entry : entries) {
      for (T item : items.apply(entry)) {
        if (seen.add(key.apply(item))) {
          kept.add(item);
        }
      }
    }
    return kept;
  }

  /** The sources a merge body names, checked against every rule of the body at once. */
  private static List<Source> sources(String target, JsonNode body) {
    List<Violation> violations = new ArrayList<>();
    List<Source> sources = new ArrayList<>();
    if (body == null || !body.isObject()) {
      throw invalid(List.of(new Violation("$", "must be an object")));
    }
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!name.equals("from")) {
                violations.add(new Violation(child("$", name), "is not allowed"));
              }
            });
    JsonNode from = body.get("from");
    if (from == null) {
      violations.add(new Violation("$.from", "is required"));
    } else if (!from.isArray() || from.isEmpty() || from.size() > MAX_SOURCES) {
      violations.add(
          new Violation(
              "$.from",
              "must be an array of 1 to " + MAX_SOURCES + " ids or {id, version} objects"));
    } else {
      Set<String> named = new HashSet<>();
      for (int i = 0; i < from.size(); i++) {
        String at = "$.from[" + i + "]";
        Source source = source(from.get(i), at, violations);
        if (source == null) {
          continue;
        }
        if (source.id().equals(target)) {
          violations.add(new Violation(at, "must not be the target of the merge"));
        } else if (!named.add(source.id())) {
          violations.add(new Violation(at, "names an entry already listed"));
        } else {
          sources.add(source);
        }
      }
    }
    if (!violations.isEmpty()) {
      throw invalid(
          violations.stream()
              .sorted(Comparator.comparing(Violation::path).thenComparing(Violation::message))
              .toList());
    }
    return sources;
  }

  private static Source source(JsonNode item, String at, List<Violation> violations) {
    if (item.isTextual()) {
      return new Source(item.textValue(), null);
    }
    if (!item.isObject()) {
      violations.add(new Violation(at, "must be an id or an {id, version} object"));
      return null;
    }
    int before = violations.size();
    item.fieldNames()
        .forEachRemaining(
            name -> {
              if (!name.equals("id") && !name.equals("version")) {
                violations.add(new Violation(child(at, name), "is not allowed"));
              }
            });
    JsonNode id = item.get("id");
    if (id == null || !id.isTextual()) {
      violations.add(new Violation(at + ".id", id == null ? "is required" : "must be a string"));
    }
    JsonNode version = item.get("version");
    if (version != null
        && !(version.canConvertToExactIntegral()
            && version.canConvertToLong()
            && version.asLong() >= 1)) {
      violations.add(new Violation(at + ".version", "must be a whole number of at least 1"));
    }
    if (violations.size() > before) {
      return null;
    }
    return new Source(id.textValue(), version == null ? null : version.asLong());
  }

  private static String child(String parent, String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_]*")
        ? parent + "." + name
        : parent + "['" + name.replace("'", "\\'") + "']";
  }

  private static InvalidRequestException invalid(List<Violation> violations) {
    return new InvalidRequestException(INVALID_MERGE, violations);
  }
}
