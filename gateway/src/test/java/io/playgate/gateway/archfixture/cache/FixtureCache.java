package io.playgate.gateway.archfixture.cache;

import io.playgate.gateway.archfixture.http.FixtureRoute;
import io.vertx.ext.web.RoutingContext;

/** Breaks the cache rule twice: reaches into http and into Vert.x Web. */
public final class FixtureCache {

  /** The violations. */
  public String mount(RoutingContext ctx) {
    return new FixtureRoute().path() + ctx.normalizedPath();
  }
}
