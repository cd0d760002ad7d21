package io.playgate.gateway.hub.subsonic;

import static io.playgate.gateway.hub.subsonic.SubsonicAnswer.list;
import static io.playgate.gateway.hub.subsonic.SubsonicAnswer.number;
import static io.playgate.gateway.hub.subsonic.SubsonicAnswer.text;

import io.playgate.gateway.hub.SubsonicOptions;
import io.playgate.gateway.hub.subsonic.SubsonicIds.Kind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Subsonic {@code song}, {@code album} and {@code playlist} objects (API 1.10.2, {@code Child}, {@code AlbumWithSongs},
 * {@code PlaylistWithSongs}) as hub wire MediaItems (ARCHITECTURE.md "Hub API v1"), which
 * {@link io.playgate.gateway.hub.MediaItemParser} then checks like any hub's answer:
 * <ul>
 *   <li>{@code duration} (whole seconds) → {@code durationMs}; {@code track} → {@code trackNumber};</li>
 *   <li>{@code bitRate} → {@code bitrateKbps}: the API says kbit/s, but some servers send bit/s, so a value above
 *       {@value #MAX_KBPS} is divided by 1000;</li>
 *   <li>streams: the original file ({@code contentType}) first, then each {@code hub.subsonic.formats} entry, all at
 *       the media proxy ({@link ProxyUrls});</li>
 *   <li>{@code coverArt} (an id of its own, a small integer on supysonic) → one 600×600 artwork at the proxy (asked
 *       with {@code size=600}); no {@code coverArt}, no artwork;</li>
 *   <li>{@code created} or {@code changed} → {@code updatedAt} (a time without zone is read as UTC);</li>
 *   <li>a playlist whose {@code public} is not true → {@code visibility: private} (its proxy URLs signed);</li>
 *   <li>members whose id cannot be a gateway id ({@link SubsonicIds}) are left out.</li>
 * </ul>
 */
final class SubsonicMapping {

  /** The largest plausible bit rate in kbit/s; above it the server sent bit/s. */
  static final long MAX_KBPS = 10_000;
  /** The edge of cover art asked from the server, in px. */
  static final int ART_SIZE = 600;

  private final String publicBaseUrl;
  private final List<String> formats;
  private final ProxyUrls urls;

  /**
   * @param publicBaseUrl the gateway's public base URL, without trailing slash (share pages)
   * @param formats the transcoded formats offered beside the original
   * @param urls the media proxy's URLs
   */
  SubsonicMapping(String publicBaseUrl, List<String> formats, ProxyUrls urls) {
    this.publicBaseUrl = publicBaseUrl;
    this.formats = formats;
    this.urls = urls;
  }

  /**
   * @param ref what was asked for
   * @param response the {@code subsonic-response} of an ok answer
   * @return the wire MediaItem, or {@code null} when the answer lacks the entity
   */
  @Nullable JsonObject item(SubsonicIds.Ref ref, JsonObject response) {
    List<JsonObject> entity = list(response, ref.kind().member);
    if (entity.size() != 1) {
      return null;
    }
    JsonObject o = entity.get(0);
    return switch (ref.kind()) {
      case SONG -> song(o, ref.gatewayId());
      case ALBUM -> collection(o, ref.gatewayId(), "album", "song", false);
      case PLAYLIST -> collection(o, ref.gatewayId(), "playlist", "entry", !"true".equals(text(o, "public")));
    };
  }

  private JsonObject song(JsonObject s, String id) {
    JsonObject item = base(id, "track", text(s, "title"), s, false);
    String albumId = SubsonicIds.gatewayId(Kind.ALBUM, text(s, "albumId"));
    if (albumId != null) {
      item.put("album", new JsonObject().put("id", albumId).put("title", text(s, "album")));
    }
    Long track = number(s, "track");
    if (track != null && track > 0 && track < Integer.MAX_VALUE) {
      item.put("trackNumber", track.intValue());
    }
    item.put("streams", streams(s, id));
    return item;
  }

  private JsonObject collection(JsonObject o, String id, String kind, String member, boolean hidden) {
    String title = text(o, "name");
    JsonObject item = base(id, kind, title, o, hidden);
    JsonArray items = new JsonArray();
    for (JsonObject s : list(o, member)) {
      String songId = SubsonicIds.gatewayId(Kind.SONG, text(s, "id"));
      if (songId != null && !"true".equals(text(s, "isDir"))) {
        items.add(song(s, songId));
      }
    }
    String comment = text(o, "comment");
    if (comment != null) {
      item.put("description", comment);
    }
    return item.put("items", items);
  }

  private JsonObject base(String id, String kind, @Nullable String title, JsonObject o, boolean hidden) {
    JsonObject item = new JsonObject().put("id", id).put("kind", kind).put("title", title == null ? id : title)
        .put("pageUrl", publicBaseUrl + "/media/" + id);
    String artist = text(o, "artist");
    if (artist == null) {
      artist = text(o, "owner");
    }
    if (artist != null) {
      item.put("artist", new JsonObject().put("name", artist));
    }
    Long seconds = number(o, "duration");
    if (seconds != null && seconds >= 0) {
      item.put("durationMs", seconds * 1000);
    }
    String art = text(o, "coverArt");
    JsonArray artwork = new JsonArray();
    if (art != null && SubsonicIds.SERVER_ID.matcher(art).matches()) {
      artwork.add(new JsonObject().put("url", urls.url(ProxyUrls.ART + id + "/" + art, hidden))
          .put("width", ART_SIZE).put("height", ART_SIZE));
    }
    item.put("artwork", artwork);
    Instant updated = time(text(o, "changed"), text(o, "created"));
    if (updated != null) {
      item.put("updatedAt", updated.toString());
    }
    return item.put("visibility", hidden ? "private" : "public");
  }

  private JsonArray streams(JsonObject s, String id) {
    JsonArray streams = new JsonArray();
    String type = text(s, "contentType");
    JsonObject original = new JsonObject().put("url", urls.url(ProxyUrls.STREAM + id + "/" + ProxyUrls.ORIGINAL, false))
        .put("mimeType", type == null ? "application/octet-stream" : type);
    Long bitRate = number(s, "bitRate");
    long kbps = bitRate == null ? 0 : bitRate > MAX_KBPS ? Math.round(bitRate / 1000.0) : bitRate;
    if (kbps > 0 && kbps <= MAX_KBPS) {
      original.put("bitrateKbps", (int) kbps);
    }
    streams.add(original);
    for (String f : formats) {
      streams.add(new JsonObject().put("url", urls.url(ProxyUrls.STREAM + id + "/" + f, false))
          .put("mimeType", SubsonicOptions.MIME_TYPES.get(f)));
    }
    return streams;
  }

  private static @Nullable Instant time(@Nullable String... texts) {
    for (String t : texts) {
      if (t == null) {
        continue;
      }
      try {
        return Instant.parse(t);
      } catch (DateTimeParseException e) {
        try {
          return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e2) {
          // try the next one
        }
      }
    }
    return null;
  }
}
