package io.playgate.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.hub.local.Catalog;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local hub opens a generated catalogue through its index and serves every kind of entry, long ones capped. */
class GeneratedCatalogLoadTest {

  private static final Path DEMO = Paths.get(System.getProperty("playgate.root", ".."), "conf", "catalog");

  @TempDir
  static Path out;

  private static Catalog catalog;

  @BeforeAll
  static void generate() throws Exception {
    CatalogGenerator.chinook(DEMO, out);
    catalog = Catalog.open(out, "http://h/hub", "http://pub", (id, item) -> { });
  }

  private static JsonObject item(String id) {
    Catalog.Entry e = catalog.get(id);
    assertThat(e).as(id).isNotNull();
    return new JsonObject(e.body());
  }

  @Test
  void theIndexedCatalogueHoldsEveryItemInFileOrder() {
    assertThat(catalog.readsFiles()).isTrue();
    assertThat(catalog.size()).isEqualTo(3868);
    assertThat(catalog.listedIds()).hasSize(3868);
    assertThat(catalog.listedIds().subList(0, 2)).containsExactly("ck-t1", "ck-t2");
    assertThat(catalog.listedIds().get(3867)).isEqualTo("ck-pl18");
    assertThat(catalog.isListed("ck-al347")).isTrue();
    assertThat(catalog.isListed("nope")).isFalse();
    assertThat(catalog.get("nope")).isNull();
  }

  @Test
  void aTrackIsSentWithAbsoluteUrlsAndItsPageUrl() {
    JsonObject t = item("ck-t1");
    assertThat(t.getString("title")).isEqualTo("For Those About To Rock (We Salute You)");
    assertThat(t.getString("pageUrl")).isEqualTo("http://pub/media/ck-t1");
    String url = t.getJsonArray("streams").getJsonObject(0).getString("url");
    assertThat(url).startsWith("http://h/hub/files/media/");
    assertThat(catalog.servesFile(url.substring("http://h/hub/files/".length()))).isTrue();
    assertThat(catalog.get("ck-t1").etag()).isEqualTo(catalog.get("ck-t1").etag());
  }

  @Test
  void aPlaylistOf3290TracksIsCappedAndSaysItsSize() {
    Catalog.Entry e = catalog.get("ck-pl1");
    JsonObject p = new JsonObject(e.body());
    assertThat(p.getJsonArray("items")).hasSize(Catalog.MAX_MEMBERS);
    assertThat(p.getInteger("itemCount")).isEqualTo(3290);
    assertThat(p.getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo("ck-t1");
    assertThat(e.body().length()).isLessThanOrEqualTo(Catalog.MAX_BODY_BYTES);
  }

  @Test
  void shortCollectionsAreWholeAndEmptyOnesEmpty() {
    JsonObject album = item("ck-al1");
    assertThat(album.getJsonArray("items")).hasSize(10);
    assertThat(album.containsKey("itemCount")).isFalse();
    JsonObject empty = item("ck-pl2");
    assertThat(empty.getJsonArray("items")).isEmpty();
  }
}
