package io.playgate.gateway.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Records the events of one logger (and its children) while open, for tests that assert what is logged and at which
 * level. Events are kept in memory; close to detach.
 */
public final class LogCapture implements AutoCloseable {

  private final Logger logger;
  private final Level previousLevel;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
    @Override
    protected void append(ILoggingEvent event) {
      super.append(event);
      // AppenderBase.doAppend holds this appender's lock here
      notifyAll();
    }
  };

  private LogCapture(String name, Level level) {
    this.logger = (Logger) LoggerFactory.getLogger(name);
    this.previousLevel = logger.getLevel();
    if (level != null) {
      logger.setLevel(level);
    }
    appender.start();
    logger.addAppender(appender);
  }

  /**
   * @param loggerName a logger name, or {@code Logger.ROOT_LOGGER_NAME} for every logger that is additive
   * @return a capture that records from now on, at the logger's configured level
   */
  public static LogCapture of(String loggerName) {
    return new LogCapture(loggerName, null);
  }

  /**
   * @param loggerName a logger name
   * @param level the level to record from (logback-test.xml keeps io.vertx at WARN), restored on close
   * @return a capture that records from now on
   */
  public static LogCapture of(String loggerName, Level level) {
    return new LogCapture(loggerName, level);
  }

  /** @return the events so far (a copy; the list may grow concurrently) */
  public List<ILoggingEvent> events() {
    // AppenderBase.doAppend holds the appender's lock while adding
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  /**
   * Waits for an event, without sleeping: woken by each append, bounded by {@code timeout}.
   *
   * @param test what the event must satisfy
   * @param timeout how long to wait at most
   * @return the first matching event, or empty when none came in time
   * @throws InterruptedException when interrupted while waiting
   */
  public Optional<ILoggingEvent> await(Predicate<ILoggingEvent> test, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (appender) {
      while (true) {
        Optional<ILoggingEvent> found = appender.list.stream().filter(test).findFirst();
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (found.isPresent() || leftMillis <= 0) {
          return found;
        }
        appender.wait(leftMillis);
      }
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
    logger.setLevel(previousLevel);
  }
}
