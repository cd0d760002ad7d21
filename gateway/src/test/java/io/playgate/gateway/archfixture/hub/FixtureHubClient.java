package io.playgate.gateway.archfixture.hub;

import io.playgate.gateway.archfixture.cache.FixtureCache;
import io.playgate.gateway.archfixture.config.FixtureConfig;

/** Breaks the hub rule (reads the cache) and the boot rule (reads config). */
public final class FixtureHubClient {

  /** The violations. */
  public String describe() {
    return FixtureCache.class.getName() + new FixtureConfig().timeoutMillis();
  }
}
