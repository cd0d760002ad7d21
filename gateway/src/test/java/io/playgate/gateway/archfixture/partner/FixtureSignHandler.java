package io.playgate.gateway.archfixture.partner;

/** A handler: no other capability may call it. */
public final class FixtureSignHandler {

  /** A constant. */
  public String sign() {
    return "signed";
  }
}
