package io.playgate.gateway.options;

/**
 * A configuration value that cannot be used. The message always starts with the dotted key path
 * ({@code server.port: …}) so an operator knows what to fix. Thrown at boot only.
 */
public final class ConfigException extends RuntimeException {

  private final String key;

  /**
   * @param key dotted key path, e.g. {@code hub.timeout}
   * @param problem what is wrong with the value, in words
   */
  public ConfigException(String key, String problem) {
    super(key + ": " + problem, null, false, false);
    this.key = key;
  }

  /** @return the dotted key path of the bad value */
  public String key() {
    return key;
  }
}
