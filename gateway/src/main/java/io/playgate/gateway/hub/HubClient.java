package io.playgate.gateway.hub;

import io.vertx.core.Future;
import org.jspecify.annotations.Nullable;

/** Fetches MediaItems from a content hub that implements hub API v1 (ARCHITECTURE.md, "Hub API v1"). */
public interface HubClient {

  /**
   * {@code GET {hub}/v1/media/{id}}, conditional when {@code ifNoneMatch} is given (RFC 9110 §13.1.2).
   *
   * @param id a media id matching {@link MediaItem#ID}; callers validate it before asking
   * @param ifNoneMatch an ETag from an earlier answer, or {@code null}
   * @return a future completed on the caller's Vert.x context with the hub's answer, or failed with a
   *     {@link HubException} whose {@link HubFailure} says what went wrong; never fails with anything else
   */
  Future<HubResponse> fetch(String id, @Nullable String ifNoneMatch);

  /** Releases the connection pool. */
  Future<Void> close();
}
