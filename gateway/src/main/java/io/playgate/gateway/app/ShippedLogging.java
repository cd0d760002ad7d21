package io.playgate.gateway.app;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Applies the shipped logging configuration ({@code conf/logback.xml}, equal to the jar's {@code logback.xml}) in
 * code instead of through logback's XML reader, which loads some 600 classes and cost about 0.5 s of the start-up
 * (the start-up profile in load-tests/RESULTS.md). Logback runs it first, as a service
 * ({@code META-INF/services/ch.qos.logback.classic.spi.Configurator}).
 *
 * <p>It applies only when the file logback would read is the shipped one, ignoring comments and the white space between
 * tags (white space inside a tag or a text, e.g. in the log pattern, counts as an edit): the file
 * named by the system property {@code logback.configurationFile} (the way {@link Main} names
 * {@code conf/logback.xml}), or, without that property and without a {@code logback-test.xml} on the class path, the
 * class path's {@code logback.xml}. Any other file, an edited {@code conf/logback.xml} included, is left to logback's
 * own configurators ({@link ExecutionStatus#INVOKE_NEXT_IF_ANY}), so an operator's changes always apply.
 */
public final class ShippedLogging extends ContextAwareBase implements Configurator {

  /** The shipped default, a resource of this jar. */
  static final String SHIPPED = "logback.xml";
  /** The system property logback reads its configuration's location from. */
  static final String CONFIG_PROPERTY = "logback.configurationFile";
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} %msg%n";
  /** The access log's logger ({@code AccessLogHandler} logs through Vert.x's LoggerHandler name). */
  static final String ACCESS_LOGGER = "io.vertx.ext.web.handler.LoggerHandler";

  private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
  private static final Pattern BETWEEN_TAGS = Pattern.compile(">\\s+<");

  /** For logback's service loader. */
  public ShippedLogging() {
  }

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    ClassLoader loader = ShippedLogging.class.getClassLoader();
    String shipped = normalized(read(loader.getResource(SHIPPED)));
    if (shipped == null || !shipped.equals(normalized(chosenText(loader)))) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    apply(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** @return the text of the configuration logback would read, or {@code null} when it is not a readable file */
  private static @Nullable String chosenText(ClassLoader loader) {
    String named = System.getProperty(CONFIG_PROPERTY);
    if (named != null) {
      Path file = Path.of(named);
      try {
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }
    return loader.getResource("logback-test.xml") != null ? null : read(loader.getResource(SHIPPED));
  }

  private static @Nullable String read(@Nullable URL url) {
    if (url == null) {
      return null;
    }
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  /** @return the XML without comments and without the white space between tags; any other white space is kept */
  static @Nullable String normalized(@Nullable String xml) {
    if (xml == null) {
      return null;
    }
    String s = COMMENT.matcher(xml).replaceAll("");
    return BETWEEN_TAGS.matcher(s.strip()).replaceAll("><");
  }

  /** What the shipped logback.xml says, element by element. */
  static void apply(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
    stdout.setContext(context);
    stdout.setName("STDOUT");
    stdout.setEncoder(encoder);
    stdout.start();
    AsyncAppender access = new AsyncAppender();
    access.setContext(context);
    access.setName("ACCESS");
    access.setNeverBlock(true);
    access.addAppender(stdout);
    access.start();
    Logger accessLog = context.getLogger(ACCESS_LOGGER);
    accessLog.setLevel(Level.INFO);
    accessLog.setAdditive(false);
    accessLog.addAppender(access);
    context.getLogger("io.netty").setLevel(Level.WARN);
    context.getLogger("io.vertx").setLevel(Level.INFO);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(stdout);
  }
}
