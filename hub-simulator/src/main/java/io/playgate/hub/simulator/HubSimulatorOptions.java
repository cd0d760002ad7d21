package io.playgate.hub.simulator;

import io.playgate.units.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where and how the hub simulator runs, read from its command line ({@link #parse(List, Map)}).
 *
 * @param host the address the hub binds: a literal or a name resolved once at start; loopback by default, since a
 *     fault simulator is a target for local load only
 * @param port the hub's port, 0..65535 (0: any free port)
 * @param adminHost the admin API's address, loopback only ({@link HubAdmin#isLoopback(String)})
 * @param adminPort the admin API's port, 0..65535
 * @param catalog the catalogue folder (holding {@code catalog.json})
 * @param publicBaseUrl absolute base of the URLs the hub writes into MediaItems (files at
 *     {@code {publicBaseUrl}/hub/files/…}, default page URLs), without trailing slash; {@code null}: the address
 *     bound, with the actual port
 * @param maxAge the {@code max-age} sent with MediaItems, whole seconds, at most a day
 * @param apiKey the hub credential with which callers see private and unlisted items, or {@code null} for none
 */
public record HubSimulatorOptions(String host, int port, String adminHost, int adminPort, Path catalog,
                                  @Nullable String publicBaseUrl, Duration maxAge, @Nullable String apiKey) {

  /** Default {@link #host()}: IPv4 loopback. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** Default {@link #port()}. */
  public static final int DEFAULT_PORT = 9090;
  /** Default {@link #adminHost()}. */
  public static final String DEFAULT_ADMIN_HOST = "127.0.0.1";
  /** Default {@link #adminPort()}. */
  public static final int DEFAULT_ADMIN_PORT = HubAdmin.DEFAULT_PORT;
  /** Default {@link #catalog()}: the demo catalogue, relative to the working directory. */
  public static final Path DEFAULT_CATALOG = Path.of("conf/catalog");
  /** Default {@link #maxAge()}: 300 s, as the gateway's embedded hub. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(300);
  /** Environment variable holding {@link #apiKey()}: the name of the gateway's {@code hub.apiKey} override. */
  public static final String ENV_API_KEY = "PLAYGATE_HUB_API_KEY";

  /** The command line, for usage messages. */
  public static final String USAGE = "java -jar hub-simulator/target/playgate-hub-simulator.jar"
      + " [--host ADDR] [--port N] [--admin-host LOOPBACK] [--admin-port N] [--catalog DIR]"
      + " [--public-base-url URL] [--max-age DURATION]";

  /** The defaults: loopback on 9090, admin on loopback 9091, {@code conf/catalog}, 300 s, no credential. */
  public static final HubSimulatorOptions DEFAULTS = new HubSimulatorOptions(DEFAULT_HOST, DEFAULT_PORT,
      DEFAULT_ADMIN_HOST, DEFAULT_ADMIN_PORT, DEFAULT_CATALOG, null, DEFAULT_MAX_AGE, null);

  /** Checks every field. */
  public HubSimulatorOptions {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("--host: expected an address, e.g. 127.0.0.1");
    }
    port(port, "--port");
    port(adminPort, "--admin-port");
    if (!HubAdmin.isLoopback(adminHost)) {
      throw new IllegalArgumentException("--admin-host: the admin API binds to loopback only "
          + "(localhost, 127.0.0.0/8, ::1), not '" + adminHost + "'");
    }
    if (catalog == null) {
      throw new IllegalArgumentException("--catalog: expected a folder");
    }
    if (publicBaseUrl != null && !publicBaseUrl.matches("^https?://[^/?#\\s]+(/[^?#\\s]*)?$")) {
      throw new IllegalArgumentException("--public-base-url: expected an absolute http(s) URL, was '" + publicBaseUrl + "'");
    }
    publicBaseUrl = publicBaseUrl == null ? null : publicBaseUrl.replaceAll("/+$", "");
    if (maxAge == null || maxAge.isNegative() || maxAge.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("--max-age: expected a duration from 0s to 1d, was " + maxAge);
    }
    apiKey = apiKey == null || apiKey.isEmpty() ? null : apiKey;
  }

  private static void port(int port, String flag) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(flag + ": expected a port from 0 to 65535, was " + port);
    }
  }

  /**
   * Reads a command line: each option is {@code --name VALUE} or {@code --name=VALUE}; options left out keep their
   * {@link #DEFAULTS}.
   *
   * @param args the arguments after the jar
   * @param env the environment; {@link #ENV_API_KEY} sets the credential (kept off the command line and out of
   *     {@code ps})
   * @return the options
   * @throws IllegalArgumentException naming the option for an unknown option, a missing or bad value
   */
  public static HubSimulatorOptions parse(List<String> args, Map<String, String> env) {
    HubSimulatorOptions o = DEFAULTS.withApiKey(env.get(ENV_API_KEY));
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int eq = arg.indexOf('=');
      String name = eq > 0 ? arg.substring(0, eq) : arg;
      if (!name.startsWith("--")) {
        throw new IllegalArgumentException(arg + ": unexpected argument");
      }
      if (eq < 0 && i + 1 >= args.size()) {
        throw new IllegalArgumentException(name + ": needs a value");
      }
      o = o.with(name, eq > 0 ? arg.substring(eq + 1) : args.get(++i));
    }
    return o;
  }

  private HubSimulatorOptions with(String name, String value) {
    return switch (name) {
      case "--host" -> new HubSimulatorOptions(value, port, adminHost, adminPort, catalog, publicBaseUrl, maxAge, apiKey);
      case "--port" -> new HubSimulatorOptions(host, number(name, value), adminHost, adminPort, catalog, publicBaseUrl,
          maxAge, apiKey);
      case "--admin-host" -> new HubSimulatorOptions(host, port, value, adminPort, catalog, publicBaseUrl, maxAge, apiKey);
      case "--admin-port" -> new HubSimulatorOptions(host, port, adminHost, number(name, value), catalog, publicBaseUrl,
          maxAge, apiKey);
      case "--catalog" -> new HubSimulatorOptions(host, port, adminHost, adminPort, Path.of(value), publicBaseUrl,
          maxAge, apiKey);
      case "--public-base-url" -> new HubSimulatorOptions(host, port, adminHost, adminPort, catalog, value, maxAge, apiKey);
      case "--max-age" -> new HubSimulatorOptions(host, port, adminHost, adminPort, catalog, publicBaseUrl,
          duration(name, value), apiKey);
      default -> throw new IllegalArgumentException(name + ": unknown option");
    };
  }

  /**
   * @param key the credential, or {@code null} for none
   * @return a copy with that credential
   */
  public HubSimulatorOptions withApiKey(@Nullable String key) {
    return new HubSimulatorOptions(host, port, adminHost, adminPort, catalog, publicBaseUrl, maxAge, key);
  }

  private static int number(String name, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": expected a port from 0 to 65535, was '" + value + "'");
    }
  }

  private static Duration duration(String name, String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage());
    }
  }
}
