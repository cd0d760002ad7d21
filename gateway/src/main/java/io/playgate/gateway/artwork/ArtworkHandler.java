package io.playgate.gateway.artwork;

import io.playgate.gateway.cache.CachedMedia;
import io.playgate.gateway.cache.MediaCache;
import io.playgate.gateway.cache.Rendered;
import io.playgate.gateway.http.ConditionalResponse;
import io.playgate.gateway.http.ProblemException;
import io.playgate.gateway.hub.HubException;
import io.playgate.gateway.hub.HubFailure;
import io.playgate.gateway.hub.Visibility;
import io.playgate.gateway.page.MediaPipeline;
import io.playgate.gateway.view.ArtworkLadder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /artwork/{id}/{size}.{jpg|png}} and {@code GET /artwork/{id}/card.{jpg|png}}: the hub's largest
 * artwork of a public item scaled to fit a {@code size}×{@code size} square at the next step of the ladder
 * ({@link ArtworkLadder}: a {@code size} of 1..600 px, never above the source's own size), or the social card.
 * Unknown ids, non-public items, a size off the ladder and a step of an item without artwork are 404 problems; a hub
 * artwork that cannot be used (too large, too many pixels, not decodable, not downloadable) is a 502 problem. Sent
 * with a strong {@code ETag} ({@code 304} on a matching {@code If-None-Match}, RFC 9110 §13.1.2),
 * {@code Cache-Control: public, max-age=<artwork.maxAge>}, {@code X-Content-Type-Options: nosniff} and
 * {@code Cross-Origin-Resource-Policy: cross-origin} (any page may show it). Runs on the request's event loop; the
 * rendering itself runs on the artwork worker pool ({@link ArtworkService}).
 */
public final class ArtworkHandler implements Handler<RoutingContext> {

  /** The last path segment: a size in px or {@code card}, then the format. */
  static final Pattern FILE = Pattern.compile("(\\d{1,4}|" + ArtworkLadder.CARD + ")\\.(jpg|png)");

  private final ArtworkService service;
  private final MediaCache cache;

  ArtworkHandler(ArtworkService service, MediaCache cache) {
    this.service = service;
    this.cache = cache;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String id = MediaPipeline.pathId(ctx);
    String file = ctx.pathParam("file");
    Matcher m = FILE.matcher(file == null ? "" : file);
    if (!m.matches()) {
      throw notOnTheLadder();
    }
    String name = m.group(1).equals(ArtworkLadder.CARD) ? ArtworkLadder.CARD
        : ArtworkLadder.stepFor(Integer.parseInt(m.group(1))).map(String::valueOf).orElseThrow(this::notOnTheLadder);
    ImageScaler.Format format = ImageScaler.Format.valueOf(m.group(2).toUpperCase(Locale.ROOT));
    Context caller = ctx.vertx().getOrCreateContext();
    cache.get(id).compose(entry -> render(ctx, entry, name, format))
        .onComplete(ar -> caller.runOnContext(v -> {
          if (ar.succeeded()) {
            end(ctx, ar.result(), format);
          } else {
            ctx.fail(problem(ctx, ar.cause()));
          }
        }));
  }

  private Future<Rendered> render(RoutingContext ctx, CachedMedia entry, String name, ImageScaler.Format format) {
    if (entry.item().visibility() != Visibility.PUBLIC) {
      // private and unlisted media have no public artwork; say no more than for an unknown id
      entry.item().visibility().hideInLogs(ctx, entry.item().id());
      return Future.failedFuture(ProblemException.notFound("no artwork for that media"));
    }
    if (!name.equals(ArtworkLadder.CARD) && ArtworkLadder.source(entry.item()) == null) {
      return Future.failedFuture(ProblemException.notFound("the hub lists no artwork for this media"));
    }
    return service.variant(entry, name, format);
  }

  private void end(RoutingContext ctx, Rendered image, ImageScaler.Format format) {
    ctx.response().putHeader("Content-Type", format.mediaType).putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Cross-Origin-Resource-Policy", "cross-origin");
    ConditionalResponse.end(ctx, image.etag(), "public, max-age=" + service.options().maxAge().toSeconds(),
        image::body);
  }

  private static Throwable problem(RoutingContext ctx, Throwable cause) {
    if (cause instanceof HubException he && he.failure() == HubFailure.PRIVATE) {
      Visibility.PRIVATE.hideInLogs(ctx, he.mediaId());
      return ProblemException.notFound("no artwork for that media");
    }
    if (cause instanceof ArtworkException) {
      return new ProblemException(502, "the hub's artwork for this media cannot be used");
    }
    return cause;
  }

  private ProblemException notOnTheLadder() {
    return ProblemException.notFound("no such artwork: sizes 1.." + ArtworkLadder.STEPS.get(ArtworkLadder.STEPS.size() - 1)
        + " px (served at the next of " + ArtworkLadder.STEPS + ") or " + ArtworkLadder.CARD + ", as .jpg or .png");
  }
}
