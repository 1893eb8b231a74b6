package io.addrservice.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.Email;
import io.addrservice.model.VersionedEntry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The file store's earlier format, one JSON document per entry ({@code <id>.json}: id, version,
 * entry, all in the shared book), read once to convert a directory to the log.
 */
final class LegacyEntryFiles {
  static final Pattern ENTRY_FILE = Pattern.compile("[0-9a-f]{32}\\.json");
  static final Pattern TEMP_FILE = Pattern.compile("[0-9a-f]{32}\\.json\\.tmp");
  static final String ENTRY_SUFFIX = ".json";

  /**
   * An entry file. Registered for reflection: Jackson binds it outside any JAX-RS signature, where
   * a native build would not see it.
   */
  @RegisterForReflection
  record StoredDocument(String id, JsonNode version, AddressEntry entry) {}

  private final ObjectReader documentReader;

  LegacyEntryFiles(ObjectMapper mapper) {
    this.documentReader = mapper.readerFor(StoredDocument.class);
  }

  /** The entry in one file, checked as the earlier store checked it. */
  VersionedEntry read(Path file) throws IOException {
    String name = file.getFileName().toString();
    String id = name.substring(0, name.length() - ENTRY_SUFFIX.length());
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("not a regular file");
    }
    StoredDocument document = documentReader.readValue(Files.readAllBytes(file));
    if (document == null) {
      throw new IOException("not a JSON object");
    }
    if (!id.equals(document.id())) {
      throw new IOException("its id field does not match its file name");
    }
    JsonNode version = document.version();
    if (version == null || !version.canConvertToExactIntegral() || version.asLong() < 1) {
      throw new IOException("its version is not a positive whole number");
    }
    AddressEntry bound = document.entry();
    if (bound == null) {
      throw new IOException("its entry is not a JSON object");
    }
    if (bound.fullName() == null
        || bound.emails().stream().map(Email::email).anyMatch(e -> e == null)) {
      throw new IOException("its entry lacks full_name or an e-mail address");
    }
    return new VersionedEntry(id, version.longValue(), bound);
  }
}
