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
 *
 * <p>A long album or playlist is capped on the wire (ARCHITECTURE.md "Hub API v1", {@code itemCount}): at most
 * {@link #MAX_MEMBERS} members are sent, in order, and fewer when the body would pass {@link #MAX_BODY_BYTES};
 * a capped item says how many members it has in all as {@code "itemCount"}.
 *
 * <p>A folder whose {@code catalog.json} comes with a {@link CatalogIndex} ({@code catalog.index}, written by the
 * catalogue generator) is not parsed at load: each entry is read from the file, made as above and checked when it
 * is asked for ({@link #get} then reads a file: call it off the event loop when {@link #readsFiles()}), so a
 * million items load in milliseconds and the heap holds none of them.
 */
public final class Catalog {

  /** The most members an album or playlist sends; the rest are counted in {@code itemCount}. */
  public static final int MAX_MEMBERS = 200;

  /** The largest MediaItem body a capped collection may have, bytes: a quarter of the gateway's default cap. */
  public static final int MAX_BODY_BYTES = 256 * 1024;

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
  private final java.util.List<String> listed;
  private final Set<String> files;
  private final @Nullable Indexed indexed;

  private Catalog(Map<String, Entry> entries, Set<String> files) {
    // catalogue order is kept: the start page lists items as catalog.json does (Map.copyOf would shuffle them)
    this.entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    this.listed = entries.values().stream().filter(e -> !e.isPrivate() && !e.removed()).map(Entry::id).toList();
    this.files = Set.copyOf(files);
    this.indexed = null;
  }

  private Catalog(Indexed indexed) {
    this.entries = Map.of();
    this.listed = indexed.index().listedIds();
    this.files = indexed.index().files();
    this.indexed = indexed;
  }

  /** An indexed catalogue: its index, the open {@code catalog.json}, and what making an entry needs. */
  private record Indexed(CatalogIndex index, java.nio.channels.FileChannel json, String filesBaseUrl,
      String publicBaseUrl, ItemCheck check) {
  }

  /**
   * Opens a catalogue folder: indexed when {@code catalog.index} is there, else {@code catalog.json} parsed whole
   * by {@link #parse}. Blocking (file reads): call it off the event loop.
   *
   * @param folder the catalogue folder
   * @param filesBaseUrl public base of the hub files, e.g. {@code http://localhost:8080/hub}
   * @param publicBaseUrl the gateway's public base URL, for default page URLs
   * @param check applied to every entry as it will be sent (when it is read, for an indexed catalogue)
   * @return the catalogue
   * @throws java.io.IOException when a file cannot be read
   * @throws IllegalArgumentException when the files break the format or the check, or the index is stale
   */
  public static Catalog open(java.nio.file.Path folder, String filesBaseUrl, String publicBaseUrl, ItemCheck check)
      throws java.io.IOException {
    java.nio.file.Path json = folder.resolve("catalog.json");
    CatalogIndex index = CatalogIndex.open(json);
    if (index == null) {
      return parse(Buffer.buffer(java.nio.file.Files.readAllBytes(json)), filesBaseUrl, publicBaseUrl, check);
    }
    java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(json, java.nio.file.StandardOpenOption.READ);
    return new Catalog(new Indexed(index, channel, filesBaseUrl, publicBaseUrl, check));
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
      flags.put(id, prepare(id, item, filesBaseUrl, publicBaseUrl, files));
      wire.put(id, item);
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (JsonObject item : wire.values()) {
      String id = item.getString("id");
      boolean[] f = flags.get(id);
      entries.put(id, finish(id, item, refId -> wire.get(refId), check, f));
    }
    return new Catalog(entries, files);
  }

  /**
   * Makes a catalogue item the MediaItem the hub sends (visibility, default page URL, absolute file URLs), without
   * its members.
   *
   * @return {restricted, removed}
   */
  private static boolean[] prepare(String id, JsonObject item, String filesBaseUrl, String publicBaseUrl,
      Set<String> files) {
    boolean isPrivate = Boolean.TRUE.equals(item.remove("private"));
    if (isPrivate) {
      item.put("visibility", "private");
    }
    // private and unlisted items go only to callers holding the hub credential (LocalHub#apiKey)
    boolean restricted = isPrivate || (item.getValue("visibility") instanceof String v && !v.equalsIgnoreCase("public"));
    boolean removed = Boolean.TRUE.equals(item.remove("removed"));
    if (item.getValue("pageUrl") == null) {
      item.put("pageUrl", publicBaseUrl + "/media/" + id);
    }
    absolutize(item.getJsonArray("artwork"), filesBaseUrl, files);
    absolutize(item.getJsonArray("streams"), filesBaseUrl, files);
    if (item.getValue("waveform") instanceof JsonObject waveform) {
      absolutize(new JsonArray().add(waveform), filesBaseUrl, files);
    }
    return new boolean[] {restricted, removed};
  }

  /** Expands and caps the members, checks the item and serialises it. */
  private static Entry finish(String id, JsonObject item, java.util.function.Function<String, @Nullable JsonObject> members,
      ItemCheck check, boolean[] flags) {
    JsonArray refs = item.getJsonArray("items");
    int keep = refs == null ? 0 : Math.min(refs.size(), MAX_MEMBERS);
    Buffer body;
    while (true) {
      expandItems(id, item, refs, keep, members);
      try {
        check.check(id, item);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("catalog.json entry '" + id + "': " + e.getMessage());
      }
      body = utf8(item.encode());
      if (body.length() <= MAX_BODY_BYTES || keep <= 1) {
        break;
      }
      keep /= 2;
    }
    return new Entry(id, body, etagOf(body), flags[0], flags[1]);
  }

  /**
   * Replaces each {@code {"id": …}} reference among the first {@code keep} of {@code refs} with that item (without
   * its own {@code items}); when members are left out, {@code itemCount} says how many there are in all.
   */
  private static void expandItems(String id, JsonObject item, @Nullable JsonArray refs, int keep,
      java.util.function.Function<String, @Nullable JsonObject> members) {
    if (refs == null) {
      return;
    }
    JsonArray expanded = new JsonArray();
    for (int i = 0; i < keep; i++) {
      JsonObject ref = refs.getJsonObject(i);
      if (ref != null && ref.size() == 1 && ref.getValue("id") instanceof String refId) {
        JsonObject target = members.apply(refId);
        if (target == null) {
          throw new IllegalArgumentException("catalog.json " + id + ".items[" + i + "] names unknown id '" + refId + "'");
        }
        JsonObject copy = target.copy();
        copy.remove("items");
        copy.remove("itemCount");
        expanded.add(copy);
      } else {
        expanded.add(ref);
      }
    }
    item.put("items", expanded);
    if (keep < refs.size()) {
      item.put("itemCount", refs.size());
    } else {
      item.remove("itemCount");
    }
  }

  /**
   * @param id a media id
   * @return the entry, or {@code null} when unknown
   */
  public @Nullable Entry get(String id) {
    Indexed ix = indexed;
    if (ix == null) {
      return entries.get(id);
    }
    int pos = ix.index().find(id);
    return pos < 0 ? null : read(ix, pos);
  }

  /**
   * @param id a media id
   * @return whether anyone may see it (known, neither private nor removed); never reads a file
   */
  public boolean isListed(String id) {
    Indexed ix = indexed;
    if (ix == null) {
      Entry e = entries.get(id);
      return e != null && !e.isPrivate() && !e.removed();
    }
    int pos = ix.index().find(id);
    return pos >= 0 && ix.index().flags(pos) == 0;
  }

  /**
   * @return whether {@link #get} reads a file (an indexed catalogue), so its callers keep it off the event loop
   */
  public boolean readsFiles() {
    return indexed != null;
  }

  /**
   * @return the ids anyone may see (neither private nor removed), in file order; for an indexed catalogue a view of
   *     the index (a million ids cost no heap), so take a {@code subList} of what you show
   */
  public java.util.List<String> listedIds() {
    return listed;
  }

  /** @return how many entries the catalogue has */
  public int size() {
    Indexed ix = indexed;
    return ix == null ? entries.size() : ix.index().size();
  }

  private static Entry read(Indexed ix, int pos) {
    JsonObject item = rawItem(ix, pos);
    String id = ix.index().id(pos);
    boolean[] flags = prepare(id, item, ix.filesBaseUrl(), ix.publicBaseUrl(), new HashSet<>());
    return finish(id, item, refId -> member(ix, refId), ix.check(), flags);
  }

  private static @Nullable JsonObject member(Indexed ix, String id) {
    int pos = ix.index().find(id);
    if (pos < 0) {
      return null;
    }
    JsonObject item = rawItem(ix, pos);
    item.remove("items");
    prepare(id, item, ix.filesBaseUrl(), ix.publicBaseUrl(), new HashSet<>());
    return item;
  }

  private static JsonObject rawItem(Indexed ix, int pos) {
    ByteBuffer bytes = ByteBuffer.allocate(ix.index().length(pos));
    long at = ix.index().offset(pos);
    try {
      while (bytes.hasRemaining()) {
        if (ix.json().read(bytes, at + bytes.position()) < 0) {
          throw new IllegalArgumentException("catalog.json ends before entry '" + ix.index().id(pos) + "'");
        }
      }
      return new JsonObject(Buffer.buffer(bytes.array()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (DecodeException e) {
      throw new IllegalArgumentException("catalog.json entry '" + ix.index().id(pos) + "' is not a JSON object"
          + " where catalog.index says: write the catalogue again");
    }
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
