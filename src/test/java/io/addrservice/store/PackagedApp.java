package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The packaged jar ({@code target/quarkus-app/quarkus-run.jar}) run as a child process, so that a
 * test can kill it, restart it or start a second one beside it.
 */
final class PackagedApp implements AutoCloseable {
  static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final int port;
  private final Path log;

  private PackagedApp(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts the jar on a free port with {@code options} ({@code -Dkey=value}) in {@code workDir},
   * its output going to {@code log}.
   */
  static PackagedApp start(List<String> options, Path workDir, Path log) {
    assertTrue(Files.isRegularFile(JAR), JAR + " is missing: package the application first");
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dquarkus.http.port=" + port);
    command.addAll(options);
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    try {
      Files.createDirectories(workDir);
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new PackagedApp(process, port, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until {@code /q/health/ready} answers 200; fails if the process exits first. */
  PackagedApp awaitReady(HttpClient http) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    HttpRequest ready =
        HttpRequest.newBuilder(uri("/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail(
            "The application exited with "
                + process.exitValue()
                + " while starting:\n"
                + logTail());
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(100);
    }
    fail("The application was not ready within " + START_TIMEOUT + ":\n" + logTail());
    return this;
  }

  /** The exit code, once the process has ended by itself within {@code timeout}. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      fail("The application was still running after " + timeout + ":\n" + logTail());
    }
    return process.exitValue();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** SIGTERM, without waiting: the test watches what the stopping process does. */
  void terminate() {
    process.destroy();
  }

  /**
   * SIGKILL in the middle of a load: once {@code acknowledged} has reached {@code atLeast}, so that
   * the kill never lands before the load has really started however slow the machine is, and at the
   * latest after {@code limit} (the test's own count then says there was too little load).
   */
  void killOnceAcknowledged(IntSupplier acknowledged, int atLeast, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (acknowledged.getAsInt() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    kill();
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed that was not already durable. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** The end of the application's output, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** The whole output so far. */
  String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** Stops it as an operator would (SIGTERM), and forcibly if it does not stop. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
