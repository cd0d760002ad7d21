package io.playgate.gateway.cache;

import io.playgate.gateway.hub.HubException;

/**
 * A remembered hub failure: {@code 404}/{@code 410}/{@code 403} and takedowns for
 * {@link MediaCacheOptions#negativeTtl()} (RFC 9111 §4.2.2 lets a cache keep such answers), a failed cold fetch for
 * {@link MediaCacheOptions#failureTtl()}.
 *
 * @param failure what callers fail with
 * @param expiresAtNanos ticker time after which the hub is asked again
 */
record NegativeEntry(HubException failure, long expiresAtNanos) implements Slot {

  @Override
  public long weightBytes() {
    return 128;
  }
}
