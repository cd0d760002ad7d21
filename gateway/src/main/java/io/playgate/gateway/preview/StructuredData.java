package io.playgate.gateway.preview;

import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.MediaKind;
import io.playgate.gateway.view.PlayerViews;
import io.playgate.widgets.PlayerOptions;
import io.playgate.widgets.PlayerView;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The share page's one JSON-LD block (https://schema.org, JSON-LD 1.1): {@code MusicRecording} for a track,
 * {@code VideoObject} for a video, {@code MusicAlbum} or {@code MusicPlaylist} with their playable tracks as
 * {@code track} items. Dates mean what they say: {@code dateModified} is the hub's {@code updatedAt},
 * {@code datePublished} (and a video's {@code uploadDate}) the hub's {@code publishedAt} extension (ARCHITECTURE.md,
 * "Hub API v1"), each left out when the hub does not send it. Durations are ISO 8601 ({@code PT1M10S}, whole
 * seconds). A file's {@code contentUrl} is given only where the rights let anyone play it (embeddable, every
 * territory), the player's {@code embedUrl} only where it may be embedded. Artists are {@code MusicGroup}s for music
 * (schema.org's range for {@code byArtist}) and {@code Organization}s for video authors: the hub does not say
 * whether an artist is a person. Pure function of its inputs; thread-safe.
 */
public final class StructuredData {

  private StructuredData() {
  }

  /**
   * @param item the page's MediaItem
   * @param player the page's player view (its rows are the members that may play)
   * @param views public URLs
   * @return the JSON-LD object, with {@code @context} and {@code @type}
   */
  public static JsonObject of(MediaItem item, PlayerView player, PlayerViews views) {
    JsonObject ld = new JsonObject().put("@context", "https://schema.org");
    return switch (item.kind()) {
      case TRACK -> ld.mergeIn(recording(item, views));
      case VIDEO -> ld.mergeIn(video(item, player, views));
      case ALBUM, PLAYLIST -> ld.mergeIn(collection(item, player, views));
    };
  }

  private static JsonObject recording(MediaItem track, PlayerViews views) {
    JsonObject o = work("MusicRecording", track, views);
    putDuration(o, track);
    if (track.album() != null) {
      JsonObject album = new JsonObject().put("@type", "MusicAlbum").put("url", views.shareUrl(track.album().id()));
      put(album, "name", track.album().title());
      o.put("inAlbum", album);
    }
    JsonObject audio = media("AudioObject", track, views);
    if (audio.containsKey("contentUrl") || audio.containsKey("embedUrl")) {
      o.put("audio", audio);
    }
    return o;
  }

  private static JsonObject video(MediaItem item, PlayerView player, PlayerViews views) {
    JsonObject o = work("VideoObject", item, views).mergeIn(media("VideoObject", item, views));
    if (item.artist() != null) {
      o.remove("byArtist");
      o.put("author", person("Organization", item.artist()));
    }
    put(o, "uploadDate", item.publishedAt());
    putDuration(o, item);
    o.put("width", player.size().width()).put("height", player.size().height());
    return o;
  }

  private static JsonObject collection(MediaItem item, PlayerView player, PlayerViews views) {
    JsonObject o = work(item.kind() == MediaKind.ALBUM ? "MusicAlbum" : "MusicPlaylist", item, views);
    if (item.kind() == MediaKind.PLAYLIST) {
      // byArtist is not a MusicPlaylist property; a playlist has a creator
      Object by = o.remove("byArtist");
      if (by != null) {
        o.put("creator", by);
      }
    }
    Set<String> playable = player.tracks().stream().map(PlayerView.TrackRow::id).collect(Collectors.toSet());
    List<MediaItem> tracks = item.items().stream()
        .filter(t -> t.kind() == MediaKind.TRACK && playable.contains(t.id())).toList();
    JsonArray list = new JsonArray();
    tracks.forEach(t -> list.add(recording(t, views)));
    return o.put("numTracks", tracks.size()).put("track", list);
  }

  /** The CreativeWork properties every type shares. */
  private static JsonObject work(String type, MediaItem item, PlayerViews views) {
    JsonObject o = new JsonObject().put("@type", type).put("name", item.title()).put("url", views.shareUrl(item.id()));
    if (item.artist() != null) {
      o.put("byArtist", person("MusicGroup", item.artist()));
    }
    put(o, "description", item.description());
    PlayerView.Image art = PlayerViews.artwork(item, Integer.MAX_VALUE);
    if (art != null) {
      o.put("thumbnailUrl", art.url()).put("image", art.url());
    }
    if (item.license() != null) {
      String url = PlayerViews.httpUrl(item.license().url());
      o.put("license", url != null ? url : item.license().name());
    }
    put(o, "datePublished", item.publishedAt());
    put(o, "dateModified", item.updatedAt());
    return o;
  }

  /** MediaObject properties: the file where anyone may play it, the player where it may be embedded. */
  private static JsonObject media(String type, MediaItem item, PlayerViews views) {
    JsonObject o = new JsonObject().put("@type", type);
    List<PlayerView.Source> files = PlayerViews.mostPlayableFirst(item.streams().stream()
        .filter(s -> PlayerViews.httpUrl(s.url()) != null)
        .map(s -> new PlayerView.Source(s.url(), s.mimeType())).toList());
    if (!files.isEmpty() && item.embeddable() && item.territories().contains("*")) {
      o.put("contentUrl", files.get(0).url()).put("encodingFormat", files.get(0).type());
    }
    if (item.embeddable()) {
      o.put("embedUrl", views.embedUrl(item.id(), PlayerOptions.DEFAULTS));
    }
    if (type.equals("AudioObject")) {
      putDuration(o, item);
    }
    return o;
  }

  private static JsonObject person(String type, MediaItem.Artist artist) {
    JsonObject p = new JsonObject().put("@type", type).put("name", artist.name());
    put(p, "url", PlayerViews.httpUrl(artist.url()));
    return p;
  }

  private static void putDuration(JsonObject o, MediaItem item) {
    Long seconds = PlayerViews.durationSeconds(item.durationMs());
    if (seconds != null) {
      o.put("duration", Duration.ofSeconds(seconds).toString());
    }
  }

  private static void put(JsonObject o, String key, @Nullable Object value) {
    if (value instanceof Instant instant) {
      o.put(key, instant.toString());
    } else if (value != null) {
      o.put(key, value);
    }
  }
}
