package io.playgate.gateway.archfixture.embed;

import io.playgate.gateway.archfixture.partner.FixturePolicy;

/** Uses only partner's policy type: the allowed direction, the control that the handler rule is not too wide. */
public final class FixtureEmbedHandler {

  /** No violation. */
  public String answer() {
    return "embed " + new FixturePolicy().allows();
  }
}
