package io.playgate.gateway.hub;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MediaItem} as hub API v1 JSON (ARCHITECTURE.md, "Hub API v1") and back, for a copy of the item kept
 * outside the process (the cluster's shared cache level): {@link #write} gives the wire fields a hub sends, plus the
 * waveform's fetched {@code levels}, which no hub sends; {@link #read} checks the object with
 * {@link MediaItemParser}'s rules and restores the levels, so {@code read(write(item), item.id())} equals
 * {@code item} for every item the parser can produce (Subsonic items included: they are parsed from the same wire
 * shape).
 */
public final class MediaItemJson {

  private MediaItemJson() {
  }

  /**
   * @param item any item
   * @return a new JSON object of hub API v1 fields; optional fields are left out when {@code null}, nested
   *     {@code items} when empty
   */
  public static JsonObject write(MediaItem item) {
    JsonObject o = new JsonObject().put("id", item.id()).put("kind", item.kind().wireName()).put("title", item.title())
        .put("pageUrl", item.pageUrl()).put("embeddable", item.embeddable()).put("explicit", item.explicit())
        .put("territories", new JsonArray(new ArrayList<>(item.territories())))
        .put("visibility", item.visibility().wireName());
    putIfPresent(o, "artist", item.artist() == null ? null
        : withOptional(new JsonObject().put("name", item.artist().name()), "url", item.artist().url()));
    putIfPresent(o, "album", item.album() == null ? null
        : withOptional(new JsonObject().put("id", item.album().id()), "title", item.album().title()));
    putIfPresent(o, "trackNumber", item.trackNumber());
    putIfPresent(o, "durationMs", item.durationMs());
    putIfPresent(o, "description", item.description());
    putIfPresent(o, "width", item.width());
    putIfPresent(o, "height", item.height());
    putIfPresent(o, "updatedAt", item.updatedAt() == null ? null : item.updatedAt().toString());
    putIfPresent(o, "publishedAt", item.publishedAt() == null ? null : item.publishedAt().toString());
    putIfPresent(o, "license", item.license() == null ? null : license(item.license()));
    putIfPresent(o, "waveform", item.waveform() == null ? null : waveform(item.waveform()));
    JsonArray artwork = new JsonArray();
    item.artwork().forEach(a -> artwork.add(new JsonObject().put("url", a.url()).put("width", a.width())
        .put("height", a.height())));
    JsonArray streams = new JsonArray();
    item.streams().forEach(s -> streams.add(withOptional(new JsonObject().put("url", s.url())
        .put("mimeType", s.mimeType()), "bitrateKbps", s.bitrateKbps())));
    o.put("artwork", artwork).put("streams", streams);
    if (!item.items().isEmpty()) {
      JsonArray members = new JsonArray();
      item.items().forEach(m -> members.add(write(m)));
      o.put("items", members);
    }
    return o;
  }

  /**
   * @param json an object {@link #write} made (or any hub API v1 MediaItem)
   * @param id the id it must carry
   * @return the item, with its waveform levels
   * @throws HubException with {@link HubFailure#BAD_RESPONSE} when the object breaks the hub contract, carries
   *     another id, or its levels are not integers 0..100
   */
  public static MediaItem read(JsonObject json, String id) {
    MediaItem item = MediaItemParser.item(json, id, "", true);
    if (!item.id().equals(id)) {
      throw new HubException(HubFailure.BAD_RESPONSE, id, "stored item carries another id");
    }
    return withLevels(item, json);
  }

  private static MediaItem withLevels(MediaItem item, JsonObject json) {
    List<MediaItem> members = item.items();
    if (json.getValue("items") instanceof JsonArray array && array.size() == members.size()) {
      List<MediaItem> restored = new ArrayList<>(members.size());
      for (int i = 0; i < members.size(); i++) {
        restored.add(array.getValue(i) instanceof JsonObject m ? withLevels(members.get(i), m) : members.get(i));
      }
      members = List.copyOf(restored);
    }
    MediaItem.Waveform w = item.waveform();
    List<Integer> levels = levels(json, item.id());
    if (w != null && !levels.isEmpty()) {
      w = w.withLevels(levels);
    }
    return new MediaItem(item.id(), item.kind(), item.title(), item.artist(), item.album(), item.trackNumber(),
        item.durationMs(), item.description(), item.pageUrl(), item.artwork(), item.streams(), item.width(),
        item.height(), members, item.embeddable(), item.territories(), item.explicit(), item.license(),
        item.updatedAt(), item.visibility(), w, item.publishedAt());
  }

  private static List<Integer> levels(JsonObject json, String id) {
    if (!(json.getValue("waveform") instanceof JsonObject w) || !(w.getValue("levels") instanceof JsonArray a)) {
      return List.of();
    }
    List<Integer> levels = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      if (!(a.getValue(i) instanceof Integer n) || n < 0 || n > 100 || i >= WaveformPeaks.MAX_LEVELS) {
        throw new HubException(HubFailure.BAD_RESPONSE, id, "stored waveform level " + i + " is not 0..100");
      }
      levels.add(n);
    }
    return levels;
  }

  private static JsonObject license(MediaItem.License l) {
    JsonObject o = new JsonObject().put("name", l.name());
    putIfPresent(o, "url", l.url());
    putIfPresent(o, "attribution", l.attribution());
    return o;
  }

  private static JsonObject waveform(MediaItem.Waveform w) {
    JsonObject o = new JsonObject().put("url", w.url()).put("samplesPerSecond", w.samplesPerSecond());
    if (!w.levels().isEmpty()) {
      o.put("levels", new JsonArray(new ArrayList<>(w.levels())));
    }
    return o;
  }

  private static JsonObject withOptional(JsonObject o, String field, @Nullable Object value) {
    putIfPresent(o, field, value);
    return o;
  }

  private static void putIfPresent(JsonObject o, String field, @Nullable Object value) {
    if (value != null) {
      o.put(field, value);
    }
  }
}
