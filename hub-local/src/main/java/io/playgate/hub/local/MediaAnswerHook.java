package io.playgate.hub.local;

/**
 * How the local hub answers {@code GET|HEAD /v1/media/{id}}: the seam where answers can be delayed, failed or
 * rewritten (the hub simulator's fault injection) without this module knowing about faults.
 */
@FunctionalInterface
public interface MediaAnswerHook {

  /** Answers as the hub does: {@link MediaExchange#answer()}. */
  MediaAnswerHook NORMAL = MediaExchange::answer;

  /**
   * Answers one media request, already counted. Called on the request's event loop; must not block. The hook must
   * end the response or close the connection, at once or later (a timer, a stream), and may do so only once.
   *
   * @param exchange the request, its catalogue entry, and the hub's own ways to answer it
   */
  void answer(MediaExchange exchange);
}
