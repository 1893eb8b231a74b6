package io.addrservice.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.model.JsonMapping;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7396's own test cases (its Appendix A), which every merge patch implementation passes. */
class MergePatchTest {
  private final ObjectMapper mapper = JsonMapping.newMapper();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":\"b\"}               | {\"a\":\"c\"}           | {\"a\":\"c\"}",
        "{\"a\":\"b\"}               | {\"b\":\"c\"}           | {\"a\":\"b\",\"b\":\"c\"}",
        "{\"a\":\"b\"}               | {\"a\":null}            | {}",
        "{\"a\":\"b\",\"b\":\"c\"}   | {\"a\":null}            | {\"b\":\"c\"}",
        "{\"a\":[\"b\"]}             | {\"a\":\"c\"}           | {\"a\":\"c\"}",
        "{\"a\":\"c\"}               | {\"a\":[\"b\"]}         | {\"a\":[\"b\"]}",
        "{\"a\":{\"b\":\"c\"}}       | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
        "{\"a\":[{\"b\":\"c\"}]}     | {\"a\":[1]}             | {\"a\":[1]}",
        "[\"a\",\"b\"]               | [\"c\",\"d\"]           | [\"c\",\"d\"]",
        "{\"a\":\"b\"}               | [\"c\"]                 | [\"c\"]",
        "{\"a\":\"foo\"}             | null                    | null",
        "{\"a\":\"foo\"}             | \"bar\"                 | \"bar\"",
        "{\"e\":null}                | {\"a\":1}               | {\"e\":null,\"a\":1}",
        "[1,2]                       | {\"a\":\"b\",\"c\":null} | {\"a\":\"b\"}",
        "{}                          | {\"a\":{\"bb\":{\"ccc\":null}}} | {\"a\":{\"bb\":{}}}"
      })
  void rfc7396AppendixA(String target, String patch, String result) throws IOException {
    JsonNode original = mapper.readTree(target);
    JsonNode applied = MergePatch.apply(original, mapper.readTree(patch));
    assertEquals(mapper.readTree(result), applied);
    assertEquals(mapper.readTree(target), original, "the target is not changed");
  }
}
