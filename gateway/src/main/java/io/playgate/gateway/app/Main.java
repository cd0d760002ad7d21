package io.playgate.gateway.app;

import ch.qos.logback.classic.LoggerContext;
import com.github.benmanes.caffeine.cache.Ticker;
import io.playgate.gateway.config.ConfigLoader;
import io.playgate.gateway.http.ShutdownOptions;
import io.playgate.gateway.metrics.GatewayMetrics;
import io.playgate.gateway.options.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.LoggerFactory;

/**
 * Command line ({@link CommandLine#USAGE}).
 * <pre>
 *   java -jar gateway/target/playgate-gateway.jar [--config FILE]        the gateway
 *   java -jar gateway/target/playgate-gateway.jar partner-key KEY|-       prints the keySha256 of a partner API key
 *                                                                        ("-": read the key from standard input)
 *   java -jar gateway/target/playgate-gateway.jar sign ID [--partner NAME] [--ttl 1h] [--config FILE]
 *                                                                        prints a signed embed URL (partners.signingSecret)
 * </pre>
 * The standalone hub with fault injection is the hub simulator's jar (module hub-simulator), not a command here.
 * Exit status 2 for a bad command line or configuration (the message names the key), 1 when the server cannot start.
 * {@code SIGTERM} drains the running gateway and exits with 0 (1 when requests had to be cut at
 * {@code shutdown.deadline}); see docs/operators.md "Stopping and restarting a node".
 */
public final class Main {

  /**
   * Caffeine reports every failed asynchronous load at WARNING through java.util.logging; a hub 404 or outage is
   * an expected, already logged {@code hub.fail} line, so only its errors pass. Held here so the level sticks.
   */
  private static final java.util.logging.Logger CAFFEINE_LOG = java.util.logging.Logger.getLogger("com.github.benmanes.caffeine");

  /** Netty's switch for its JFR events (io.netty.util.internal.PlatformDependent). */
  private static final String NETTY_JFR = "io.netty.jfr.enabled";

  /** Bound on waiting, after a signal, for a start still under way, in seconds. */
  private static final long START_BOUND_SECONDS = 30;

  /** Bound on closing Vert.x after a drain, and slack on waiting for the drain itself, in seconds. */
  private static final long CLOSE_BOUND_SECONDS = 5;

  private Main() {
  }

  /**
   * @param args see the class comment
   */
  public static void main(String[] args) {
    CAFFEINE_LOG.setLevel(java.util.logging.Level.SEVERE);
    if (System.getProperty("logback.configurationFile") == null && Files.isRegularFile(Path.of("conf/logback.xml"))) {
      System.setProperty("logback.configurationFile", "conf/logback.xml");
    }
    // Netty's allocator JFR events (off unless a recording enables them) register with JFR when first used, some 130
    // classes on the start-up path; -Dio.netty.jfr.enabled=true brings them back
    if (System.getProperty(NETTY_JFR) == null) {
      System.setProperty(NETTY_JFR, "false");
    }
    CommandLine line;
    try {
      line = CommandLine.parse(List.of(args), System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("playgate: " + e.getMessage() + "\n" + CommandLine.USAGE);
      System.exit(2);
      return;
    }
    switch (line.command()) {
      case HELP -> System.out.println(CommandLine.USAGE);
      case PARTNER_KEY -> System.exit(Commands.partnerKey(line.operands(), System.in, System.out, System.err));
      case SIGN -> System.exit(Commands.sign(line, System.getenv(), System.getProperties(), System.out, System.err));
      case RUN -> runGateway(line.overlay());
    }
  }

  /** Loads the configuration and starts the gateway; a failure ends the process with status 2 or 1. */
  private static void runGateway(Path overlay) {
    GatewayMetrics metrics = GatewayMetrics.create();
    Vertx vertx = metrics.createVertx();
    Promise<Running> running = Promise.promise();
    // before anything listens: a SIGTERM just after the listeners are bound (readiness already 200) still drains
    drainOnSignal(vertx, running.future());
    ConfigLoader.load(vertx, Commands.defaultsFile(System.getenv()), overlay, System.getenv(), System.getProperties())
        .compose(config -> Playgate.start(vertx, config, Ticker.systemTicker(), metrics)
            .map(gateway -> new Running(gateway, config.shutdown())))
        .onComplete(running)
        .onFailure(e -> {
          if (e instanceof ConfigException) {
            System.err.println("playgate: configuration error: " + e.getMessage());
          } else {
            System.err.println("playgate: cannot start: " + e.getMessage());
          }
          vertx.close().onComplete(x -> System.exit(e instanceof ConfigException ? 2 : 1));
        });
  }

  /** A started gateway and the shutdown options it drains by. */
  private record Running(Playgate gateway, ShutdownOptions shutdown) {
  }

  /**
   * On {@code SIGTERM} (or {@code SIGINT}) the JVM runs its shutdown hooks: this one, registered before the gateway
   * starts, waits for the start to end (at most {@link #START_BOUND_SECONDS}), then drains the gateway
   * ({@link Playgate#drain()}), closes Vert.x, flushes the logs and ends the process with status 0 when no request
   * was cut, else 1, instead of the JVM's 143 for a signal. It waits at most {@code shutdown.deadline} plus
   * {@link #CLOSE_BOUND_SECONDS} for the drain and as long again for Vert.x to close. When the start failed or is
   * still running past its bound, it does nothing, so the process ends with the status it was given ({@code
   * System.exit}'s 1 or 2, or 143 for the signal).
   */
  private static void drainOnSignal(Vertx vertx, Future<Running> running) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Running started;
      try {
        started = running.await(START_BOUND_SECONDS, TimeUnit.SECONDS);
      } catch (Exception e) { // Future.await rethrows the start's failure as it is, checked ones included
        return;
      }
      Runtime.getRuntime().halt(drain(vertx, started));
    }, "playgate-drain"));
  }

  /** @return the exit status: 0 when the drain cut no request, else 1 */
  private static int drain(Vertx vertx, Running started) {
    int status = 1;
    try {
      long boundMillis = started.shutdown().deadline().toMillis() + TimeUnit.SECONDS.toMillis(CLOSE_BOUND_SECONDS);
      Drain.Report report = started.gateway().drain().await(boundMillis, TimeUnit.MILLISECONDS);
      status = report.cut() == 0 ? 0 : 1;
      vertx.close().await(CLOSE_BOUND_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | RuntimeException e) {
      LoggerFactory.getLogger(Main.class).error("playgate: the drain did not complete: {}", e.toString());
    }
    // the access log is queued (conf/logback.xml): write it out before the process ends
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
      logback.stop();
    }
    return status;
  }
}
