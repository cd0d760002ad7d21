package io.playgate.gateway.archfixture.partner;

/** A shared policy type: other capabilities may use it. */
public final class FixturePolicy {

  /** Always true. */
  public boolean allows() {
    return true;
  }
}
