package io.playgate.gateway.embed;

import io.playgate.gateway.cache.CachedMedia;
import io.playgate.gateway.cache.MediaCache;
import io.playgate.gateway.http.ProblemException;
import io.playgate.gateway.http.QueryParams;
import io.playgate.gateway.http.SecurityHeaders;
import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.view.PlayerViews;
import io.playgate.widgets.PlayerOptions;
import io.playgate.widgets.Templates;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /embed/{id}}: the player page, rendered by the precompiled jte templates once per
 * (id × options) and kept beside the cache entry. Framable from any origin ({@code frame-ancestors *}, no
 * {@code X-Frame-Options}). Media whose owner disabled embedding gets a 200 page that plays nothing.
 * An id outside {@code [A-Za-z0-9_-]{1,64}} is 404 without asking the hub; a bad option is 400. The page is
 * short-cached: {@code max-age} is the entry's remaining freshness, at most {@value #MAX_AGE_SECONDS} s (its
 * assets are content-hashed and immutable, so a short page lifetime is all a release needs).
 */
public final class EmbedHandler implements Handler<RoutingContext> {

  /** Upper bound of the player page's {@code max-age}, in seconds. */
  public static final long MAX_AGE_SECONDS = 300;

  private final MediaCache cache;
  private final PlayerViews views;
  private final Templates templates;

  private EmbedHandler(MediaCache cache, PlayerViews views, Templates templates) {
    this.cache = cache;
    this.views = views;
    this.templates = templates;
  }

  /**
   * @param cache the media cache
   * @param views view builder
   * @param templates template renderer
   * @return the handler, for a route with an {@code :id} path parameter
   */
  public static EmbedHandler create(MediaCache cache, PlayerViews views, Templates templates) {
    return new EmbedHandler(cache, views, templates);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !MediaItem.ID.matcher(id).matches()) {
      throw ProblemException.notFound("no media with that id");
    }
    PlayerOptions options = QueryParams.of(ctx.request().query()).playerOptions();
    cache.get(id).onSuccess(entry -> respond(ctx, entry, options)).onFailure(ctx::fail);
  }

  private void respond(RoutingContext ctx, CachedMedia entry, PlayerOptions options) {
    Buffer page = entry.variant("embed|" + options.query(), () -> Buffer.buffer(entry.item().embeddable()
        ? templates.embedPage(views.player(entry.item(), options))
        : templates.unavailablePage(views.assets(), entry.item().title(), "Not available for embedding.")));
    SecurityHeaders.htmlPage(ctx.response(), SecurityHeaders.PLAYER_CSP);
    ctx.response().putHeader("Cache-Control", "public, max-age=" + Math.min(MAX_AGE_SECONDS, entry.remainingSeconds())).end(page);
  }
}
