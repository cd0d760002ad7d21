package io.playgate.gateway.preview;

import io.playgate.gateway.cache.CachedMedia;
import io.playgate.gateway.cache.MediaCache;
import io.playgate.gateway.http.SecurityHeaders;
import io.playgate.gateway.view.PlayerViews;
import io.playgate.widgets.PlayerOptions;
import io.playgate.widgets.PlayerView;
import io.playgate.widgets.Templates;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /}: a start page for people. With the embedded hub it lists the catalogue (each item read through the
 * media cache, so the page costs the hub nothing once warm) with links to share pages, players and oEmbed; items the
 * hub refuses (private, removed) are left out.
 */
public final class CatalogIndexHandler implements Handler<RoutingContext> {

  private final Supplier<List<String>> ids;
  private final MediaCache cache;
  private final PlayerViews views;
  private final Templates templates;
  private final String siteName;

  private CatalogIndexHandler(Supplier<List<String>> ids, MediaCache cache, PlayerViews views, Templates templates,
      String siteName) {
    this.ids = ids;
    this.cache = cache;
    this.views = views;
    this.templates = templates;
    this.siteName = siteName;
  }

  /**
   * @param ids the ids to list, in order (empty in remote mode)
   * @param cache the media cache
   * @param views view builder
   * @param templates template renderer
   * @param siteName page title
   * @return the handler
   */
  public static CatalogIndexHandler create(Supplier<List<String>> ids, MediaCache cache, PlayerViews views,
      Templates templates, String siteName) {
    return new CatalogIndexHandler(ids, cache, views, templates, siteName);
  }

  @Override
  public void handle(RoutingContext ctx) {
    List<Future<CachedMedia>> loads = new ArrayList<>();
    for (String id : ids.get()) {
      loads.add(cache.get(id));
    }
    Future.join(loads).onComplete(done -> {
      List<PlayerView> items = new ArrayList<>();
      for (Future<CachedMedia> f : loads) {
        if (f.succeeded()) {
          items.add(views.player(f.result().item(), PlayerOptions.DEFAULTS));
        }
      }
      SecurityHeaders.htmlPage(ctx.response(), SecurityHeaders.SHARE_CSP);
      ctx.response().putHeader("Cache-Control", "public, max-age=60")
          .end(io.vertx.core.buffer.Buffer.buffer(templates.indexPage(siteName, views.publicBaseUrl(), views.assets(), items)));
    });
  }
}
