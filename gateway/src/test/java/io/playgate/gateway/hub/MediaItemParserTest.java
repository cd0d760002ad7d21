package io.playgate.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class MediaItemParserTest {

  private static JsonObject valid() {
    return new JsonObject()
        .put("id", "x1").put("kind", "video").put("title", "T").put("pageUrl", "https://hub.example/video/x1")
        .put("width", 1280).put("height", 720).put("durationMs", 1000).put("unknownField", "ignored");
  }

  private static void assertBad(String body, String reasonPart) {
    assertThatThrownBy(() -> MediaItemParser.parse(Buffer.buffer(body), "x1"))
        .isInstanceOfSatisfying(HubException.class, e -> {
          assertThat(e.failure()).isEqualTo(HubFailure.BAD_RESPONSE);
          assertThat(e.getMessage()).contains(reasonPart);
        });
  }

  @Test
  void parsesAndDefaults() {
    MediaItem item = MediaItemParser.parse(valid().toBuffer(), "x1");
    assertThat(item.kind()).isEqualTo(MediaKind.VIDEO);
    assertThat(item.width()).isEqualTo(1280);
    assertThat(item.embeddable()).isTrue();
    assertThat(item.territories()).containsExactly("*");
    assertThat(item.items()).isEmpty();
  }

  @Test
  void aTrackAndTheSameTrackAmongItsAlbumsMembersAreOneObject() {
    JsonObject track = new JsonObject().put("id", "t1").put("kind", "track").put("title", "T")
        .put("pageUrl", "https://hub.example/t1").put("streams", new io.vertx.core.json.JsonArray()
            .add(new JsonObject().put("url", "https://hub.example/t1.opus").put("mimeType", "audio/ogg")));
    JsonObject album = new JsonObject().put("id", "a1").put("kind", "album").put("title", "A")
        .put("pageUrl", "https://hub.example/a1").put("items", new io.vertx.core.json.JsonArray().add(track.copy()));
    MediaItem alone = MediaItemParser.parse(track.toBuffer(), "t1");
    MediaItem member = MediaItemParser.parse(album.toBuffer(), "a1").items().get(0);
    assertThat(member).isSameAs(alone);
    MediaItem changed = MediaItemParser.parse(track.copy().put("title", "T2").toBuffer(), "t1");
    assertThat(changed).isNotSameAs(alone);
    assertThat(changed.streams()).isSameAs(alone.streams());
    assertThat(changed.title()).isEqualTo("T2");
  }

  @Test
  void readsTheOptionalPublishedAtExtension() {
    assertThat(MediaItemParser.parse(valid().toBuffer(), "x1").publishedAt()).isNull();
    MediaItem item = MediaItemParser.parse(valid().put("publishedAt", "2008-05-20T00:00:00Z")
        .put("updatedAt", "2026-11-29T00:00:00Z").toBuffer(), "x1");
    assertThat(item.publishedAt()).isEqualTo(java.time.Instant.parse("2008-05-20T00:00:00Z"));
    assertThat(item.updatedAt()).isEqualTo(java.time.Instant.parse("2026-11-29T00:00:00Z"));
    assertBad(valid().put("publishedAt", "20 May 2008").encode(), "publishedAt is not an RFC 3339 UTC timestamp");
    assertBad(valid().put("publishedAt", 1211241600).encode(), "publishedAt is not a string");
  }

  @Test
  void rejectsContractBreaks() {
    assertBad("<html><body>oops</body></html>", "not valid JSON");
    assertBad("{\"id\":\"x1\",\"kind\":\"track\",\"title\":\"T\"", "not valid JSON");
    assertBad("[1,2]", "not a JSON object");
    assertBad(valid().copy().put("width", "720px").encode(), "width is not a positive integer");
    assertBad(valid().copy().put("width", 720.5).encode(), "width");
    assertBad(valid().copy().put("title", 5).encode(), "title is not a string");
    assertBad(valid().copy().put("kind", "podcast").encode(), "kind");
    assertBad(valid().copy().put("id", "other").encode(), "does not match");
    assertBad(valid().copy().put("id", "../etc").encode(), "id is not");
    assertBad(valid().copy().put("embeddable", "yes").encode(), "embeddable");
    assertBad(valid().copy().put("artwork", new JsonObject()).encode(), "artwork is not an array");
    for (String field : new String[] {"id", "kind", "title", "pageUrl"}) {
      JsonObject j = valid();
      j.remove(field);
      assertBad(j.encode(), field);
    }
  }

  @Test
  void makesStringsWellFormedByTheStatedRule() {
    assertThat(MediaItemParser.wellFormed("a\uD800b")).isEqualTo("a\uFFFDb");
    assertThat(MediaItemParser.wellFormed("a\uDC00")).isEqualTo("a\uFFFD");
    assertThat(MediaItemParser.wellFormed("bell\u0007tab\tnl\n")).isEqualTo("bell\uFFFDtab\tnl\n");
    assertThat(MediaItemParser.wellFormed("\uFFFF")).isEqualTo("\uFFFD");
    assertThat(MediaItemParser.wellFormed("crlf\r\nlone\rend\r")).isEqualTo("crlf\nlone\nend\n");
    String emoji = "🎸‍🔥 שלום";
    assertThat(MediaItemParser.wellFormed(emoji)).isSameAs(emoji);
  }

  @Test
  void readsTheWaveformExtensionWithoutLevels() {
    JsonObject wave = new JsonObject().put("url", "https://hub.example/peaks/x1.json").put("samplesPerSecond", 10);
    MediaItem item = MediaItemParser.parse(valid().put("waveform", wave).toBuffer(), "x1");
    assertThat(item.waveform()).isEqualTo(new MediaItem.Waveform("https://hub.example/peaks/x1.json", 10, java.util.List.of()));
    assertThat(MediaItemParser.parse(valid().toBuffer(), "x1").waveform()).isNull();
  }

  @Test
  void rejectsABrokenWaveform() {
    JsonObject wave = new JsonObject().put("url", "https://hub.example/p.json").put("samplesPerSecond", 10);
    assertBad(valid().put("waveform", "https://hub.example/p.json").encode(), "waveform is not an object");
    assertBad(valid().put("waveform", wave.copy().put("samplesPerSecond", "10")).encode(),
        "waveform.samplesPerSecond is not a positive integer");
    assertBad(valid().put("waveform", wave.copy().put("samplesPerSecond", 0)).encode(), "samplesPerSecond");
    assertBad(valid().put("waveform", wave.copy().put("samplesPerSecond", 1001)).encode(),
        "waveform.samplesPerSecond is above 1000");
    assertBad(valid().put("waveform", wave.copy().put("url", 5)).encode(), "waveform.url is not a string");
    JsonObject noUrl = wave.copy();
    noUrl.remove("url");
    assertBad(valid().put("waveform", noUrl).encode(), "waveform.url is missing");
  }

  @Test
  void theFetchedLevelsAreWeighedWithTheEntry() {
    JsonObject wave = new JsonObject().put("url", "https://hub.example/peaks/x1.json").put("samplesPerSecond", 10);
    MediaItem bare = MediaItemParser.parse(valid().toBuffer(), "x1");
    MediaItem referenced = MediaItemParser.parse(valid().put("waveform", wave).toBuffer(), "x1");
    MediaItem drawn = referenced.withWaveform(referenced.waveform().withLevels(java.util.Collections.nCopies(120, 50)));
    assertThat(referenced.estimatedBytes()).isGreaterThan(bare.estimatedBytes() + 2 * wave.getString("url").length());
    assertThat(drawn.estimatedBytes()).isGreaterThanOrEqualTo(referenced.estimatedBytes() + 120 * 8);
  }
}
