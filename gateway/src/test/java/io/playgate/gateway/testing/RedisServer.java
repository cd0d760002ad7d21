package io.playgate.gateway.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis for integration tests: Debian's {@code redis-server} on a free loopback port, without persistence
 * (no RDB, no AOF), its working directory and log in a temporary folder. It can be stopped and started again on the
 * same port (an outage), and answers {@link #command(String...)} over a plain socket (RESP2), so a test can look at
 * or plant keys without the gateway's client.
 *
 * <pre>{@code
 * @RegisterExtension @Order(1) static final RedisServer redis = new RedisServer();
 * @RegisterExtension @Order(2) static final GatewayExtension gateway = GatewayExtension.embedded()
 *     .with("cache.redis.url", redis::url);
 * }</pre>
 * Needs {@code redis-server} (Debian package; {@code .ci/run} installs it). Also usable without JUnit:
 * {@link #start()} and {@link #close()}.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  private static final Duration BOOT_BOUND = Duration.ofSeconds(20);
  private static final Path BINARY = Path.of("/usr/bin/redis-server");

  private @Nullable Path dir;
  private int port;
  private @Nullable Process server;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    close();
  }

  /** @return {@code redis://127.0.0.1:<port>} */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** @return the port, the same after {@link #stop()} and {@link #start()} */
  public int port() {
    return port;
  }

  /** @return whether the server process runs */
  public boolean isRunning() {
    return server != null && server.isAlive();
  }

  /**
   * Starts the server (the first time on a free port, later on the same one) and waits until it answers PING.
   *
   * @throws IllegalStateException when {@code redis-server} is missing or does not answer within 20 s
   */
  public void start() throws IOException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " is missing: apt-get install -y redis-server (.ci/run does)");
    }
    if (dir == null) {
      dir = Files.createTempDirectory("playgate-redis");
      port = freePort();
    }
    server = new ProcessBuilder(BINARY.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no",
        "--logfile", dir.resolve("redis.log").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    Process started = server;
    await("redis-server on port " + port + " (log in " + dir + ")").atMost(BOOT_BOUND)
        .pollInterval(Duration.ofMillis(20)).until(() -> {
          if (!started.isAlive()) {
            throw new IllegalStateException("redis-server exited; see " + dir);
          }
          return "PONG".equals(tryPing());
        });
  }

  /** Stops the server (SIGKILL: an outage, not a shutdown) and waits until the process is gone. Data is lost. */
  public void stop() throws InterruptedException {
    Process p = server;
    if (p != null) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      server = null;
    }
  }

  /** Stops the server and deletes its folder. */
  @Override
  public void close() throws Exception {
    stop();
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      dir = null;
    }
  }

  /**
   * Sends one command on a fresh connection and reads its reply (RESP2).
   *
   * @param args the command and its arguments, e.g. {@code "SET", "k", "v"}
   * @return a simple or bulk string as {@link String}, an integer as {@link Long}, an array as {@link List}, a nil
   *     as {@code null}, an error reply as a {@link String} starting with {@code "-"}
   * @throws UncheckedIOException when the server cannot be reached
   */
  public @Nullable Object command(String... args) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      StringBuilder req = new StringBuilder("*").append(args.length).append("\r\n");
      for (String a : args) {
        byte[] b = a.getBytes(StandardCharsets.UTF_8);
        req.append('$').append(b.length).append("\r\n").append(a).append("\r\n");
      }
      out.write(req.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      return read(new BufferedInputStream(s.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes every key (between tests). */
  public void flushAll() {
    command("FLUSHALL");
  }

  private @Nullable String tryPing() {
    try {
      return (String) command("PING");
    } catch (UncheckedIOException e) {
      return null;
    }
  }

  private static @Nullable Object read(InputStream in) throws IOException {
    int type = in.read();
    String line = readLine(in);
    switch (type) {
      case '+':
        return line;
      case '-':
        return "-" + line;
      case ':':
        return Long.parseLong(line);
      case '$': {
        int n = Integer.parseInt(line);
        if (n < 0) {
          return null;
        }
        byte[] b = in.readNBytes(n + 2);
        return new String(b, 0, n, StandardCharsets.UTF_8);
      }
      case '*': {
        int n = Integer.parseInt(line);
        if (n < 0) {
          return null;
        }
        List<@Nullable Object> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          items.add(read(in));
        }
        return items;
      }
      default:
        throw new IOException("not a RESP reply: " + (char) type + line);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != '\r') {
      if (c < 0) {
        throw new IOException("connection closed mid-reply");
      }
      sb.append((char) c);
    }
    in.read(); // '\n'
    return sb.toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
