package io.playgate.gateway.archfixture.http;

/** Plays the http package. */
public final class FixtureRoute {

  /** A constant. */
  public String path() {
    return "/fixture";
  }
}
