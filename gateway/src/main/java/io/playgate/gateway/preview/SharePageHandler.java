package io.playgate.gateway.preview;

import io.playgate.gateway.cache.CachedMedia;
import io.playgate.gateway.cache.MediaCache;
import io.playgate.gateway.cache.Rendered;
import io.playgate.gateway.http.ConditionalResponse;
import io.playgate.gateway.http.ProblemException;
import io.playgate.gateway.http.QueryParams;
import io.playgate.gateway.http.SecurityHeaders;
import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.MediaKind;
import io.playgate.gateway.partner.Rights;
import io.playgate.gateway.view.PlayerViews;
import io.playgate.widgets.PlayerOptions;
import io.playgate.widgets.PlayerView;
import io.playgate.widgets.SharePageView;
import io.playgate.widgets.Templates;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /media/{id}}: the share page. Head: Open Graph ({@code og:type} {@code music.song},
 * {@code video.other}, {@code music.album} or {@code music.playlist}), Twitter {@code player} card, and oEmbed
 * discovery links for JSON and XML (oEmbed 1.0 §4), also sent as {@code Link:} headers (RFC 8288). Body: the
 * player at full size. Player options in the query apply to the page's player. Sent with a weak {@code ETag}
 * ({@code 304} on a matching {@code If-None-Match}) and the entry's {@code Cache-Control}.
 */
public final class SharePageHandler implements Handler<RoutingContext> {

  private final MediaCache cache;
  private final PlayerViews views;
  private final Templates templates;
  private final String siteName;
  private final Rights rights;

  private SharePageHandler(MediaCache cache, PlayerViews views, Templates templates, String siteName, Rights rights) {
    this.cache = cache;
    this.views = views;
    this.templates = templates;
    this.siteName = siteName;
    this.rights = rights;
  }

  /**
   * @param cache the media cache
   * @param views view builder
   * @param templates template renderer
   * @param siteName {@code og:site_name}
   * @param rights the rights policy: private and unlisted media have no share page (401, as when the hub refuses
   *     them), media outside the viewer's territories gets a page that plays nothing; {@code embeddable} does not
   *     apply to this page, which is the gateway's own
   * @return the handler, for a route with an {@code :id} path parameter
   */
  public static SharePageHandler create(MediaCache cache, PlayerViews views, Templates templates, String siteName,
      Rights rights) {
    return new SharePageHandler(cache, views, templates, siteName, rights);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !MediaItem.ID.matcher(id).matches()) {
      throw ProblemException.notFound("no media with that id");
    }
    PlayerOptions options = QueryParams.of(ctx).playerOptions();
    cache.get(id).onSuccess(entry -> respond(ctx, entry, options)).onFailure(ctx::fail);
  }

  private void respond(RoutingContext ctx, CachedMedia entry, PlayerOptions options) {
    MediaItem item = entry.item();
    item.visibility().hideInLogs(ctx, item.id());
    Rights.Decision decision = rights.decide(item, ctx.request(), Rights.Access.PUBLIC_ONLY, Rights.Use.OWN_PAGE);
    if (decision == Rights.Decision.PRIVATE) {
      ctx.fail(new ProblemException(401, "this media is private"));
      return;
    }
    String vary = rights.varyHeader(item);
    if (vary != null) {
      ctx.response().putHeader("Vary", vary);
    }
    if (decision == Rights.Decision.TERRITORY) {
      SecurityHeaders.htmlPage(ctx.response(), SecurityHeaders.SHARE_CSP);
      Rendered unavailable = entry.variant("share-territory", () -> Rendered.of(Buffer.buffer(
          templates.unavailablePage(views.assets(), item.title(), "Not available in your country."))));
      ConditionalResponse.end(ctx, unavailable.etag(), entry.cacheControl(), unavailable::body);
      return;
    }
    Rendered page = entry.variant("share|" + options.query(),
        () -> Rendered.of(Buffer.buffer(templates.sharePage(view(item, options)))));
    SecurityHeaders.htmlPage(ctx.response(), SecurityHeaders.SHARE_CSP);
    ctx.response().headers()
        .add("Link", "<" + views.oembedUrl(item.id(), "json") + ">; rel=\"alternate\"; type=\"application/json+oembed\"")
        .add("Link", "<" + views.oembedUrl(item.id(), "xml") + ">; rel=\"alternate\"; type=\"text/xml+oembed\"");
    ConditionalResponse.end(ctx, page.etag(), entry.cacheControl(), page::body);
  }

  private SharePageView view(MediaItem item, PlayerOptions options) {
    PlayerView player = views.player(item, options, item.kind() == MediaKind.VIDEO ? 1280 : 600);
    PlayerView.Source first = player.sources().isEmpty() ? null : player.sources().get(0);
    String ogType = switch (item.kind()) {
      case TRACK -> "music.song";
      case VIDEO -> "video.other";
      case ALBUM -> "music.album";
      case PLAYLIST -> "music.playlist";
    };
    return new SharePageView(player, views.shareUrl(item.id()), item.description(), siteName, ogType,
        views.embedUrl(item.id(), PlayerOptions.DEFAULTS), views.oembedUrl(item.id(), "json"),
        views.oembedUrl(item.id(), "xml"), first);
  }
}
