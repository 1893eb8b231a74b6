package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file engine as an operator meets it, against the packaged jar: a second process on the same
 * directory is refused at start, and a truncated entry file does not stop start-up.
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
  void aSecondProcessIsRefusedAndATruncatedFileIsSkipped() throws Exception {
    Path data = work.resolve("data");
    List<String> options =
        List.of("-Daddrservice.store.kind=file", "-Daddrservice.store.file.dir=" + data);
    String kept;
    String truncated;
    try (PackagedApp first = PackagedApp.start(options, work, work.resolve("first.log"))) {
      first.awaitReady(http);
      kept = create(first, "Kept");
      truncated = create(first, "Truncated");

      try (PackagedApp second = PackagedApp.start(options, work, work.resolve("second.log"))) {
        assertNotEquals(0, second.awaitExit(Duration.ofSeconds(90)));
        String output = second.output();
        assertTrue(output.contains("is in use by another process"), second.logTail());
        assertTrue(output.contains(data.toAbsolutePath().normalize().toString()), second.logTail());
      }
      // The refused process did not disturb the one that holds the directory.
      assertEquals(200, get(first, kept).statusCode());
    }

    Path file = data.resolve(truncated + ".json");
    byte[] whole = Files.readAllBytes(file);
    byte[] half = Arrays.copyOf(whole, whole.length / 2);
    Files.write(file, half);
    Path leftover = data.resolve(kept + ".json.tmp");
    Files.writeString(leftover, "{\"id\": \"");

    try (PackagedApp third = PackagedApp.start(options, work, work.resolve("third.log"))) {
      third.awaitReady(http);
      HttpResponse<String> found = get(third, kept);
      assertEquals(200, found.statusCode());
      assertTrue(found.body().contains("\"Kept\""), found.body());
      assertEquals(404, get(third, truncated).statusCode());
      assertTrue(third.output().contains(file.getFileName().toString()), third.logTail());
    }
    assertArrayEquals(half, Files.readAllBytes(file));
    assertFalse(Files.exists(leftover));
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
