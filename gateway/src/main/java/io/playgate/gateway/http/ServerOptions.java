package io.playgate.gateway.http;

import io.playgate.gateway.options.ConfigReader;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where the gateway listens and how it names itself: the {@value #KEY} section of {@code conf/gateway.yaml}.
 *
 * @param host interface to bind, e.g. {@code 0.0.0.0}
 * @param port TCP port, 0..65535; 0 picks a free port (tests)
 * @param publicBaseUrl absolute http(s) base of every URL the gateway emits, without trailing slash; {@code null}
 *     means {@code http://localhost:{actual port}}
 * @param instances number of HTTP server verticles, 1..64; 0 means one per CPU core
 * @param accessLog whether every request is logged ({@link AccessLogHandler})
 */
public record ServerOptions(String host, int port, @Nullable String publicBaseUrl, int instances,
    boolean accessLog) {

  /** The configuration section these options are read from. */
  public static final String KEY = "server";
  /** Default {@link #host()}: every interface. */
  public static final String DEFAULT_HOST = "0.0.0.0";
  /** Default {@link #port()}: 8080. */
  public static final int DEFAULT_PORT = 8080;
  /** Default {@link #instances()}: 0, one per CPU core. */
  public static final int DEFAULT_INSTANCES = 0;
  /** Default {@link #accessLog()}: on. */
  public static final boolean DEFAULT_ACCESS_LOG = true;

  /** Options with every default, as {@code conf/gateway.yaml} ships them. */
  public ServerOptions() {
    this(DEFAULT_HOST, DEFAULT_PORT, null, DEFAULT_INSTANCES, DEFAULT_ACCESS_LOG);
  }

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException for a blank host, or a port or instance count out of range
   */
  public ServerOptions {
    if (Objects.requireNonNull(host, "host").isBlank() || port < 0 || port > 65535 || instances < 0 || instances > 64) {
      throw new IllegalArgumentException("invalid server options");
    }
  }

  /**
   * Reads and checks the {@value #KEY} section: {@code host}, {@code port} (0..65535), {@code publicBaseUrl} (an
   * absolute http(s) URL without query, or empty), {@code instances} (0..64), {@code accessLog} (true or false).
   *
   * @param json the section
   * @return the options
   * @throws io.playgate.gateway.options.ConfigException naming the first bad key, e.g. {@code server.port}
   */
  public static ServerOptions fromJson(@Nullable JsonObject json) {
    ConfigReader s = ConfigReader.of(KEY, json);
    return new ServerOptions(s.string("host"), s.intIn("port", 0, 65535), s.baseUrl("publicBaseUrl"),
        s.intIn("instances", 0, 64), s.bool("accessLog"));
  }

  /** @return the {@value #KEY} section, as {@link #fromJson} reads it */
  public JsonObject toJson() {
    return new JsonObject().put("host", host).put("port", port).put("publicBaseUrl", publicBaseUrl)
        .put("instances", instances).put("accessLog", accessLog);
  }

  /**
   * @param actualPort the port the server really bound (differs from {@link #port()} when that is 0)
   * @return the public base URL without trailing slash
   */
  public String publicBaseUrl(int actualPort) {
    return publicBaseUrl != null ? publicBaseUrl : "http://localhost:" + actualPort;
  }

  /**
   * @param actualPort the bound port
   * @return {@code http://<host>:<port>} that reaches this server from the same machine: a wildcard or
   *     {@code localhost} bind address becomes {@code 127.0.0.1}, an IPv6 literal gets brackets
   */
  public String selfOrigin(int actualPort) {
    String h = host.equals("0.0.0.0") || host.equals("::") || host.equals("localhost") ? "127.0.0.1" : host;
    return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + actualPort;
  }

  /**
   * @return how many server verticles to run: {@link #instances()}, or one per CPU core when that is 0; always one
   *     on a random port (port 0), which several instances could not share reliably
   */
  public int instanceCount() {
    int n = instances == 0 ? Runtime.getRuntime().availableProcessors() : instances;
    return port == 0 ? 1 : n;
  }
}
