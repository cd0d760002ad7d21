package io.playgate.gateway.preview;

import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.MediaKind;
import io.playgate.gateway.view.PlayerViews;
import io.playgate.widgets.PlayerView;
import io.playgate.widgets.SharePageView.Meta;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The share page's type-specific Open Graph properties (https://ogp.me/#types) and its one-line summary. For
 * {@code music.song}: {@code music:duration} (whole seconds), {@code music:album} with {@code music:album:track}
 * (the album's share page) and {@code music:musician} (the artist's page, when the hub gives one). For
 * {@code video.other}: {@code video:duration} and {@code video:release_date}. For {@code music.album} and
 * {@code music.playlist}: one {@code music:song} (share page) with its {@code music:song:track} (position in the
 * player's list) per playable track (a playlist's videos are no songs),
 * then {@code music:musician} (album) or {@code music:creator} (playlist), and an album's
 * {@code music:release_date}. Release dates are the hub's {@code publishedAt} extension. Pure; thread-safe.
 */
public final class OpenGraph {

  private OpenGraph() {
  }

  /**
   * @param item the page's MediaItem
   * @param player the page's player view (its rows are the members that may play)
   * @param views public URLs
   * @return the properties in document order; empty when the hub gives none of the data
   */
  public static List<Meta> properties(MediaItem item, PlayerView player, PlayerViews views) {
    List<Meta> out = new ArrayList<>();
    Long seconds = PlayerViews.durationSeconds(item.durationMs());
    String artistUrl = item.artist() == null ? null : PlayerViews.httpUrl(item.artist().url());
    switch (item.kind()) {
      case TRACK -> {
        add(out, "music:duration", seconds);
        if (item.album() != null) {
          add(out, "music:album", views.shareUrl(item.album().id()));
          add(out, "music:album:track", item.trackNumber());
        }
        add(out, "music:musician", artistUrl);
      }
      case VIDEO -> {
        add(out, "video:duration", seconds);
        add(out, "video:release_date", item.publishedAt());
      }
      case ALBUM, PLAYLIST -> {
        for (PlayerView.TrackRow row : player.tracks()) {
          if (row.isVideo()) {
            continue;
          }
          add(out, "music:song", views.shareUrl(row.id()));
          add(out, "music:song:track", row.number());
        }
        if (item.kind() == MediaKind.ALBUM) {
          add(out, "music:musician", artistUrl);
          add(out, "music:release_date", item.publishedAt());
        } else {
          add(out, "music:creator", artistUrl);
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * @param item the page's MediaItem
   * @param player the page's player view
   * @return the hub's description, else e.g. "Track by Sectoid · 1:10" or "Album by Sectoid · 4 tracks"; never empty
   */
  public static String summary(MediaItem item, PlayerView player) {
    if (item.description() != null && !item.description().isEmpty()) {
      return item.description();
    }
    String kind = item.kind().wireName();
    StringBuilder s = new StringBuilder(Character.toUpperCase(kind.charAt(0)) + kind.substring(1));
    if (item.artist() != null) {
      s.append(" by ").append(item.artist().name());
    }
    if (player.isCollection()) {
      int n = player.tracks().size();
      s.append(" · ").append(n).append(n == 1 ? " item" : " items");
    } else if (player.duration() != null) {
      s.append(" · ").append(player.duration());
    }
    return s.toString();
  }

  private static void add(List<Meta> out, String property, @Nullable Object value) {
    if (value != null) {
      out.add(new Meta(property, value.toString()));
    }
  }
}
