package io.addrservice.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.addrservice.api.error.ErrorBody;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The early answers' body has the shape of every other error body. */
class EarlyErrorsTest {
  private static List<String> fields(Class<?> record) {
    return Arrays.stream(record.getRecordComponents())
        .map(c -> c.getName() + ":" + c.getGenericType().getTypeName())
        .toList();
  }

  @Test
  void theBodyHasErrorBodysFieldsButTheTrace() {
    List<String> errorBody = fields(ErrorBody.class);
    assertEquals(errorBody.subList(0, errorBody.size() - 1), fields(EarlyErrors.Body.class));
    assertEquals("trace", ErrorBody.class.getRecordComponents()[errorBody.size() - 1].getName());
  }
}
