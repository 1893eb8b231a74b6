package io.addrservice.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A phone and its JSON keep the local number's digits and scale (written in plain digits). */
class PhoneTest {
  private static final ObjectMapper MAPPER = JsonMapping.newMapper();

  @ParameterizedTest
  @ValueSource(strings = {"7", "-26541234", "26541234.0", "2654.1234", "1E+3", "0.000"})
  void keepsTheLocalNumberExactly(String text) throws Exception {
    BigDecimal local = new BigDecimal(text);
    Phone phone = new Phone(Kind.HOME, BigDecimal.ONE, null, local);
    assertEquals(local, phone.localNumber());
    assertEquals(local.scale(), phone.localNumber().scale());
    assertEquals(new Phone(Kind.HOME, BigDecimal.ONE, null, new BigDecimal(text)), phone);
    assertEquals(new Phone(Kind.HOME, BigDecimal.ONE, null, local).hashCode(), phone.hashCode());
    assertNotEquals(new Phone(Kind.WORK, BigDecimal.ONE, null, local), phone);
    assertNotEquals(new Phone(Kind.HOME, BigDecimal.ONE, null, local.add(BigDecimal.ONE)), phone);

    String json = MAPPER.writeValueAsString(phone);
    assertEquals(
        "{\"kind\":\"home\",\"country_code\":1,\"local_number\":" + local.toPlainString() + "}",
        json);
    // Written in plain digits (1E+3 as 1000), as every number of an entry.
    assertEquals(
        new Phone(Kind.HOME, BigDecimal.ONE, null, new BigDecimal(local.toPlainString())),
        MAPPER.readValue(json, Phone.class));
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "5.0", "5.00"})
  void numbersOfAnotherScaleAreOtherNumbers(String text) {
    Phone phone = new Phone(Kind.HOME, BigDecimal.ONE, null, new BigDecimal(text));
    for (String other : new String[] {"5", "5.0", "5.00"}) {
      Phone otherPhone = new Phone(Kind.HOME, BigDecimal.ONE, null, new BigDecimal(other));
      assertEquals(text.equals(other), phone.equals(otherPhone), text + " and " + other);
    }
  }

  @Test
  void anAbsentLocalNumberStaysAbsent() {
    Phone phone = new Phone(Kind.HOME, BigDecimal.ONE, null, null);
    assertNull(phone.localNumber());
    assertNotEquals(new Phone(Kind.HOME, BigDecimal.ONE, null, BigDecimal.ZERO), phone);
  }
}
