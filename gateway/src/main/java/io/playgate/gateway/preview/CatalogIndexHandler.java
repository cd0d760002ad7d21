package io.playgate.gateway.preview;

import io.playgate.gateway.cache.CachedMedia;
import io.playgate.gateway.http.ProblemException;
import io.playgate.gateway.http.SecurityHeaders;
import io.playgate.gateway.page.MediaPipeline;
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
 * {@code GET /}: a start page for people. With the embedded hub it lists the catalogue (with a Subsonic server, its
 * albums and public playlists) (each item read through the
 * media cache, so the page costs the hub nothing once warm) with links to share pages, players and oEmbed; items the
 * hub refuses (private, removed) are left out. It pages: {@code ?page=N} (from 1, default 1) shows the N-th
 * {@link #PAGE_SIZE} ids with links to the previous and next pages; a page that is not a number from 1 to the last
 * page, or given twice, is a 400 problem (an HTML page for a browser).
 */
public final class CatalogIndexHandler implements Handler<RoutingContext> {

  /** Items per start page. */
  public static final int PAGE_SIZE = 50;

  private final Supplier<Future<List<String>>> ids;
  private final MediaPipeline pages;
  private final String siteName;

  /**
   * @param ids gives the ids to list, in order (empty in remote mode; a Subsonic library's albums and playlists)
   * @param pages the media pipeline, for its cache, views and templates
   * @param siteName page title
   */
  CatalogIndexHandler(Supplier<Future<List<String>>> ids, MediaPipeline pages, String siteName) {
    this.ids = ids;
    this.pages = pages;
    this.siteName = siteName;
  }

  @Override
  public void handle(RoutingContext ctx) {
    List<String> asked = ctx.queryParam("page");
    if (asked.size() > 1 || (asked.size() == 1 && !asked.get(0).matches("[1-9][0-9]{0,8}"))) {
      ctx.fail(ProblemException.badRequest("page must be one whole number from 1"));
      return;
    }
    int page = asked.isEmpty() ? 1 : Integer.parseInt(asked.get(0));
    ids.get().onComplete(listed -> {
      List<String> all = listed.succeeded() ? listed.result() : List.of();
      Templates.IndexPaging paging = new Templates.IndexPaging(page, Math.max(1, (all.size() + PAGE_SIZE - 1) / PAGE_SIZE),
          all.size());
      if (page > paging.pageCount()) {
        ctx.fail(new ProblemException(404, "there is no page " + page + ": the catalogue has " + paging.pageCount()
            + (paging.pageCount() == 1 ? " page" : " pages")));
        return;
      }
      int from = (page - 1) * PAGE_SIZE;
      render(ctx, all.subList(from, Math.min(all.size(), from + PAGE_SIZE)), paging);
    });
  }

  private void render(RoutingContext ctx, List<String> listed, Templates.IndexPaging paging) {
    List<Future<CachedMedia>> loads = new ArrayList<>();
    for (String id : listed) {
      loads.add(pages.cache().get(id));
    }
    Future.join(loads).onComplete(done -> {
      PlayerViews views = pages.views();
      List<PlayerView> items = new ArrayList<>();
      for (Future<CachedMedia> f : loads) {
        if (f.succeeded()) {
          items.add(views.player(f.result().item(), PlayerOptions.DEFAULTS));
        }
      }
      SecurityHeaders.htmlPage(ctx.response(), SecurityHeaders.SHARE_CSP);
      ctx.response().putHeader("Cache-Control", "public, max-age=60")
          .end(io.vertx.core.buffer.Buffer.buffer(pages.templates().indexPage(siteName, views.publicBaseUrl(), views.assets(), items, paging)));
    });
  }
}
