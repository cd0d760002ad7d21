package io.playgate.gateway.archfixture.oembed;

import io.playgate.gateway.archfixture.embed.FixtureEmbedHandler;
import io.playgate.gateway.archfixture.partner.FixturePolicy;
import io.playgate.gateway.archfixture.partner.FixtureSignHandler;

/** Breaks two rules: calls embed's handler and partner's handler (its use of partner's policy type is allowed). */
public final class FixtureOEmbedHandler {

  /** The violations. */
  public String answer() {
    return new FixtureEmbedHandler().answer() + new FixtureSignHandler().sign() + new FixturePolicy().allows();
  }
}
