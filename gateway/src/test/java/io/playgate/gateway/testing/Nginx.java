package io.playgate.gateway.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's real nginx ({@code /usr/sbin/nginx}) as a child process, in front of gateway nodes, configured with the
 * README's own example (section "Running several nodes", its {@code nginx} block) with the example's addresses
 * replaced by the test's loopback ports: what the README tells operators is what the tests run. Its pid file, logs
 * and temporary files live in a folder of the test's; it never touches Debian's nginx service.
 */
public final class Nginx implements AutoCloseable {

  /** Where Debian's package puts it; {@code .ci/run} installs it. */
  public static final Path BINARY = Path.of("/usr/sbin/nginx");
  /** The README example's public address and its nodes' ports, in order. */
  public static final String EXAMPLE_LISTEN = "listen 8080;";
  public static final List<String> EXAMPLE_NODES = List.of("127.0.0.1:8081", "127.0.0.1:8082", "127.0.0.1:8083");

  private static final Pattern SECTION = Pattern.compile("(?ms)^## Running several nodes\\n(.*?)(?=^## |\\z)");
  private static final Pattern BLOCK = Pattern.compile("(?ms)^```nginx\\n(.*?)^```");

  private final Process process;
  private final int port;
  private final Path dir;

  private Nginx(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /**
   * @return the {@code nginx} block of the README's section "Running several nodes"
   * @throws IllegalStateException when the section or the block is missing
   */
  public static String readmeExample() {
    try {
      Matcher section = SECTION.matcher(Files.readString(TestGateway.root().resolve("README.md")));
      Matcher block = section.find() ? BLOCK.matcher(section.group(1)) : null;
      if (block == null || !block.find()) {
        throw new IllegalStateException("README.md has no ```nginx block under \"## Running several nodes\"");
      }
      return block.group(1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The README example with its addresses replaced.
   *
   * @param port the port nginx listens on (loopback)
   * @param nodes the three nodes' ports
   * @return the {@code http}-context configuration
   */
  public static String example(int port, List<Integer> nodes) {
    String conf = readmeExample();
    if (!conf.contains(EXAMPLE_LISTEN) || nodes.size() != EXAMPLE_NODES.size()) {
      throw new IllegalStateException("the README example must listen with '" + EXAMPLE_LISTEN + "' and name "
          + EXAMPLE_NODES + ", and the test must give as many nodes");
    }
    conf = conf.replace(EXAMPLE_LISTEN, "listen 127.0.0.1:" + port + ";");
    for (int i = 0; i < nodes.size(); i++) {
      if (!conf.contains(EXAMPLE_NODES.get(i) + " ")) {
        throw new IllegalStateException("the README example no longer names " + EXAMPLE_NODES.get(i));
      }
      conf = conf.replace(EXAMPLE_NODES.get(i) + " ", "127.0.0.1:" + nodes.get(i) + " ");
    }
    return conf;
  }

  /**
   * Starts nginx with the README example in front of the given nodes and waits (bounded) until it accepts
   * connections.
   *
   * @param dir a folder for its configuration, pid file, logs and temporary files
   * @param nodes the three nodes' ports, in the example's order
   * @param port the loopback port nginx listens on (the nodes' public base URL names it)
   * @return the running nginx
   * @throws IllegalStateException when nginx is not installed (the message says how to install it), refuses the
   *     configuration, or does not come up within 10 s
   */
  public static Nginx start(Path dir, List<Integer> nodes, int port) throws IOException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " is missing: the rolling-restart tests need Debian's nginx "
          + "(apt-get install nginx; .ci/run installs it)");
    }
    Files.createDirectories(dir);
    for (String earlier : List.of("access.log", "error.log", "nginx.out")) {
      Files.deleteIfExists(dir.resolve(earlier));
    }
    // the workers of an nginx started by root run as nobody: they must reach the temporary folders
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(dir.resolve("playgate.conf"), example(port, nodes));
    Files.writeString(dir.resolve("nginx.conf"), """
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events { worker_connections 1024; }
        http {
          access_log %1$s/access.log;
          client_body_temp_path %1$s/client_body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          include %1$s/playgate.conf;
        }
        """.formatted(dir.toAbsolutePath()));
    Process p = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
        "-c", dir.resolve("nginx.conf").toString(), "-g", "daemon off;")
        .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
    Nginx nginx = new Nginx(p, port, dir);
    try {
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
          .until(() -> !p.isAlive() || nginx.accepts());
    } catch (RuntimeException e) {
      nginx.close();
      throw new IllegalStateException("nginx did not come up; see " + dir, e);
    }
    if (!p.isAlive()) {
      throw new IllegalStateException("nginx exited with " + p.exitValue() + ": " + Files.readString(dir.resolve(
          "nginx.out")) + Files.readString(dir.resolve("error.log")));
    }
    return nginx;
  }

  private boolean accepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** @return the port nginx listens on */
  public int port() {
    return port;
  }

  /** @return {@code http://127.0.0.1:<port>} */
  public String base() {
    return "http://127.0.0.1:" + port;
  }

  /** @return its folder: configuration, logs */
  public Path dir() {
    return dir;
  }

  /** Stops nginx (SIGTERM: fast shutdown) and waits for it, bounded. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
