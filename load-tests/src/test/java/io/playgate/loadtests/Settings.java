package io.playgate.loadtests;

import java.time.Duration;

/**
 * The knobs of a simulation: Java system properties with defaults, checked once when the simulation is built, so a
 * typo fails the run before any load is sent. The Gatling Maven plugin hands every {@code -Dname=value} of the
 * {@code mvn} command line to the JVM it forks; {@code load-tests/gatling.sh} passes its own and the caller's.
 *
 * <p>Where the processes are ({@code load-tests/gatling.sh} starts them on these ports, 18560–18579):
 * <ul>
 *   <li>{@code baseUrl}: the gateway's public listener ({@value #DEFAULT_BASE_URL});
 *   <li>{@code publicBaseUrl}: the base the gateway writes into its URLs and accepts in {@code /oembed?url=}
 *       ({@value #DEFAULT_PUBLIC_BASE_URL}; oEmbed refuses IP-literal hosts, see docs/partners.md);
 *   <li>{@code hubAdminUrl}: the hub simulator's admin API ({@value #DEFAULT_HUB_ADMIN_URL}), for the simulations
 *       that count hub calls or switch faults.
 * </ul>
 */
final class Settings {

  static final String DEFAULT_BASE_URL = "http://127.0.0.1:18562";
  static final String DEFAULT_PUBLIC_BASE_URL = "http://localhost:18562";
  static final String DEFAULT_HUB_ADMIN_URL = "http://127.0.0.1:18561/admin";

  private Settings() {
  }

  /** The gateway's public listener, without a trailing slash. */
  static String baseUrl() {
    return url("baseUrl", DEFAULT_BASE_URL);
  }

  /** The gateway's public base URL (what {@code /oembed?url=} must start with), without a trailing slash. */
  static String publicBaseUrl() {
    return url("publicBaseUrl", DEFAULT_PUBLIC_BASE_URL);
  }

  /** The hub simulator's admin API, e.g. {@code http://127.0.0.1:18561/admin}, without a trailing slash. */
  static String hubAdminUrl() {
    return url("hubAdminUrl", DEFAULT_HUB_ADMIN_URL);
  }

  /**
   * A whole number.
   *
   * @param name the system property
   * @param defaultValue used when the property is absent or blank
   * @param min smallest valid value
   * @param max largest valid value
   * @throws IllegalArgumentException the property is not a whole number in [min, max]
   */
  static int integer(String name, int defaultValue, int min, int max) {
    String raw = System.getProperty(name, "").strip();
    int value;
    try {
      value = raw.isEmpty() ? defaultValue : Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw invalid(name, raw, "a whole number from " + min + " to " + max);
    }
    if (value < min || value > max) {
      throw invalid(name, raw, "a whole number from " + min + " to " + max);
    }
    return value;
  }

  /**
   * A number of seconds, as a {@link Duration}.
   *
   * @param name the system property (its name ends in {@code Seconds})
   * @param defaultSeconds used when the property is absent or blank
   * @param maxSeconds largest valid value; the smallest is 1
   * @throws IllegalArgumentException the property is not a whole number of seconds in [1, maxSeconds]
   */
  static Duration seconds(String name, int defaultSeconds, int maxSeconds) {
    return Duration.ofSeconds(integer(name, defaultSeconds, 1, maxSeconds));
  }

  /**
   * A text value.
   *
   * @param name the system property
   * @param defaultValue used when the property is absent or blank
   * @return the stripped value
   */
  static String text(String name, String defaultValue) {
    String raw = System.getProperty(name, "").strip();
    return raw.isEmpty() ? defaultValue : raw;
  }

  private static String url(String name, String defaultValue) {
    String value = text(name, defaultValue);
    if (!value.startsWith("http://") && !value.startsWith("https://")) {
      throw invalid(name, value, "an absolute http(s) URL");
    }
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }

  private static IllegalArgumentException invalid(String name, String raw, String expected) {
    return new IllegalArgumentException("-D" + name + ": expected " + expected + ", was '" + raw + "'");
  }
}
