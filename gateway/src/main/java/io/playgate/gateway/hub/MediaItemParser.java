package io.playgate.gateway.hub;

import com.github.benmanes.caffeine.cache.Interner;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parses a hub API v1 MediaItem (ARCHITECTURE.md, "Hub API v1") strictly: unknown fields are ignored; a missing
 * required field ({@code id}, {@code kind}, {@code title}, {@code pageUrl}), a body that is not a JSON object, or a
 * field of the wrong type (a string where a number belongs, {@code "width": "720px"}, a fraction where an integer
 * belongs) fails with {@link HubFailure#BAD_RESPONSE}.
 *
 * <p>Replacement rule: every string is made well-formed for every output (HTML, XML 1.0, JSON), see
 * {@link WellFormedText}.
 */
public final class MediaItemParser {

  /**
   * The parts many items share (an artist, an album, a licence, artwork, a MIME type, a territory list), kept once
   * while any cached item refers to them: a big cache holds thousands of tracks of one artist or album.
   */
  private static final Interner<Object> SHARED = Interner.newWeakInterner();

  private MediaItemParser() {
  }

  /**
   * @param body the hub's response body
   * @param requestedId the id that was asked for; the body's {@code id} must equal it
   * @return the checked item
   * @throws HubException with {@link HubFailure#BAD_RESPONSE} when the body breaks the contract
   */
  public static MediaItem parse(Buffer body, String requestedId) {
    JsonObject json;
    try {
      Object parsed = io.vertx.core.json.Json.decodeValue(body);
      if (!(parsed instanceof JsonObject obj)) {
        throw bad(requestedId, "body is not a JSON object");
      }
      json = obj;
    } catch (DecodeException e) {
      throw bad(requestedId, "body is not valid JSON");
    }
    MediaItem item = item(json, requestedId, "", true);
    if (!item.id().equals(requestedId)) {
      throw bad(requestedId, "body id '" + item.id() + "' does not match the requested id");
    }
    return item;
  }

  /**
   * Parses an already-decoded MediaItem object (used by the local hub to check its catalogue).
   *
   * @param json the MediaItem object
   * @param context a name for error messages
   * @param path the JSON path prefix of this object in error messages, e.g. {@code items[2].}; empty at the top
   * @param allowItems whether nested {@code items} are allowed (not inside items)
   * @return the checked item
   * @throws HubException with {@link HubFailure#BAD_RESPONSE} when the object breaks the contract
   */
  public static MediaItem item(JsonObject json, String context, String path, boolean allowItems) {
    String id = requiredString(json, "id", context, path);
    if (!MediaItem.ID.matcher(id).matches()) {
      throw bad(context, path + "id is not [A-Za-z0-9_-]{1,64}");
    }
    String kindText = requiredString(json, "kind", context, path);
    MediaKind kind = MediaKind.fromWire(kindText);
    if (kind == null) {
      throw bad(context, path + "kind '" + kindText + "' is not track, video, album or playlist");
    }
    String title = requiredString(json, "title", context, path);
    String pageUrl = requiredString(json, "pageUrl", context, path);
    MediaItem.Artist artist = artist(json, context, path);
    MediaItem.AlbumRef album = album(json, context, path);
    List<MediaItem.Artwork> artwork = artwork(json, context, path);
    List<MediaItem.MediaStream> streams = streams(json, context, path);
    List<MediaItem> items = items(json, context, path, allowItems);
    List<String> territories = territories(json, context, path);
    MediaItem.License license = license(json, context, path);
    Instant updatedAt = instant(json, "updatedAt", context, path);
    Long durationMs = durationMs(json, context, path);
    MediaItem item = new MediaItem(id, kind, title, artist, album,
        positiveInt(json, "trackNumber", context, path, false),
        durationMs, optionalString(json, "description", context, path), pageUrl, artwork, streams,
        positiveInt(json, "width", context, path, false), positiveInt(json, "height", context, path, false), items,
        optionalBoolean(json, "embeddable", true, context, path), territories,
        optionalBoolean(json, "explicit", false, context, path), license, updatedAt,
        Visibility.fromWire(optionalString(json, "visibility", context, path)), waveform(json, context, path),
        instant(json, "publishedAt", context, path));
    // a leaf (a track or video, or an empty collection) is kept once: a cached track and the same track among its
    // cached album's members are one object (records compare by value)
    return items.isEmpty() ? shared(item) : item;
  }

  /** The {@code waveform} extension: {@code {url, samplesPerSecond}}; its levels are fetched later, empty here. */
  private static MediaItem.@Nullable Waveform waveform(JsonObject json, String context, String path) {
    JsonObject w = optionalObject(json, "waveform", context, path);
    if (w == null) {
      return null;
    }
    String p = path + "waveform.";
    String url = requiredString(w, "url", context, p);
    int samplesPerSecond = positiveInt(w, "samplesPerSecond", context, p, true);
    if (samplesPerSecond > WaveformPeaks.MAX_SAMPLES_PER_SECOND) {
      throw bad(context, p + "samplesPerSecond is above " + WaveformPeaks.MAX_SAMPLES_PER_SECOND);
    }
    return new MediaItem.Waveform(url, samplesPerSecond, List.of());
  }

  private static MediaItem.@Nullable Artist artist(JsonObject json, String context, String path) {
    JsonObject a = optionalObject(json, "artist", context, path);
    return a == null ? null : shared(new MediaItem.Artist(requiredString(a, "name", context, path + "artist."),
        optionalString(a, "url", context, path + "artist.")));
  }

  private static MediaItem.@Nullable AlbumRef album(JsonObject json, String context, String path) {
    JsonObject al = optionalObject(json, "album", context, path);
    return al == null ? null : shared(new MediaItem.AlbumRef(requiredString(al, "id", context, path + "album."),
        optionalString(al, "title", context, path + "album.")));
  }

  private static List<MediaItem.Artwork> artwork(JsonObject json, String context, String path) {
    List<MediaItem.Artwork> artwork = new ArrayList<>();
    JsonArray art = optionalArray(json, "artwork", context, path);
    for (int i = 0; art != null && i < art.size(); i++) {
      JsonObject o = element(art, i, context, path + "artwork");
      String p = path + "artwork[" + i + "].";
      artwork.add(shared(new MediaItem.Artwork(requiredString(o, "url", context, p),
          positiveInt(o, "width", context, p, true), positiveInt(o, "height", context, p, true))));
    }
    return shared(List.copyOf(artwork));
  }

  private static List<MediaItem.MediaStream> streams(JsonObject json, String context, String path) {
    List<MediaItem.MediaStream> streams = new ArrayList<>();
    JsonArray st = optionalArray(json, "streams", context, path);
    for (int i = 0; st != null && i < st.size(); i++) {
      JsonObject o = element(st, i, context, path + "streams");
      String p = path + "streams[" + i + "].";
      streams.add(new MediaItem.MediaStream(requiredString(o, "url", context, p),
          shared(requiredString(o, "mimeType", context, p)), positiveInt(o, "bitrateKbps", context, p, false)));
    }
    // one list per distinct rendition set: a track and its copy among its cached album's members share it
    return shared(List.copyOf(streams));
  }

  private static List<MediaItem> items(JsonObject json, String context, String path, boolean allowItems) {
    List<MediaItem> items = new ArrayList<>();
    JsonArray its = optionalArray(json, "items", context, path);
    if (its != null && !allowItems) {
      throw bad(context, path + "items must not be nested");
    }
    for (int i = 0; its != null && i < its.size(); i++) {
      items.add(item(element(its, i, context, path + "items"), context, path + "items[" + i + "].", false));
    }
    return List.copyOf(items);
  }

  private static List<String> territories(JsonObject json, String context, String path) {
    JsonArray ter = optionalArray(json, "territories", context, path);
    if (ter == null) {
      return List.of("*");
    }
    List<String> territories = new ArrayList<>();
    for (int i = 0; i < ter.size(); i++) {
      if (!(ter.getValue(i) instanceof String t)) {
        throw bad(context, path + "territories[" + i + "] is not a string");
      }
      territories.add(t);
    }
    return shared(List.copyOf(territories));
  }

  private static MediaItem.@Nullable License license(JsonObject json, String context, String path) {
    JsonObject lic = optionalObject(json, "license", context, path);
    return lic == null ? null : shared(new MediaItem.License(requiredString(lic, "name", context, path + "license."),
        optionalString(lic, "url", context, path + "license."),
        optionalString(lic, "attribution", context, path + "license.")));
  }

  /** @return the one instance of a value equal to {@code value} that cached items share (records compare by value) */
  @SuppressWarnings("unchecked")
  private static <T> T shared(T value) {
    return (T) SHARED.intern(value);
  }

  /** {@code updatedAt} or {@code publishedAt}: an RFC 3339 timestamp in UTC ({@code Z}), or absent. */
  private static @Nullable Instant instant(JsonObject json, String field, String context, String path) {
    String text = optionalString(json, field, context, path);
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw bad(context, path + field + " is not an RFC 3339 UTC timestamp");
    }
  }

  private static @Nullable Long durationMs(JsonObject json, String context, String path) {
    Object d = json.getValue("durationMs");
    if (d == null) {
      return null;
    }
    if (!(d instanceof Integer || d instanceof Long) || ((Number) d).longValue() < 0) {
      throw bad(context, path + "durationMs is not a non-negative integer");
    }
    return ((Number) d).longValue();
  }

  /**
   * Checks a MediaItem the embedded local hub is about to serve with the rules every hub answer meets, so a broken
   * catalogue stops the boot naming the entry instead of failing its requests (a {@code Catalog.ItemCheck} of
   * module hub-local).
   *
   * @param id the catalogue entry's id
   * @param item the MediaItem as the local hub will send it
   * @throws IllegalArgumentException saying what breaks the contract
   */
  public static void requireValid(String id, JsonObject item) {
    try {
      item(item, id, "", true);
    } catch (HubException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  /**
   * Applies the replacement rule of this class to one string ({@link WellFormedText#of}).
   *
   * @param s any string
   * @return {@code s} with lone surrogates, C0 controls (but TAB, LF, CR) and U+FFFE/U+FFFF replaced by U+FFFD,
   *     and CR LF or a lone CR replaced by LF
   */
  public static String wellFormed(String s) {
    return WellFormedText.of(s);
  }

  private static HubException bad(String id, String reason) {
    return new HubException(HubFailure.BAD_RESPONSE, id, reason);
  }

  private static String requiredString(JsonObject o, String field, String ctx, String path) {
    String v = optionalString(o, field, ctx, path);
    if (v == null || v.isEmpty()) {
      throw bad(ctx, path + field + " is missing");
    }
    return v;
  }

  private static @Nullable String optionalString(JsonObject o, String field, String ctx, String path) {
    String v = optional(o, field, String.class, "a string", ctx, path);
    return v == null ? null : wellFormed(v);
  }


  private static @Nullable Integer positiveInt(JsonObject o, String field, String ctx, String path, boolean required) {
    Object v = o.getValue(field);
    if (v == null) {
      if (required) {
        throw bad(ctx, path + field + " is missing");
      }
      return null;
    }
    if (!(v instanceof Integer n) || n <= 0) {
      throw bad(ctx, path + field + " is not a positive integer");
    }
    return n;
  }

  private static boolean optionalBoolean(JsonObject o, String field, boolean dflt, String ctx, String path) {
    Boolean v = optional(o, field, Boolean.class, "a boolean", ctx, path);
    return v == null ? dflt : v;
  }


  private static @Nullable JsonObject optionalObject(JsonObject o, String field, String ctx, String path) {
    return optional(o, field, JsonObject.class, "an object", ctx, path);
  }


  private static @Nullable JsonArray optionalArray(JsonObject o, String field, String ctx, String path) {
    return optional(o, field, JsonArray.class, "an array", ctx, path);
  }

  /** The value of {@code field} when it is a {@code type}, {@code null} when absent; else the body is bad. */
  private static <T> @Nullable T optional(JsonObject o, String field, Class<T> type, String what, String ctx,
      String path) {
    Object v = o.getValue(field);
    if (v != null && !type.isInstance(v)) {
      throw bad(ctx, path + field + " is not " + what);
    }
    return type.cast(v);
  }


  private static JsonObject element(JsonArray arr, int i, String ctx, String path) {
    if (!(arr.getValue(i) instanceof JsonObject obj)) {
      throw bad(ctx, path + "[" + i + "] is not an object");
    }
    return obj;
  }
}
