package io.playgate.gateway.archfixture.local;

import io.playgate.gateway.archfixture.cache.FixtureCache;

/** Plays hub-local and breaks its rule: knows the gateway's cache. */
public final class FixtureLocalHub {

  /** The violation. */
  public String describe() {
    return FixtureCache.class.getSimpleName();
  }
}
