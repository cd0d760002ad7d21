package io.playgate.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedLoggingTest {

  private static final String[] LOGGERS = {Logger.ROOT_LOGGER_NAME, ShippedLogging.ACCESS_LOGGER, "io.netty",
      "io.vertx", "io.playgate.gateway.app.Playgate"};

  @TempDir
  Path dir;

  @AfterEach
  void clearProperty() {
    System.clearProperty(ShippedLogging.CONFIG_PROPERTY);
  }

  @Test
  void theCodeSaysWhatTheShippedXmlSays() throws Exception {
    LoggerContext byXml = new LoggerContext();
    JoranConfigurator joran = new JoranConfigurator();
    joran.setContext(byXml);
    joran.doConfigure(Path.of("../conf/logback.xml").toFile());
    LoggerContext byCode = new LoggerContext();
    ShippedLogging.apply(byCode);
    assertEquals(shape(byXml), shape(byCode));
    byXml.stop();
    byCode.stop();
  }

  @Test
  void theShippedFileWithOtherCommentsAndSpacingIsAppliedInCode() throws Exception {
    String conf = Files.readString(Path.of("../conf/logback.xml"), StandardCharsets.UTF_8);
    Path copy = Files.writeString(dir.resolve("logback.xml"), "<!-- a note -->\n" + conf.replace("  ", "    "));
    System.setProperty(ShippedLogging.CONFIG_PROPERTY, copy.toString());
    assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configure(new LoggerContext()));
  }

  @Test
  void anEditedFileIsLeftToLogback() throws Exception {
    String conf = Files.readString(Path.of("../conf/logback.xml"), StandardCharsets.UTF_8);
    Path edited = Files.writeString(dir.resolve("logback.xml"), conf.replace("<root level=\"INFO\">",
        "<root level=\"DEBUG\">"));
    System.setProperty(ShippedLogging.CONFIG_PROPERTY, edited.toString());
    LoggerContext context = new LoggerContext();
    assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configure(context));
    assertEquals(List.of(), appenders(context), "nothing applied");
  }

  @Test
  void aSpaceAddedInsideThePatternIsAnEditLeftToLogback() throws Exception {
    String conf = Files.readString(Path.of("../conf/logback.xml"), StandardCharsets.UTF_8);
    assertTrue(conf.contains("%-5level ["), "the shipped pattern");
    Path edited = Files.writeString(dir.resolve("logback.xml"), conf.replace("%-5level [", "%-5level  ["));
    System.setProperty(ShippedLogging.CONFIG_PROPERTY, edited.toString());
    assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configure(new LoggerContext()));
  }

  @Test
  void aMissingFileOrTheTestClassPathIsLeftToLogback() {
    System.setProperty(ShippedLogging.CONFIG_PROPERTY, dir.resolve("absent.xml").toString());
    assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configure(new LoggerContext()));
    System.clearProperty(ShippedLogging.CONFIG_PROPERTY);
    // the test class path holds logback-test.xml, which logback would read first
    assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configure(new LoggerContext()));
  }

  private static ExecutionStatus configure(LoggerContext context) {
    ShippedLogging logging = new ShippedLogging();
    logging.setContext(context);
    return logging.configure(context);
  }

  /** Per logger: level, additivity, and its appenders with their patterns and queued appenders, as text. */
  private static List<String> shape(LoggerContext context) {
    List<String> shape = new ArrayList<>();
    for (String name : LOGGERS) {
      Logger logger = context.getLogger(name);
      shape.add(name + " level=" + logger.getLevel() + " additive=" + logger.isAdditive());
      for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
        shape.add("  " + describe(it.next()));
      }
    }
    return shape;
  }

  private static List<String> appenders(LoggerContext context) {
    List<String> names = new ArrayList<>();
    context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(a -> names.add(a.getName()));
    return names;
  }

  private static String describe(Appender<ILoggingEvent> appender) {
    StringBuilder s = new StringBuilder(appender.getName() + " " + appender.getClass().getSimpleName()
        + " started=" + appender.isStarted());
    if (appender instanceof OutputStreamAppender<ILoggingEvent> out
        && out.getEncoder() instanceof PatternLayoutEncoder encoder) {
      s.append(" pattern=").append(encoder.getPattern());
    }
    if (appender instanceof AsyncAppender async) {
      s.append(" neverBlock=").append(async.isNeverBlock()).append(" queue=").append(async.getQueueSize())
          .append(" discardingThreshold=").append(async.getDiscardingThreshold());
      async.iteratorForAppenders().forEachRemaining(a -> s.append(" -> ").append(describe(a)));
    }
    return s.toString();
  }
}
