package io.playgate.gateway.preview;

import io.playgate.gateway.cache.CachedMedia;
import io.playgate.gateway.cache.Rendered;
import io.playgate.gateway.http.QueryParams;
import io.playgate.gateway.http.SecurityHeaders;
import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.MediaKind;
import io.playgate.gateway.page.MediaAnswer;
import io.playgate.gateway.page.MediaPipeline;
import io.playgate.gateway.page.PreparedPages;
import io.playgate.gateway.page.Surface;
import io.playgate.gateway.view.EmbedSnippets;
import io.playgate.gateway.view.PlayerViews;
import io.playgate.widgets.PlayerOptions;
import io.playgate.widgets.PlayerView;
import io.playgate.widgets.ScriptJson;
import io.playgate.widgets.SharePageView;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /media/{id}}: the share page. Head: Open Graph ({@code og:type} {@code music.song},
 * {@code video.other}, {@code music.album} or {@code music.playlist}), Twitter {@code player} card, and oEmbed
 * discovery links for JSON and XML (oEmbed 1.0 §4), also sent as {@code Link:} headers (RFC 8288); every
 * rendition in {@code og:audio}/{@code og:video}, most widely playable first ({@link PlayerViews#mostPlayableFirst});
 * the type's own properties ({@link OpenGraph}); one JSON-LD block ({@link StructuredData}); {@code og:image} and
 * {@code twitter:image} name the gateway's 1200×630 social card ({@code /artwork/{id}/card.jpg}). Body: the
 * player at full size, the link lists ({@link RelatedLinks}; a track's album is read through the media cache first)
 * and the Embed panel ({@link EmbedPanels}). Player options in the query apply to the page's player. Sent with a weak
 * {@code ETag} ({@code 304} on a matching {@code If-None-Match}) and the entry's {@code Cache-Control}. Rights as
 * {@link Surface#SHARE_PAGE} prescribes: private and unlisted media have no share page (401, as when the hub refuses
 * them), media outside the viewer's territories gets a page that plays nothing; {@code embeddable} does not apply to
 * this page, which is the gateway's own.
 */
public final class SharePageHandler implements Handler<RoutingContext> {

  private final MediaPipeline pages;
  private final EmbedSnippets snippets;
  private final String siteName;
  /** Prepared share pages (all under {@link SecurityHeaders#SHARE_CSP}). */
  private final PreparedPages prepared = PreparedPages.of(SecurityHeaders.SHARE_CSP);

  /**
   * @param pages the media pipeline (cache, rights, views, templates)
   * @param siteName {@code og:site_name}
   */
  SharePageHandler(MediaPipeline pages, String siteName) {
    this.pages = pages;
    this.snippets = new EmbedSnippets(pages.views(), pages.templates());
    this.siteName = siteName;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String id = MediaPipeline.pathId(ctx);
    PlayerOptions options = QueryParams.of(ctx).playerOptions();
    MediaItem cached = pages.cache().peek(id);
    if (cached != null && albumId(cached) == null) {
      // the hot path of every page but a track's on an album: one lookup, in the pipeline
      pages.respond(ctx, id, Surface.SHARE_PAGE, new ShareAnswer(options, null));
      return;
    }
    // a track's album comes through the cache too, before the pipeline renders; any failure leaves it out
    pages.cache().get(id).compose(entry -> album(entry.item()), failure -> Future.succeededFuture())
        .onComplete(album -> pages.respond(ctx, id, Surface.SHARE_PAGE,
            new ShareAnswer(options, album.succeeded() ? album.result() : null)));
  }

  /**
   * @return the media cache's entry of a track's album (completing on the request's event loop), or null at once
   *     for anything else; a failed lookup (unknown, removed, private album, hub down) completes with null
   */
  private Future<@Nullable CachedMedia> album(MediaItem item) {
    String albumId = albumId(item);
    return albumId == null ? Future.succeededFuture() : pages.cache().get(albumId).otherwiseEmpty();
  }

  /** @return the id of a track's album when it is a valid media id, else null */
  private static @Nullable String albumId(MediaItem item) {
    boolean onAlbum = item.kind() == MediaKind.TRACK && item.album() != null
        && MediaItem.ID.matcher(item.album().id()).matches();
    return onAlbum ? item.album().id() : null;
  }

  /** The share page of one request. */
  private final class ShareAnswer implements MediaAnswer {
    private final PlayerOptions options;
    private final @Nullable CachedMedia album;
    /** The playing page {@link #render} chose, the only one that carries the oEmbed discovery links. */
    private @Nullable Rendered playing;

    ShareAnswer(PlayerOptions options, @Nullable CachedMedia album) {
      this.options = options;
      this.album = album;
    }

    @Override
    public Rendered render(RoutingContext ctx, CachedMedia entry) {
      MediaItem item = entry.item();
      // the album's links come from its own entry: a new album answer is a new variant of this page
      String albumVersion = album == null ? "" : "|album=" + album.etag() + "@" + album.item().updatedAt();
      playing = entry.variant("share|" + options.query() + albumVersion, () -> Rendered.of(Buffer.buffer(
          pages.templates().sharePage(view(item, options, album == null ? null : album.item())))));
      return playing;
    }

    @Override
    public void end(RoutingContext ctx, CachedMedia entry, Rendered page) {
      Rendered.Coding coding = pages.coding(ctx, page);
      if (page == playing) {
        // oEmbed discovery (oEmbed 1.0 §4) as Link headers (RFC 8288), on the playing page only, built on a miss
        prepared.end(ctx, entry, page, coding, entry.remainingSeconds(), () -> discoveryLinks(entry.item()));
      } else {
        prepared.end(ctx, entry, page, coding, entry.remainingSeconds());
      }
    }

    private CharSequence[] discoveryLinks(MediaItem item) {
      PlayerViews views = pages.views();
      return new CharSequence[] {
          "Link", "<" + views.oembedUrl(item.id(), "json") + ">; rel=\"alternate\"; type=\"application/json+oembed\"",
          "Link", "<" + views.oembedUrl(item.id(), "xml") + ">; rel=\"alternate\"; type=\"text/xml+oembed\""};
    }
  }

  private SharePageView view(MediaItem item, PlayerOptions options, @Nullable MediaItem album) {
    PlayerViews views = pages.views();
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
        views.oembedUrl(item.id(), "xml"), first, PlayerViews.mostPlayableFirst(streams(player)),
        OpenGraph.properties(item, player, views), item.artist() == null ? null : item.artist().name(),
        OpenGraph.summary(item, player), ScriptJson.of(StructuredData.of(item, player, views).encode()),
        views.card(item), RelatedLinks.of(item, player, album, views), EmbedPanels.of(item, snippets, views));
  }

  /** A track's or video's renditions; for an album or playlist, those of its first playable audio member. */
  private static List<PlayerView.Source> streams(PlayerView player) {
    if (!player.isCollection()) {
      return player.sources();
    }
    return player.tracks().stream().filter(t -> !t.isVideo()).findFirst()
        .map(PlayerView.TrackRow::sources).orElse(List.of());
  }
}
