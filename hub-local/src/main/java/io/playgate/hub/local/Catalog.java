package io.playgate.hub.local;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The local hub's catalogue, read from {@code catalog.json}: {@code {"media": [MediaItem, …]}} in the hub wire
 * format (hub API v1), with three conveniences for a file-backed catalogue:
 * <ul>
 *   <li>stream, artwork and waveform URLs without a scheme are relative to the catalogue folder and become
 *       {@code {filesBaseUrl}/files/{path}};</li>
 *   <li>a missing {@code pageUrl} becomes {@code {publicBaseUrl}/media/{id}} (the gateway's share page);</li>
 *   <li>an album/playlist {@code items} entry may be a reference {@code {"id": "…"}} to another top-level entry,
 *       expanded (without its own {@code items}).</li>
 * </ul>
 * Two catalogue-only flags, never sent on the wire, let a catalogue hold the hub's error cases:
 * {@code "private": true} (sent as {@code "visibility": "private"} to callers holding the hub credential, 403 to
 * everyone else) and {@code "removed": true} (answered 410, takedown). An item with the wire field
 * {@code "visibility": "unlisted"} is likewise sent only with the credential.
 * The catalogue stays JSON: this module does not parse MediaItems. Each item, as it will be sent, goes through an
 * {@link ItemCheck} the caller supplies (the gateway passes the parser it applies to every hub answer, so a broken
 * demo catalogue stops its boot naming the entry), then is pre-serialised as UTF-8 (a lone surrogate becomes U+FFFD,
 * not {@code ?}) with a strong {@code ETag} (first 128 bits of the body's SHA-256). Immutable and thread-safe once
 * built.
 */
public final class Catalog {

  /** Checks one MediaItem against the hub wire format before the catalogue serves it. */
  @FunctionalInterface
  public interface ItemCheck {

    /** Serves every entry as written: for a hub simulator, which may serve whatever it is given. */
    ItemCheck NONE = (id, item) -> { };

    /**
     * @param id the entry's id
     * @param item the MediaItem exactly as it will be sent (absolute URLs, expanded {@code items}); not to be changed
     * @throws IllegalArgumentException saying what breaks the format
     */
    void check(String id, JsonObject item);
  }

  /**
   * One served entry.
   *
   * @param id media id
   * @param body the MediaItem as sent, UTF-8 JSON
   * @param etag strong entity tag, quoted
   * @param isPrivate private or unlisted: answered 403 unless the caller holds the hub credential
   * @param removed answered 410
   */
  public record Entry(String id, Buffer body, String etag, boolean isPrivate, boolean removed) {
  }

  private final Map<String, Entry> entries;
  private final Set<String> files;

  private Catalog(Map<String, Entry> entries, Set<String> files) {
    // catalogue order is kept: the start page lists items as catalog.json does (Map.copyOf would shuffle them)
    this.entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    this.files = Set.copyOf(files);
  }

  /**
   * @param catalogJson contents of {@code catalog.json}
   * @param filesBaseUrl public base of the hub files, e.g. {@code http://localhost:8080/hub}
   * @param publicBaseUrl the gateway's public base URL, for default page URLs
   * @param check applied to every entry as it will be sent
   * @return the catalogue
   * @throws IllegalArgumentException naming the entry and field when the file breaks the format or the check
   */
  public static Catalog parse(Buffer catalogJson, String filesBaseUrl, String publicBaseUrl, ItemCheck check) {
    JsonObject root;
    try {
      root = new JsonObject(catalogJson);
    } catch (DecodeException e) {
      throw new IllegalArgumentException("catalog.json is not a JSON object: " + e.getMessage());
    }
    JsonArray media = root.getJsonArray("media");
    if (media == null) {
      throw new IllegalArgumentException("catalog.json has no \"media\" array");
    }
    Map<String, JsonObject> wire = new LinkedHashMap<>();
    Map<String, boolean[]> flags = new HashMap<>();
    Set<String> files = new HashSet<>();
    for (int i = 0; i < media.size(); i++) {
      if (!(media.getValue(i) instanceof JsonObject raw)) {
        throw new IllegalArgumentException("catalog.json media[" + i + "] is not an object");
      }
      JsonObject item = raw.copy();
      String id = item.getValue("id") instanceof String s ? s : null;
      if (id == null || wire.containsKey(id)) {
        throw new IllegalArgumentException("catalog.json media[" + i + "] has a missing or duplicate id");
      }
      boolean isPrivate = Boolean.TRUE.equals(item.remove("private"));
      if (isPrivate) {
        item.put("visibility", "private");
      }
      // private and unlisted items go only to callers holding the hub credential (LocalHub#apiKey)
      boolean restricted = isPrivate || (item.getValue("visibility") instanceof String v && !v.equalsIgnoreCase("public"));
      flags.put(id, new boolean[] {restricted, Boolean.TRUE.equals(item.remove("removed"))});
      if (item.getValue("pageUrl") == null) {
        item.put("pageUrl", publicBaseUrl + "/media/" + id);
      }
      absolutize(item.getJsonArray("artwork"), filesBaseUrl, files);
      absolutize(item.getJsonArray("streams"), filesBaseUrl, files);
      if (item.getValue("waveform") instanceof JsonObject waveform) {
        absolutize(new JsonArray().add(waveform), filesBaseUrl, files);
      }
      wire.put(id, item);
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (JsonObject item : wire.values()) {
      String id = item.getString("id");
      expandItems(id, item, wire);
      try {
        check.check(id, item);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("catalog.json entry '" + id + "': " + e.getMessage());
      }
      Buffer body = utf8(item.encode());
      boolean[] f = flags.get(id);
      entries.put(id, new Entry(id, body, etagOf(body), f[0], f[1]));
    }
    return new Catalog(entries, files);
  }

  /** Replaces each {@code {"id": …}} reference in an album's or playlist's {@code items} with that item. */
  private static void expandItems(String id, JsonObject item, Map<String, JsonObject> wire) {
    JsonArray items = item.getJsonArray("items");
    if (items == null) {
      return;
    }
    JsonArray expanded = new JsonArray();
    for (int i = 0; i < items.size(); i++) {
      JsonObject ref = items.getJsonObject(i);
      if (ref != null && ref.size() == 1 && ref.getValue("id") instanceof String refId) {
        JsonObject target = wire.get(refId);
        if (target == null) {
          throw new IllegalArgumentException("catalog.json " + id + ".items[" + i + "] names unknown id '" + refId + "'");
        }
        JsonObject copy = target.copy();
        copy.remove("items");
        expanded.add(copy);
      } else {
        expanded.add(ref);
      }
    }
    item.put("items", expanded);
  }

  /**
   * @param id a media id
   * @return the entry, or {@code null} when unknown
   */
  public @Nullable Entry get(String id) {
    return entries.get(id);
  }

  /** @return the ids anyone may see (neither private nor removed), in file order */
  public java.util.List<String> listedIds() {
    return entries.values().stream().filter(e -> !e.isPrivate() && !e.removed()).map(Entry::id).toList();
  }

  /** @return every id in the catalogue, in file order */
  public Set<String> ids() {
    return entries.keySet();
  }

  /**
   * @param relativePath a path relative to the catalogue folder, as written in {@code catalog.json}
   * @return true when the catalogue references that file (only those are served)
   */
  public boolean servesFile(String relativePath) {
    return files.contains(relativePath);
  }

  private static void absolutize(JsonArray list, String filesBaseUrl, Set<String> files) {
    if (list == null) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.getValue(i) instanceof JsonObject o && o.getValue("url") instanceof String url && !url.contains(":")) {
        String path = url.startsWith("/") ? url.substring(1) : url;
        files.add(path);
        o.put("url", filesBaseUrl + "/files/" + path);
      }
    }
  }

  /** UTF-8 with U+FFFD for a lone surrogate (the Unicode replacement rule; {@code String.getBytes} writes '?'). */
  private static Buffer utf8(String json) {
    CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE)
        .replaceWith("\uFFFD".getBytes(StandardCharsets.UTF_8));
    try {
      ByteBuffer bytes = encoder.encode(CharBuffer.wrap(json));
      byte[] out = new byte[bytes.remaining()];
      bytes.get(out);
      return Buffer.buffer(out);
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("UTF-8 encoding with replacement cannot fail", e);
    }
  }

  private static String etagOf(Buffer body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes());
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
