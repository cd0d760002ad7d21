package io.playgate.gateway.cluster;

/**
 * A Redis call that was not sent because Redis is marked down ({@link RedisLink}'s breaker is open): callers go on
 * without Redis. Carries no stack trace (it is expected, and frequent during an outage).
 */
public final class RedisUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** @param message why Redis was not asked */
  public RedisUnavailableException(String message) {
    super(message, null, false, false);
  }
}
