package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file engine as an operator meets it, against the packaged jar: a second process on the same
 * directory is refused at start, a torn tail is cut with a warning, and damage in the middle of the
 * log stops start-up until the operator asks for a repair.
 */
class FileStoreProcessIT {
  private static final String ENTRY = "{\"full_name\": \"%s\", \"emails\": []}";

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  @TempDir Path work;

  @Test
  void aSecondProcessIsRefusedATornTailIsCutAndDamageNeedsARepair() throws Exception {
    Path data = work.resolve("data");
    List<String> options =
        List.of("-Daddrservice.store.kind=file", "-Daddrservice.store.file.dir=" + data);
    String first;
    String damaged;
    String last;
    try (PackagedApp app = PackagedApp.start(options, work, work.resolve("first.log"))) {
      app.awaitReady(http);
      first = create(app, "First");
      damaged = create(app, "Damaged");
      last = create(app, "Last");

      try (PackagedApp second = PackagedApp.start(options, work, work.resolve("second.log"))) {
        assertNotEquals(0, second.awaitExit(Duration.ofSeconds(90)));
        String output = second.output();
        assertTrue(output.contains("is in use by another process"), second.logTail());
        assertTrue(output.contains(data.toAbsolutePath().normalize().toString()), second.logTail());
      }
      // The refused process did not disturb the one that holds the directory.
      assertEquals(200, get(app, first).statusCode());
    }

    Path log = data.resolve("log-0000000001.jsonl");
    // A write torn by a crash: never acknowledged, cut off with a warning.
    byte[] torn = "0badc0de {\"op\":\"put\",\"se".getBytes(StandardCharsets.UTF_8);
    Files.write(log, torn, StandardOpenOption.APPEND);
    try (PackagedApp app = PackagedApp.start(options, work, work.resolve("torn.log"))) {
      app.awaitReady(http);
      assertEquals(200, get(app, last).statusCode());
      assertTrue(
          app.output()
              .contains("cut " + torn.length + " bytes off the end of log-0000000001.jsonl"),
          app.logTail());
    }

    // A byte flipped in the middle record: acknowledged data changed on disk.
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    int offset = (lines.get(0) + "\n").getBytes(StandardCharsets.UTF_8).length;
    byte[] bytes = Files.readAllBytes(log);
    bytes[offset + 30] ^= 0x04;
    Files.write(log, bytes);
    try (PackagedApp app = PackagedApp.start(options, work, work.resolve("damaged.log"))) {
      assertNotEquals(0, app.awaitExit(Duration.ofSeconds(90)));
      String output = app.output();
      assertTrue(
          output.contains(
              log.toAbsolutePath().normalize() + " is damaged at byte offset " + offset),
          app.logTail());
      assertTrue(output.contains("addrservice.store.file.repair=true"), app.logTail());
    }
    assertArrayEquals(bytes, Files.readAllBytes(log));

    List<String> repair = new ArrayList<>(options);
    repair.add("-Daddrservice.store.file.repair=true");
    try (PackagedApp app = PackagedApp.start(repair, work, work.resolve("repair.log"))) {
      app.awaitReady(http);
      assertEquals(200, get(app, first).statusCode());
      assertEquals(404, get(app, damaged).statusCode());
      assertEquals(200, get(app, last).statusCode());
      assertTrue(app.output().contains("repair dropped"), app.logTail());
    }
    assertTrue(Files.exists(data.resolve("log-0000000001.jsonl.damaged")));
    try (PackagedApp app = PackagedApp.start(options, work, work.resolve("after.log"))) {
      app.awaitReady(http);
      assertEquals(200, get(app, last).statusCode());
    }
  }

  private String create(PackagedApp app, String name) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(app.uri("/addresses"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(String.format(ENTRY, name)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(201, response.statusCode(), response.body());
    String location = response.headers().firstValue("Location").orElseThrow();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private HttpResponse<String> get(PackagedApp app, String id) throws Exception {
    return http.send(
        HttpRequest.newBuilder(app.uri("/addresses/" + id)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
