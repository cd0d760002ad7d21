package io.playgate.gateway.page;

import io.playgate.gateway.cache.CachedMedia;
import io.playgate.gateway.cache.Rendered;
import io.playgate.gateway.http.ProblemException;
import io.playgate.gateway.partner.Rights;
import io.vertx.ext.web.RoutingContext;

/**
 * One request's part in the {@link MediaPipeline}: what the route renders for a viewer who may play, and how it
 * writes an answer. Built per request from the validated query; called on the request's event loop.
 */
public interface MediaAnswer {

  /**
   * @return what the request proves about its right to private and unlisted media; by default nothing, so only
   *     public media plays
   */
  default Rights.Access access() {
    return Rights.Access.PUBLIC_ONLY;
  }

  /**
   * @param ctx the request
   * @param entry the media cache's entry
   * @return the rendered answer for a viewer who may play, usually a variant kept beside the entry
   *     ({@link CachedMedia#variant}); may set headers that only the playing answer carries
   * @throws ProblemException when no answer fits the request (answered as a problem)
   */
  Rendered render(RoutingContext ctx, CachedMedia entry);

  /**
   * Writes the head and ends the response: the playing answer, or an {@link Refusal.Kind#UNAVAILABLE_PAGE}.
   *
   * @param ctx the request
   * @param entry the media cache's entry
   * @param rendered what to send
   */
  void end(RoutingContext ctx, CachedMedia entry, Rendered rendered);

  /**
   * Answers a {@link Refusal.Kind#FORBIDDEN_PAGE} ({@link Surface#PLAYER} only).
   *
   * @param ctx the request
   * @param message what the page says
   */
  default void forbid(RoutingContext ctx, String message) {
    ctx.fail(new ProblemException(403, message));
  }
}
