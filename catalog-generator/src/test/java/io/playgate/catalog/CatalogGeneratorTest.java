package io.playgate.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator writes Chinook as it is, and synthetic catalogues of exactly the size asked for. */
class CatalogGeneratorTest {

  private static final Path DEMO = Paths.get(System.getProperty("playgate.root", ".."), "conf", "catalog");

  @TempDir
  Path out;

  @Test
  void chinookHasItsCountsAndEveryReferenceResolves() throws Exception {
    assertThat(ChinookData.read().artists()).hasSize(275);
    CatalogGenerator.Summary s = CatalogGenerator.chinook(DEMO, out);
    assertThat(s.artists()).isEqualTo(275 - artistsWithoutAlbums());
    assertThat(s.albums()).isEqualTo(347);
    assertThat(s.tracks()).isEqualTo(3503);
    assertThat(s.videos()).isEqualTo(214);
    assertThat(s.playlists()).isEqualTo(18);
    assertThat(s.emptyPlaylists()).isEqualTo(4);
    assertThat(s.largestCollection()).isEqualTo(3290);
    assertThat(s.items()).isEqualTo(3503 + 347 + 18);

    JsonArray media = new JsonObject(Files.readString(out.resolve("catalog.json"))).getJsonArray("media");
    assertThat(media).hasSize(s.items());
    assertThat(Files.size(out.resolve("catalog.json"))).isEqualTo(s.bytes());
    Set<String> ids = new HashSet<>();
    int over3290 = 0;
    for (int i = 0; i < media.size(); i++) {
      assertThat(ids.add(media.getJsonObject(i).getString("id"))).isTrue();
    }
    for (int i = 0; i < media.size(); i++) {
      JsonArray items = media.getJsonObject(i).getJsonArray("items");
      for (int j = 0; items != null && j < items.size(); j++) {
        assertThat(ids).contains(items.getJsonObject(j).getString("id"));
      }
      over3290 += items != null && items.size() == 3290 ? 1 : 0;
    }
    assertThat(over3290).as("the two playlists of 3,290 tracks").isEqualTo(2);
    JsonObject first = media.getJsonObject(0);
    assertThat(first.getString("id")).isEqualTo("ck-t1");
    assertThat(first.getString("title")).isEqualTo("For Those About To Rock (We Salute You)");
    assertThat(first.getJsonObject("artist").getString("name")).isEqualTo("AC/DC");
    String stream = first.getJsonArray("streams").getJsonObject(0).getString("url");
    assertThat(out.resolve(stream)).as("streams are the demo's files, through the media link").isRegularFile();
  }

  /** Chinook names 275 artists, of which 71 have no album, so no item names them. */
  private static int artistsWithoutAlbums() {
    return 71;
  }

  @Test
  void aSyntheticCatalogueHasExactlyTheItemsAskedForWithUniqueIds() throws Exception {
    CatalogGenerator.Summary s = CatalogGenerator.synthetic(DEMO, 10_000, out);
    assertThat(s.items()).isEqualTo(10_000);
    JsonArray media = new JsonObject(Files.readString(out.resolve("catalog.json"))).getJsonArray("media");
    Set<String> ids = new HashSet<>();
    Set<String> titles = new HashSet<>();
    for (int i = 0; i < media.size(); i++) {
      ids.add(media.getJsonObject(i).getString("id"));
      titles.add(media.getJsonObject(i).getString("title"));
    }
    assertThat(ids).hasSize(10_000).contains("ck-t1", "s1-t1", "s2-t1");
    assertThat(titles.size()).as("titles come from Chinook's").isBetween(3000, 4000);
    assertThat(s.bytes() / s.items()).as("bytes per item, as Chinook's").isBetween(400L, 3000L);
  }
}
