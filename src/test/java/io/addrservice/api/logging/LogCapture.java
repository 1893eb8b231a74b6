package io.addrservice.api.logging;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** Keeps what the named log categories write, with the request id each record carried. */
public final class LogCapture extends Handler implements AutoCloseable {

  /** One captured record, with the MDC values read on the thread that logged it. */
  public record Line(
      String category,
      Level level,
      String message,
      String reqId,
      String prefix,
      Throwable thrown) {}

  private final Queue<Line> lines = new ConcurrentLinkedQueue<>();
  private final List<Logger> loggers;

  private LogCapture(List<Logger> loggers) {
    this.loggers = loggers;
    setLevel(Level.ALL);
    loggers.forEach(logger -> logger.addHandler(this));
  }

  /** Starts capturing the categories; {@link #close()} stops. */
  public static LogCapture of(String... categories) {
    return new LogCapture(List.of(categories).stream().map(Logger::getLogger).toList());
  }

  @Override
  public void publish(LogRecord record) {
    ExtLogRecord ext = (ExtLogRecord) record;
    lines.add(
        new Line(
            record.getLoggerName(),
            record.getLevel(),
            record.getMessage(),
            ext.getMdc(RequestLogFilter.REQ_ID),
            ext.getMdc(RequestLogFilter.REQ_ID_PREFIX),
            record.getThrown()));
  }

  /** Everything captured so far that matches. */
  public List<Line> all(Predicate<Line> matching) {
    return lines.stream().filter(matching).toList();
  }

  /**
   * The first line that matches, waiting for it: the canonical line is written after the response,
   * so it may come a moment after the client has its answer.
   */
  public Line await(Predicate<Line> matching) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      List<Line> found = all(matching);
      if (!found.isEmpty()) {
        return found.get(0);
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no log line matched; captured: " + lines);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    loggers.forEach(logger -> logger.removeHandler(this));
  }
}
