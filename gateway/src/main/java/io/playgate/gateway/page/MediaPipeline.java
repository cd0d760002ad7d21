package io.playgate.gateway.page;

import io.playgate.gateway.cache.CachedMedia;
import io.playgate.gateway.cache.MediaCache;
import io.playgate.gateway.cache.MediaCacheOptions;
import io.playgate.gateway.cache.Rendered;
import io.playgate.gateway.http.AcceptEncoding;
import io.playgate.gateway.http.ProblemException;
import io.playgate.gateway.http.SecurityHeaders;
import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.Visibility;
import io.playgate.gateway.partner.Rights;
import io.playgate.gateway.view.PlayerViews;
import io.playgate.widgets.Templates;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The one respond pipeline of the media routes ({@code /oembed}, {@code /embed/{id}}, {@code /media/{id}}), in the
 * order of the hot path: the media cache's entry for the id → {@code Vary} by the viewer's country
 * when the item's territories make the answer depend on it (RFC 9110 §12.5.5) → the rights' decision for the viewer
 * ({@link Rights}) → the rendered variant of a playing answer, or the refusal its {@link Surface} prescribes → the
 * route's own end (typically a conditional response, RFC 9110 §13.1.2). A failed cache lookup goes to the problem
 * handler ({@code ctx.fail}), unless the surface answers it as a refusal. Thread-safe; runs on the request's event
 * loop.
 */
public final class MediaPipeline {

  private final MediaCache cache;
  private final Rights rights;
  private final PlayerViews views;
  private final Templates templates;

  private MediaPipeline(MediaCache cache, Rights rights, PlayerViews views, Templates templates) {
    this.cache = cache;
    this.rights = rights;
    this.views = views;
    this.templates = templates;
  }

  /**
   * @param cache the media cache
   * @param rights the rights policy
   * @param views player views and the gateway's public URLs
   * @param templates the page templates
   * @return the pipeline, shared by every media route and server instance
   */
  public static MediaPipeline create(MediaCache cache, Rights rights, PlayerViews views, Templates templates) {
    return new MediaPipeline(cache, rights, views, templates);
  }

  /** @return player views and the gateway's public URLs */
  public PlayerViews views() {
    return views;
  }

  /** @return the page templates */
  public Templates templates() {
    return templates;
  }

  /** @return the media cache */
  public MediaCache cache() {
    return cache;
  }

  /**
   * @param ctx a request on a route with an {@code :id} path parameter
   * @return the id
   * @throws ProblemException 404 when it is not a media id ({@code [A-Za-z0-9_-]{1,64}}): the hub is not asked
   */
  public static String pathId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !MediaItem.ID.matcher(id).matches()) {
      throw ProblemException.notFound("no media with that id");
    }
    return id;
  }

  /**
   * Answers a request for one media item.
   *
   * @param ctx the request
   * @param id a valid media id
   * @param surface which route answers: how the rights apply and how a refusal looks
   * @param answer the request's part: what it renders and how it ends
   */
  public void respond(RoutingContext ctx, String id, Surface surface, MediaAnswer answer) {
    cache.get(id).onComplete(ar -> {
      try {
        if (ar.succeeded()) {
          answer(ctx, ar.result(), surface, answer);
        } else {
          surface.refusal(ar.cause()).ifPresentOrElse(r -> {
            // the hub refused it as private: keep its id out of the access log
            Visibility.PRIVATE.hideInLogs(ctx, id);
            refuse(ctx, null, r, answer);
          }, () -> ctx.fail(ar.cause()));
        }
      } catch (RuntimeException e) {
        ctx.fail(e);
      }
    });
  }

  /**
   * Chooses the content coding of a rendered answer and writes the headers that go with it. With
   * {@code cache.compression} {@code gzip}, every compressible answer varies by {@code Accept-Encoding} (RFC 9110
   * §12.5.5, on a {@code 304} too); it is gzip when the variant is kept compressed, the request has no {@code Range}
   * (ranges are never of a coded body here) and the client's {@code Accept-Encoding} takes gzip
   * ({@link AcceptEncoding}), with {@code Content-Encoding: gzip}; otherwise identity. Call before the answer's
   * {@code ETag} is chosen ({@link Rendered#etag(Rendered.Coding)}: each coding is its own representation).
   *
   * @param ctx the request, on its event loop
   * @param rendered the answer
   * @return the coding to send {@code rendered} in
   */
  public Rendered.Coding coding(RoutingContext ctx, Rendered rendered) {
    if (!rendered.compressible() || cache.options().compression() == MediaCacheOptions.Compression.NONE) {
      return Rendered.Coding.IDENTITY;
    }
    ctx.response().headers().add("Vary", "Accept-Encoding");
    if (rendered.storedAs() != Rendered.Coding.GZIP || ctx.request().headers().contains("Range")
        || !AcceptEncoding.choosesGzip(ctx.request().headers().getAll("Accept-Encoding"))) {
      return Rendered.Coding.IDENTITY;
    }
    ctx.response().putHeader("Content-Encoding", "gzip");
    return Rendered.Coding.GZIP;
  }

  /**
   * Ends with a 403 page that names nothing and plays nothing, never stored: the player's refusals of a bad or
   * expired signed URL and of private media.
   *
   * @param ctx the request
   * @param csp the page's {@code Content-Security-Policy}
   * @param message what the page says
   */
  public void forbiddenPage(RoutingContext ctx, String csp, String message) {
    SecurityHeaders.htmlPage(ctx.response(), csp);
    ctx.response().setStatusCode(403).putHeader("Cache-Control", "no-store")
        .end(Buffer.buffer(templates.unavailablePage(views.assets(), "Not available", message)));
  }

  private void answer(RoutingContext ctx, CachedMedia entry, Surface surface, MediaAnswer answer) {
    // private and unlisted ids stay out of the access log, whatever the answer
    entry.item().visibility().hideInLogs(ctx, entry.item().id());
    for (String vary : new String[] {surface.varyBy(), rights.varyHeader(entry.item())}) {
      if (vary != null) {
        ctx.response().headers().add("Vary", vary);
      }
    }
    Rights.Decision decision = rights.decide(entry.item(), ctx.request(), answer.access(), surface.use());
    if (decision == Rights.Decision.PLAY) {
      answer.end(ctx, entry, answer.render(ctx, entry));
    } else {
      refuse(ctx, entry, surface.refusal(decision), answer);
    }
  }

  private void refuse(RoutingContext ctx, CachedMedia entry, Refusal refusal, MediaAnswer answer) {
    switch (refusal.kind()) {
      case PROBLEM -> ctx.fail(new ProblemException(refusal.status(), refusal.message()));
      case FORBIDDEN_PAGE -> answer.forbid(ctx, refusal.message());
      case UNAVAILABLE_PAGE -> answer.end(ctx, entry, entry.variant("unavailable|" + refusal.message(),
          () -> Rendered.of(Buffer.buffer(templates.unavailablePage(views.assets(), entry.item().title(),
              refusal.message())))));
    }
  }
}
