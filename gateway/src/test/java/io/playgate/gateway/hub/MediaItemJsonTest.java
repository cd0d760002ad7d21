package io.playgate.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playgate.gateway.testing.TestGateway;
import io.playgate.hub.local.Catalog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link MediaItemJson}: every field of every item the parser can produce survives a write and a read. */
class MediaItemJsonTest {

  private static MediaItem roundTrip(MediaItem item) {
    // through text, as the shared cache level stores it
    return MediaItemJson.read(new JsonObject(MediaItemJson.write(item).encode()), item.id());
  }

  private static MediaItem track(String id, MediaItem.Waveform waveform) {
    return new MediaItem(id, MediaKind.TRACK, "Tïtle <b>&amp;\u2028", new MediaItem.Artist("Ärtist", "https://a.example/x"),
        new MediaItem.AlbumRef("al1", "Album"), 3, 215_000L, "line one\nline two", "https://hub.example/track/" + id,
        List.of(new MediaItem.Artwork("https://img.example/1.jpg", 600, 600),
            new MediaItem.Artwork("https://img.example/2.jpg", 64, 64)),
        List.of(new MediaItem.MediaStream("https://cdn.example/a.opus", "audio/ogg; codecs=opus", 96),
            new MediaItem.MediaStream("https://cdn.example/a.mp3", "audio/mpeg", null)),
        null, null, List.of(), false, List.of("DE", "FR"), true,
        new MediaItem.License("CC-BY-SA-3.0", "https://creativecommons.org/licenses/by-sa/3.0/", "by someone"),
        Instant.parse("2026-11-29T10:00:00Z"), Visibility.UNLISTED, waveform, Instant.parse("2008-05-20T00:00:00Z"));
  }

  @Test
  void everyFieldOfATrackWithItsWaveformLevels() {
    MediaItem item = track("t9", new MediaItem.Waveform("https://hub.example/peaks/t9.json", 10, List.of(0, 50, 100)));
    assertThat(roundTrip(item)).isEqualTo(item);
  }

  @Test
  void aPlaylistWithMembersAndTheDefaults() {
    MediaItem member = track("m1", new MediaItem.Waveform("https://hub.example/peaks/m1.json", 5, List.of()));
    MediaItem bare = new MediaItem("m2", MediaKind.VIDEO, "V", null, null, null, null, null, "https://hub.example/v/m2",
        List.of(), List.of(), 1280, 720, List.of(), true, List.of("*"), false, null, null);
    MediaItem playlist = new MediaItem("p9", MediaKind.PLAYLIST, "P", null, null, null, null, null,
        "https://hub.example/p/p9", List.of(), List.of(), null, null, List.of(member, bare), true, List.of(), false,
        null, null, Visibility.PRIVATE);
    assertThat(roundTrip(playlist)).isEqualTo(playlist);
    assertThat(roundTrip(bare)).isEqualTo(bare);
  }

  @Test
  void aSubsonicPrivatePlaylistAsTheAdapterHandsItToTheParser() {
    // the shape SubsonicMapping builds: proxy URLs (signed for a private playlist), members with proxy streams
    String signed = "https://gw.example/subsonic/stream/s-7/opus?exp=1900000000&sig=AbC_-1";
    JsonObject song = new JsonObject().put("id", "s-7").put("kind", "track").put("title", "Song")
        .put("pageUrl", "https://gw.example/media/s-7").put("artist", new JsonObject().put("name", "A"))
        .put("album", new JsonObject().put("id", "al-2").put("title", "Alb")).put("trackNumber", 1)
        .put("durationMs", 180_000).put("artwork", new JsonArray().add(new JsonObject()
            .put("url", "https://gw.example/subsonic/art/s-7/12?exp=1900000000&sig=x").put("width", 600)
            .put("height", 600)))
        .put("streams", new JsonArray().add(new JsonObject().put("url", signed).put("mimeType", "audio/ogg")
            .put("bitrateKbps", 128)))
        .put("updatedAt", "2026-01-02T03:04:05Z");
    JsonObject playlist = new JsonObject().put("id", "pl-3").put("kind", "playlist").put("title", "Mine")
        .put("pageUrl", "https://gw.example/media/pl-3").put("visibility", "private").put("artwork", new JsonArray())
        .put("items", new JsonArray().add(song));
    MediaItem item = MediaItemParser.item(playlist, "pl-3", "", true);
    assertThat(roundTrip(item)).isEqualTo(item);
  }

  @Test
  void everyItemOfTheTestAndDemoCataloguesAsTheLocalHubSendsThem() throws Exception {
    int n = 0;
    for (Path folder : List.of(TestGateway.testCatalog(), TestGateway.demoCatalog())) {
      Catalog catalog = Catalog.open(folder, "http://h.example/hub", "http://gw.example", MediaItemParser::requireValid);
      List<String> ids = new java.util.ArrayList<>(catalog.listedIds());
      ids.addAll(List.of("private1", "unlisted1"));
      for (String id : ids) {
        Catalog.Entry entry = catalog.get(id);
        if (entry == null || entry.removed()) {
          continue;
        }
        MediaItem item = MediaItemParser.parse(entry.body(), id);
        if (item.waveform() != null) {
          item = item.withWaveform(item.waveform().withLevels(List.of(1, 2, 3)));
        }
        assertThat(roundTrip(item)).as(id).isEqualTo(item);
        n++;
      }
    }
    assertThat(n).isGreaterThan(15);
  }

  @Test
  void readRefusesAnotherIdAndBadLevels() {
    MediaItem item = track("t9", new MediaItem.Waveform("https://hub.example/peaks/t9.json", 10, List.of(7)));
    JsonObject json = MediaItemJson.write(item);
    assertThatThrownBy(() -> MediaItemJson.read(json, "t8")).isInstanceOf(HubException.class);
    json.getJsonObject("waveform").put("levels", new JsonArray().add(101));
    assertThatThrownBy(() -> MediaItemJson.read(json, "t9")).isInstanceOf(HubException.class);
    json.getJsonObject("waveform").put("levels", new JsonArray().add("x"));
    assertThatThrownBy(() -> MediaItemJson.read(json, "t9")).isInstanceOf(HubException.class);
  }
}
