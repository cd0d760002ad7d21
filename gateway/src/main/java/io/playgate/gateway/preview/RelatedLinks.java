package io.playgate.gateway.preview;

import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.MediaKind;
import io.playgate.gateway.hub.Visibility;
import io.playgate.gateway.view.PlayerViews;
import io.playgate.widgets.PlayerOptions;
import io.playgate.widgets.PlayerView;
import io.playgate.widgets.SharePageView.Link;
import io.playgate.widgets.SharePageView.LinkList;
import io.playgate.widgets.SharePageView.Numbering;
import io.playgate.widgets.SharePageView.Target;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The link lists of a share page, built only from what hub API v1 gives (ARCHITECTURE.md "Hub API v1"): an album's
 * or playlist's own members; for a track, its album's members ({@code album.id}, read through the media cache by the
 * caller) and "more from this artist": that album and the artist's page on the hub ({@code artist.url}). Hub API v1
 * has no per-artist listing, so nothing else is guessed. Members follow the player's rules
 * ({@link PlayerViews#player}: public, embeddable everywhere, not taken down); a non-public album is left out.
 * Thread-safe; CPU-only.
 */
final class RelatedLinks {

  private RelatedLinks() {
  }

  /**
   * @param item the page's MediaItem
   * @param player its player view (an album's or playlist's rows)
   * @param album the track's album as the hub answers it, or {@code null} when the item is no track on an album or
   *     the album could not be read
   * @param views the gateway's public URLs
   * @return the lists in page order; empty when there is nothing to link
   */
  static List<LinkList> of(MediaItem item, PlayerView player, @Nullable MediaItem album, PlayerViews views) {
    List<LinkList> lists = new ArrayList<>();
    if (player.isCollection() && !player.tracks().isEmpty()) {
      String heading = item.kind() == MediaKind.ALBUM ? "Tracks on this album" : "In this playlist";
      lists.add(new LinkList("tracks", heading, null, Numbering.ORDERED,
          rows(player, item.id(), views, item.kind())));
    }
    MediaItem shownAlbum = album == null || !onAlbum(item, album) ? null : album;
    if (shownAlbum != null) {
      PlayerView albumPlayer = views.player(shownAlbum, PlayerOptions.DEFAULTS);
      if (!albumPlayer.tracks().isEmpty()) {
        lists.add(new LinkList("album", "On this album: " + shownAlbum.title(), views.shareUrl(shownAlbum.id()),
            Numbering.ORDERED, rows(albumPlayer, item.id(), views, MediaKind.ALBUM)));
      }
    }
    LinkList artist = moreFromArtist(item, shownAlbum, views);
    if (artist != null) {
      lists.add(artist);
    }
    return List.copyOf(lists);
  }

  /** Whether {@code album} is the public album the track names. */
  private static boolean onAlbum(MediaItem item, MediaItem album) {
    return item.kind() == MediaKind.TRACK && item.album() != null && album.id().equals(item.album().id())
        && album.kind() == MediaKind.ALBUM && album.visibility() == Visibility.PUBLIC;
  }

  /** One link per row; a playlist's rows name their artists, an album's do not repeat its own. */
  private static List<Link> rows(PlayerView list, String currentId, PlayerViews views, MediaKind listKind) {
    boolean withArtist = listKind == MediaKind.PLAYLIST;
    List<Link> links = new ArrayList<>();
    for (PlayerView.TrackRow row : list.tracks()) {
      String detail = withArtist && row.artistName() != null
          ? (row.duration() == null ? row.artistName() : row.artistName() + " · " + row.duration())
          : row.duration();
      links.add(new Link(views.shareUrl(row.id()), row.title(), detail,
          row.id().equals(currentId) ? Target.THIS_PAGE : Target.OTHER_PAGE));
    }
    return links;
  }

  /** "More from {artist}": the track's album and the artist's page on the hub; null for a playlist or nothing. */
  private static @Nullable LinkList moreFromArtist(MediaItem item, @Nullable MediaItem album, PlayerViews views) {
    if (item.artist() == null || item.kind() == MediaKind.PLAYLIST) {
      return null;
    }
    List<Link> links = new ArrayList<>();
    if (album != null) {
      links.add(new Link(views.shareUrl(album.id()), album.title(), "album", Target.OTHER_PAGE));
    }
    String artistUrl = PlayerViews.httpUrl(item.artist().url());
    if (artistUrl != null) {
      links.add(new Link(artistUrl, item.artist().name() + "’s page", host(artistUrl), Target.HUB_PAGE));
    }
    return links.isEmpty() ? null
        : new LinkList("artist", "More from " + item.artist().name(), null, Numbering.UNORDERED, List.copyOf(links));
  }

  private static @Nullable String host(String url) {
    return URI.create(url).getHost();
  }
}
