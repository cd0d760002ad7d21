package io.playgate.gateway.archfixture.config;

/** Plays the config package. */
public final class FixtureConfig {

  /** A constant. */
  public int timeoutMillis() {
    return 1;
  }
}
