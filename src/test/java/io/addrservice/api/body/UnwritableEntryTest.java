package io.addrservice.api.body;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.addrservice.api.ApiTestSupport;
import io.addrservice.api.logging.LogCapture;
import io.addrservice.api.logging.RequestLogFilter;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.Kind;
import io.addrservice.model.Owners;
import io.addrservice.model.Phone;
import io.addrservice.model.VersionedEntry;
import io.addrservice.service.AddressBookService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * Defence in depth on reads: a stored entry that cannot be written out (put into the store past the
 * validator, as a file edited by hand or an older version's data would be) fails only its own read.
 */
@QuarkusTest
class UnwritableEntryTest extends ApiTestSupport {
  @Inject AddressBookService service;

  /** An entry that the validator refuses and JSON cannot write in plain digits. */
  private static AddressEntry poisoned() {
    return new AddressEntry(
        "Poisoned",
        null,
        List.of(new Phone(Kind.HOME, new BigDecimal("1e2147483647"), null, BigDecimal.ONE)),
        null,
        null);
  }

  @Test
  void listingAndSearchAnswerForTheOthersAndGetIsAClear500() throws Exception {
    String before = service.create(Owners.SHARED_BOOK, AddressEntry.named("Before"), null).id();
    String bad = service.create(Owners.SHARED_BOOK, poisoned(), null).id();
    String after =
        service.create(Owners.SHARED_BOOK, AddressEntry.named("After Poisoned"), null).id();
    try (LogCapture logs = LogCapture.of(EntryBodies.class.getName(), RequestLogFilter.CATEGORY)) {
      given()
          .get("/addresses")
          .then()
          .statusCode(200)
          .body("size()", equalTo(2))
          .body("$", hasKey(before))
          .body("$", hasKey(after))
          .body("$", not(hasKey(bad)));
      given()
          .queryParam("q", "poisoned")
          .get("/addresses")
          .then()
          .statusCode(200)
          .body("size()", equalTo(1))
          .body(after + ".full_name", equalTo("After Poisoned"));
      LogCapture.Line skipped =
          logs.await(
              l -> l.level().intValue() >= Level.SEVERE.intValue() && l.message().contains(bad));
      assertTrue(skipped.message().contains("left out of a listing"), skipped.message());

      String requestId = "poisoned-read";
      given()
          .header("X-Request-ID", requestId)
          .get("/addresses/" + bad)
          .then()
          .statusCode(500)
          .header("X-Request-ID", requestId)
          .body("code", equalTo(500))
          .body(
              "message",
              equalTo(
                  "Entry "
                      + bad
                      + " cannot be read: the stored value cannot be written out; req_id="
                      + requestId))
          .body("$", not(hasKey("trace")));
      LogCapture.Line line = logs.await(l -> requestId.equals(l.reqId()));
      assertEquals(Level.SEVERE.intValue(), line.level().intValue());
      assertTrue(line.message().contains("status=500"), line.message());
    } finally {
      VersionedEntry stored = service.get(Owners.SHARED_BOOK, bad);
      service.delete(Owners.SHARED_BOOK, stored.id(), io.addrservice.model.VersionMatch.any());
    }
  }
}
