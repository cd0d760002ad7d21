package io.playgate.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an embedded-hub catalogue folder ({@code catalog.json} and a {@code media} link to the demo media):
 * <ul>
 *   <li>{@code chinook OUT}: the Chinook sample database: 3,503 tracks (of which 214 videos, the TV episodes),
 *       347 albums, 18 playlists (4 of them empty, two of 3,290 tracks), the 275 artists named on them;</li>
 *   <li>{@code synthetic N OUT}: exactly {@code N} items shaped like Chinook (the same mix of kinds, title lengths
 *       and item sizes): Chinook itself, then copies whose titles, artists and durations are Chinook's shuffled,
 *       until {@code N} items are written.</li>
 * </ul>
 * Every stream, picture and licence is a demo item's ({@link DemoMedia}); durations are Chinook's, so a stream
 * (a 70 s demo excerpt) is usually shorter than its item says. Ids: {@code ck-t{TrackId}}, {@code ck-al{AlbumId}},
 * {@code ck-pl{PlaylistId}}, and {@code s{copy}-…} in later copies.
 */
public final class CatalogGenerator {

  /** Chinook's items: 3,503 tracks, 347 albums and 18 playlists. */
  static final int CHINOOK_ITEMS = 3503 + 347 + 18;

  private static final String UPDATED_AT = "2026-12-01T00:00:00Z";
  private static final LocalDate FIRST_PUBLISHED = LocalDate.of(2009, 1, 1);

  /**
   * What a run wrote.
   *
   * @param artists distinct artists named
   * @param albums album items
   * @param tracks track and video items
   * @param videos video items
   * @param playlists playlist items
   * @param emptyPlaylists playlists without members
   * @param largestCollection members of the largest album or playlist
   * @param items all items
   * @param bytes size of {@code catalog.json}
   */
  public record Summary(int artists, int albums, int tracks, int videos, int playlists, int emptyPlaylists,
      int largestCollection, int items, long bytes) {
  }

  private final ChinookData chinook;
  private final DemoMedia demo;
  private final java.util.Set<String> artistsNamed = new java.util.HashSet<>();
  private int albums;
  private int tracks;
  private int videos;
  private int playlists;
  private int emptyPlaylists;
  private int largestCollection;

  private final List<Integer> artistIds;
  private final Map<Integer, List<ChinookData.Track>> albumTracks = new HashMap<>();

  private CatalogGenerator(ChinookData chinook, DemoMedia demo) {
    this.chinook = chinook;
    this.demo = demo;
    this.artistIds = chinook.artists().keySet().stream().sorted().toList();
    for (ChinookData.Track t : chinook.tracks()) {
      albumTracks.computeIfAbsent(t.albumId(), k -> new java.util.ArrayList<>()).add(t);
    }
  }

  /**
   * @param args {@code chinook OUT} or {@code synthetic N OUT}, optionally {@code --demo DIR} (default
   *     {@code conf/catalog})
   * @throws Exception when reading Chinook or writing fails
   */
  public static void main(String[] args) throws Exception {
    List<String> a = new java.util.ArrayList<>(List.of(args));
    Path demo = Paths.get("conf/catalog");
    int at = a.indexOf("--demo");
    if (at >= 0 && at + 1 < a.size()) {
      demo = Paths.get(a.get(at + 1));
      a.subList(at, at + 2).clear();
    }
    long start = System.nanoTime();
    Summary s;
    if (a.size() == 2 && a.get(0).equals("chinook")) {
      s = chinook(demo, Paths.get(a.get(1)));
    } else if (a.size() == 3 && a.get(0).equals("synthetic") && a.get(1).matches("[1-9][0-9]{0,8}")) {
      s = synthetic(demo, Integer.parseInt(a.get(1)), Paths.get(a.get(2)));
    } else {
      System.err.println("usage: catalog-generator chinook OUT_DIR | synthetic ITEMS OUT_DIR  [--demo conf/catalog]");
      System.exit(2);
      return;
    }
    System.out.printf("wrote %d items (%d tracks of which %d videos, %d albums, %d playlists of which %d empty,"
        + " %d artists; largest collection %d members), %d bytes, in %d ms%n", s.items(), s.tracks(), s.videos(),
        s.albums(), s.playlists(), s.emptyPlaylists(), s.artists(), s.largestCollection(), s.bytes(),
        (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Writes the Chinook catalogue.
   *
   * @param demoFolder the demo catalogue folder (media lent to every item)
   * @param out the folder to write ({@code catalog.json}, {@code media}); created when missing
   * @return what was written
   * @throws IOException when writing fails
   * @throws SQLException when Chinook cannot be read
   */
  public static Summary chinook(Path demoFolder, Path out) throws IOException, SQLException {
    return synthetic(demoFolder, CHINOOK_ITEMS, out);
  }

  /**
   * Writes a synthetic catalogue of exactly {@code items} items: Chinook, then shuffled copies of it.
   *
   * @param demoFolder the demo catalogue folder (media lent to every item)
   * @param items how many items, from 1
   * @param out the folder to write; created when missing
   * @return what was written
   * @throws IOException when writing fails
   * @throws SQLException when Chinook cannot be read
   */
  public static Summary synthetic(Path demoFolder, int items, Path out) throws IOException, SQLException {
    CatalogGenerator g = new CatalogGenerator(ChinookData.read(), DemoMedia.read(demoFolder));
    Files.createDirectories(out);
    linkMedia(demoFolder, out);
    try (CatalogWriter w = new CatalogWriter(out.resolve("catalog.json"))) {
      for (int copy = 0; w.items() < items; copy++) {
        g.writeCopy(w, copy, items);
      }
      w.close();
      return new Summary(g.artistsNamed.size(), g.albums, g.tracks, g.videos, g.playlists, g.emptyPlaylists,
          g.largestCollection, w.items(), w.bytes());
    }
  }

  private static void linkMedia(Path demoFolder, Path out) throws IOException {
    Path link = out.resolve("media");
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, demoFolder.resolve("media").toAbsolutePath().normalize());
  }

  /** One copy of Chinook: tracks, then albums, then playlists, stopping at {@code limit} items in all. */
  private void writeCopy(CatalogWriter w, int copy, int limit) throws IOException {
    Edition e = new Edition(copy);
    Map<Integer, Integer> trackNumbers = new HashMap<>();
    Map<Integer, Integer> albumDurations = new HashMap<>();
    for (ChinookData.Track t : chinook.tracks()) {
      if (w.items() >= limit) {
        return;
      }
      int number = trackNumbers.merge(t.albumId(), 1, Integer::sum);
      ChinookData.Track shown = e.pick(chinook.tracks(), t.id() - 1);
      albumDurations.merge(t.albumId(), shown.durationMs(), Integer::sum);
      w.add(track(e, t, shown, number));
    }
    for (ChinookData.Album al : chinook.albums()) {
      if (w.items() >= limit) {
        return;
      }
      w.add(album(e, al, trackNumbers.getOrDefault(al.id(), 0), albumDurations.getOrDefault(al.id(), 0)));
    }
    for (ChinookData.Playlist p : chinook.playlists()) {
      if (w.items() >= limit) {
        return;
      }
      w.add(playlist(e, p));
    }
  }

  private JsonObject track(Edition e, ChinookData.Track t, ChinookData.Track shown, int number) {
    ChinookData.Album al = chinook.albums().get(t.albumId() - 1);
    String artist = artistOf(e, al);
    DemoMedia.Source src = t.video() ? demo.video().get(t.id() % demo.video().size())
        : demo.audio().get(t.id() % demo.audio().size());
    JsonObject item = new JsonObject().put("id", e.trackId(t.id())).put("kind", t.video() ? "video" : "track")
        .put("title", shown.name()).put("artist", new JsonObject().put("name", artist));
    if (!t.video()) {
      item.put("album", new JsonObject().put("id", e.albumId(al.id())).put("title", e.pick(chinook.albums(), al.id() - 1).title()))
          .put("trackNumber", number);
    }
    item.put("durationMs", shown.durationMs()).put("description", description(shown))
        .put("artwork", src.artwork().copy()).put("streams", src.streams().copy());
    if (t.video()) {
      item.put("width", src.width()).put("height", src.height());
      videos++;
    }
    tracks++;
    return finish(item, src.license(), t.id());
  }

  private JsonObject album(Edition e, ChinookData.Album al, int members, int durationMs) {
    JsonArray items = new JsonArray();
    ChinookData.Track first = null;
    for (ChinookData.Track t : albumTracks.getOrDefault(al.id(), List.of())) {
      items.add(new JsonObject().put("id", e.trackId(t.id())));
      first = first == null ? t : first;
    }
    DemoMedia.Source src = first != null && first.video() ? demo.video().get(first.id() % demo.video().size())
        : demo.audio().get((first == null ? al.id() : first.id()) % demo.audio().size());
    JsonObject item = new JsonObject().put("id", e.albumId(al.id())).put("kind", "album")
        .put("title", e.pick(chinook.albums(), al.id() - 1).title())
        .put("artist", new JsonObject().put("name", artistOf(e, al))).put("durationMs", durationMs)
        .put("description", "Album, " + members + (members == 1 ? " track." : " tracks."))
        .put("artwork", src.artwork().copy()).put("items", items);
    albums++;
    largestCollection = Math.max(largestCollection, items.size());
    return finish(item, src.license(), al.id());
  }

  private JsonObject playlist(Edition e, ChinookData.Playlist p) {
    JsonArray items = new JsonArray();
    for (int trackId : p.trackIds()) {
      items.add(new JsonObject().put("id", e.trackId(trackId)));
    }
    DemoMedia.Source src = demo.audio().get(p.id() % demo.audio().size());
    JsonObject item = new JsonObject().put("id", e.playlistId(p.id())).put("kind", "playlist")
        .put("title", e.pick(chinook.playlists(), p.id() - 1).name())
        .put("description", "Playlist, " + p.trackIds().size() + " items.")
        .put("artwork", src.artwork().copy()).put("items", items);
    playlists++;
    emptyPlaylists += p.trackIds().isEmpty() ? 1 : 0;
    largestCollection = Math.max(largestCollection, items.size());
    return finish(item, src.license(), p.id());
  }

  private String artistOf(Edition e, ChinookData.Album al) {
    int artistId = e.copy() == 0 ? al.artistId() : artistIds.get(e.index(artistIds.size(), al.artistId() - 1));
    String name = chinook.artists().getOrDefault(artistId, "Unknown artist");
    artistsNamed.add(name);
    return name;
  }

  private static String description(ChinookData.Track t) {
    StringBuilder d = new StringBuilder();
    if (t.composer() != null) {
      d.append("Composed by ").append(t.composer()).append(". ");
    }
    if (t.genre() != null) {
      d.append("Genre: ").append(t.genre()).append(". ");
    }
    return d.append("Original file ").append(t.bytes()).append(" bytes; the stream is a demo excerpt.").toString();
  }

  private static JsonObject finish(JsonObject item, JsonObject license, int seed) {
    return item.put("embeddable", true).put("territories", new JsonArray().add("*")).put("explicit", false)
        .put("license", license.copy())
        .put("publishedAt", FIRST_PUBLISHED.plusDays((seed * 37L) % 6000) + "T00:00:00Z").put("updatedAt", UPDATED_AT);
  }

  /**
   * One copy of Chinook: copy 0 is Chinook as it is, copy {@code c} shows row {@code (i·7919 + c·104729) mod n}'s
   * title, artist and duration for row {@code i} (a permutation: 7919 shares no factor with Chinook's table sizes).
   */
  private record Edition(int copy) {

    String prefix() {
      return copy == 0 ? "ck-" : "s" + copy + "-";
    }

    String trackId(int id) {
      return prefix() + "t" + id;
    }

    String albumId(int id) {
      return prefix() + "al" + id;
    }

    String playlistId(int id) {
      return prefix() + "pl" + id;
    }

    int index(int n, int i) {
      return copy == 0 ? i : (int) ((i * 7919L + copy * 104729L) % n);
    }

    <T> T pick(List<T> rows, int i) {
      return rows.get(index(rows.size(), i));
    }
  }
}
