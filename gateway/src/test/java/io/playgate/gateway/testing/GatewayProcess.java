package io.playgate.gateway.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as operators run it: {@code java -jar gateway/target/playgate-gateway.jar} in a process of its own
 * (built in the package phase, before the integration tests run), configured by {@code -Dplaygate.*} properties, its
 * output in a log file. For what only a real process shows: signals, exit status, the JVM's shutdown hooks.
 * <pre>
 * GatewayProcess node = GatewayProcess.start(dir.resolve("node.log"), Map.of("hub.mode", "remote", …));
 * node.terminate();                       // SIGTERM, as Process.destroy() sends on Linux
 * int status = node.awaitExit(Duration.ofSeconds(15));
 * </pre>
 */
public final class GatewayProcess implements AutoCloseable {

  /** Bound on a boot under a loaded machine: JVM start, configuration, bind. */
  public static final Duration BOOT_BOUND = Duration.ofSeconds(60);
  /** How long {@link #status(String)} waits for one answer. */
  public static final Duration PROBE_BOUND = Duration.ofSeconds(5);

  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final Path log;
  private final int port;

  private GatewayProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** @return {@code gateway/target/playgate-gateway.jar}; fails with what to run when it has not been built */
  public static Path jar() {
    Path jar = TestGateway.root().resolve("gateway/target/playgate-gateway.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: it is built in the package phase; run mvn -B verify (or "
          + "mvn -B package -DskipTests) first");
    }
    return jar;
  }

  /**
   * Starts a gateway process on loopback and waits (bounded by {@link #BOOT_BOUND}) until {@code /health/live}
   * answers 200. It runs one server instance with a small heap, and {@code server.host} 127.0.0.1, unless the
   * settings say otherwise.
   *
   * @param log the file its standard output and error go to (replaced)
   * @param settings configuration keys and values, passed as {@code -Dplaygate.<key>=<value>}; must hold
   *     {@code server.port} (a fixed port, so a restart binds the same one)
   * @return the running process
   * @throws IllegalStateException when it exits or does not come up in time
   */
  public static GatewayProcess start(Path log, Map<String, String> settings) {
    int port = Integer.parseInt(settings.get("server.port"));
    List<String> cmd = new ArrayList<>(List.of(javaCommand(), "-Xmx256m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Dplaygate.server.host=127.0.0.1", "-Dplaygate.server.instances=1"));
    settings.forEach((k, v) -> cmd.add("-Dplaygate." + k + "=" + v));
    cmd.addAll(List.of("-jar", jar().toString()));
    try {
      Process p = new ProcessBuilder(cmd).directory(TestGateway.root().toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      GatewayProcess node = new GatewayProcess(p, log, port);
      node.awaitLive();
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitLive() {
    try {
      await().atMost(BOOT_BOUND).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
          .until(() -> !process.isAlive() || status("/health/live") == 200);
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw new IllegalStateException("the gateway did not come up on port " + port + " within " + BOOT_BOUND
          + "; its log:\n" + log(), e);
    }
    if (!process.isAlive()) {
      throw new IllegalStateException("the gateway exited with " + process.exitValue() + "; its log:\n" + log());
    }
  }

  /** @return a free loopback port (free now; a test binds it soon after) */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the java launcher running this test, so the gateway runs on the same JDK */
  private static String javaCommand() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** @return the public port */
  public int port() {
    return port;
  }

  /** @return {@code http://127.0.0.1:<port>} */
  public String base() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * A probe: callers poll it until it answers what they wait for, so one answer that never comes costs one bound
   * ({@link #PROBE_BOUND}), not the caller's whole wait.
   *
   * @param path a path on the public port
   * @return the status a {@code GET} gets, within {@link #PROBE_BOUND}
   * @throws IOException when the connection fails or no answer comes in time
   * @throws InterruptedException when interrupted
   */
  public int status(String path) throws IOException, InterruptedException {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(PROBE_BOUND).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Sends {@code SIGTERM} ({@link Process#destroy()} on Linux). */
  public void terminate() {
    process.destroy();
  }

  /**
   * @param bound how long to wait
   * @return the exit status
   * @throws IllegalStateException when the process is still running after the bound (it is then killed)
   */
  public int awaitExit(Duration bound) throws InterruptedException {
    if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException("the gateway on port " + port + " did not exit within " + bound + "; its log:\n"
          + log());
    }
    return process.exitValue();
  }

  /** @return whether the process is still running */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** @return its output so far */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills the process if it still runs (a test that failed half-way), and waits for it, bounded. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
