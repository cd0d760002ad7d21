package io.playgate.gateway.metrics;

import io.playgate.gateway.http.ProblemException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.playgate.gateway.hub.Visibility;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /events}: a player's analytics beacon ({@code navigator.sendBeacon}, so {@code text/plain} or
 * {@code application/json}), validated as a {@link PlayerEvent} and counted by a {@link PlayerEventCounter}.
 * Answers 204 with no body and sets no cookie. A body that is not a valid event, or names a media id the gateway
 * does not know without asking the hub (see {@code knownMedia}), is 400 and not counted; another content type is
 * 415 (the route's {@code MediaTypeHandler}, before the body is read); a body over the route's limit is 413 (the
 * route's {@code BodyHandler}). A known private or unlisted item (played through a signed URL) is counted without
 * its id.
 */
public final class PlayerEventsHandler implements Handler<RoutingContext> {

  /** Largest accepted body in bytes; a beacon is under 200. */
  public static final long MAX_BODY_BYTES = 1024;

  private final Function<String, @Nullable Visibility> knownMedia;
  private final PlayerEventCounter counter;

  /**
   * @param knownMedia the visibility of an id the gateway knows already (cached, or in the embedded catalogue), or
   *     {@code null} for an unknown one; must not call the hub, so beacons add no hub load
   * @param counter where valid events are counted
   */
  PlayerEventsHandler(Function<String, @Nullable Visibility> knownMedia, PlayerEventCounter counter) {
    this.knownMedia = knownMedia;
    this.counter = counter;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ProblemException.badRequest("body: expected a JSON event");
    }
    PlayerEvent event;
    try {
      event = PlayerEvent.parse(body);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest(e.getMessage());
    }
    Visibility visibility = knownMedia.apply(event.mediaId());
    if (visibility == null) {
      throw ProblemException.badRequest("media: not a media id this gateway is serving");
    }
    counter.count(event, visibility);
    ctx.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end();
  }
}
