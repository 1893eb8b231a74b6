package io.addrservice.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

/**
 * How entries map to JSON, in one place for every mapper (the web layer's and the stores'): numbers
 * keep their exact digits, and a document that repeats a key or has trailing content is an error
 * rather than something silently half-read.
 */
public final class JsonMapping {
  /** The most digits an entry's number may have on either side of its decimal point. */
  public static final int MAX_DIGITS = 1000;

  /**
   * The longest number any entry can hold, as written (plain digits): a sign, {@value #MAX_DIGITS}
   * digits, a point and {@value #MAX_DIGITS} more. Stored documents are read back with at least
   * this limit, or a valid entry such as {@code -1e999} (1001 characters when written) could not be
   * read again; Jackson's default is 1000 characters.
   */
  public static final int MAX_NUMBER_LENGTH = 2 * MAX_DIGITS + 2;

  private JsonMapping() {}

  /** Applies the entry mapping rules to {@code mapper} and returns it. */
  public static ObjectMapper configure(ObjectMapper mapper) {
    StreamReadConstraints limits = mapper.getFactory().streamReadConstraints();
    if (limits.getMaxNumberLength() < MAX_NUMBER_LENGTH) {
      mapper
          .getFactory()
          .setStreamReadConstraints(limits.rebuild().maxNumberLength(MAX_NUMBER_LENGTH).build());
    }
    return mapper
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
        // 1e2 is written 100 by every engine (PostgreSQL's JSONB would rewrite it so anyway);
        // the validator bounds exponents, so plain digits stay short.
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  }

  /** A new mapper with the entry mapping rules, for code that runs outside CDI. */
  public static ObjectMapper newMapper() {
    return configure(new ObjectMapper());
  }
}
