package io.playgate.gateway.preview;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What link-preview consumers read from every kind of share page of the demo catalogue, parsed as they parse it
 * (jsoup, the HTML5 algorithm): Open Graph durations and music links, {@code <meta name="author">},
 * {@code twitter:description}, a non-empty {@code og:image:alt}, every rendition in {@code og:audio}/{@code og:video}
 * with the widely playable ones (MP3, MP4) first, and one JSON-LD block holding the properties its consumers require
 * (Google's video guidelines for {@code VideoObject}: name, thumbnailUrl, uploadDate; for music: name, url, byArtist,
 * duration, on each recording). Also the oEmbed {@code duration} extension in JSON and XML.
 */
class SharePageMetadataIT {

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded().demoCatalog();

  private static Document page(String id) {
    HttpResponse<String> r = Http.get(gateway.base() + "/media/" + id);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Jsoup.parse(r.body());
  }

  private static List<String> meta(Document d, String property) {
    return d.select("meta[property='" + property + "'], meta[name='" + property + "']").eachAttr("content");
  }

  private static String one(Document d, String property) {
    List<String> values = meta(d, property);
    assertThat(values).as(property).hasSize(1);
    assertThat(values.get(0)).as(property).isNotBlank();
    return values.get(0);
  }

  private static JsonObject jsonLd(Document d) {
    List<Element> blocks = d.select("script[type='application/ld+json']");
    assertThat(blocks).hasSize(1);
    JsonObject ld = new JsonObject(blocks.get(0).data());
    assertThat(ld.getString("@context")).isEqualTo("https://schema.org");
    return ld;
  }

  /** The properties the music consumers require, on one MusicRecording. */
  private static void assertRecording(JsonObject r, String id) {
    assertThat(r.getString("@type")).isEqualTo("MusicRecording");
    assertThat(r.getString("name")).isNotBlank();
    assertThat(r.getString("url")).isEqualTo(gateway.base() + "/media/" + id);
    assertThat(r.getJsonObject("byArtist").getString("name")).isNotBlank();
    assertThat(Duration.parse(r.getString("duration"))).isPositive();
  }

  private static void assertCommonTags(Document d, String author) {
    assertThat(one(d, "author")).isEqualTo(author);
    assertThat(one(d, "twitter:description")).isEqualTo(one(d, "og:description"));
    assertThat(one(d, "og:image:alt")).isNotBlank();
    assertThat(one(d, "og:image")).startsWith("http");
  }

  @Test
  void trackPage() {
    Document d = page("sectoid-feelings");
    assertThat(one(d, "og:type")).isEqualTo("music.song");
    assertCommonTags(d, "Sectoid");
    assertThat(one(d, "music:duration")).isEqualTo("70");
    assertThat(one(d, "music:album")).isEqualTo(gateway.base() + "/media/sectoid-fof");
    assertThat(one(d, "music:album:track")).isEqualTo("2");
    // every rendition, MP3 before Opus (the hub lists Opus first), each followed by its type
    assertThat(meta(d, "og:audio")).hasSize(2).first().asString().endsWith(".mp3");
    assertThat(meta(d, "og:audio:type")).containsExactly("audio/mpeg", "audio/ogg; codecs=opus");
    JsonObject ld = jsonLd(d);
    assertRecording(ld, "sectoid-feelings");
    assertThat(ld.getString("duration")).isEqualTo("PT1M10S");
    assertThat(ld.getString("datePublished")).isEqualTo("2026-11-22T00:00:00Z");
    assertThat(ld.getString("dateModified")).isEqualTo("2026-11-29T00:00:00Z");
    assertThat(ld.getJsonObject("inAlbum").getString("url")).isEqualTo(gateway.base() + "/media/sectoid-fof");
    assertThat(ld.getJsonObject("audio").getString("contentUrl")).endsWith(".mp3");
    assertThat(ld.getJsonObject("audio").getString("embedUrl")).isEqualTo(gateway.base() + "/embed/sectoid-feelings");
    assertThat(ld.getString("license")).isEqualTo("https://opensource.org/licenses/MIT");
  }

  @Test
  void trackWithAnArtistPageLinksTheMusician() {
    Document d = page("muldjord-chaos-god");
    assertThat(one(d, "music:musician")).isEqualTo("http://www.muldjord.com/");
    assertThat(jsonLd(d).getJsonObject("byArtist").getString("url")).isEqualTo("http://www.muldjord.com/");
  }

  @Test
  void videoPage() {
    Document d = page("big-buck-bunny");
    assertThat(one(d, "og:type")).isEqualTo("video.other");
    assertCommonTags(d, "Blender Foundation");
    // og:image is the social card (poster, title, artist, play mark): its text says what the card says
    assertThat(one(d, "og:image:alt")).isEqualTo("Big Buck Bunny by Blender Foundation");
    assertThat(one(d, "og:image")).endsWith("/artwork/big-buck-bunny/card.jpg");
    assertThat(one(d, "video:duration")).isEqualTo("4");
    assertThat(one(d, "video:release_date")).isEqualTo("2026-11-22T00:00:00Z");
    // MP4 (H.264, plays in Safari) before the VP9 WebM, each with its type and size
    assertThat(meta(d, "og:video")).hasSize(2).first().asString().endsWith(".mp4");
    assertThat(meta(d, "og:video:type")).satisfiesExactly(t -> assertThat(t).startsWith("video/mp4"),
        t -> assertThat(t).startsWith("video/webm"));
    assertThat(meta(d, "og:video:width")).containsExactly("640", "640");
    assertThat(meta(d, "og:video:height")).containsExactly("360", "360");
    assertThat(meta(d, "og:audio")).isEmpty();
    JsonObject ld = jsonLd(d);
    assertThat(ld.getString("@type")).isEqualTo("VideoObject");
    assertThat(ld.getString("name")).isEqualTo("Big Buck Bunny");
    assertThat(ld.getString("thumbnailUrl")).startsWith("http").endsWith(".jpg");
    assertThat(ld.getString("uploadDate")).isEqualTo("2026-11-22T00:00:00Z");
    assertThat(ld.getString("duration")).isEqualTo("PT4S");
    assertThat(ld.getString("contentUrl")).endsWith(".mp4");
    assertThat(ld.getString("embedUrl")).isEqualTo(gateway.base() + "/embed/big-buck-bunny");
    assertThat(ld.getJsonObject("author").getString("name")).isEqualTo("Blender Foundation");
  }

  @Test
  void albumPage() {
    Document d = page("sectoid-fof");
    assertThat(one(d, "og:type")).isEqualTo("music.album");
    assertCommonTags(d, "Sectoid");
    // og:audio: the first playable member, MP3 first
    assertThat(meta(d, "og:audio")).hasSize(2).first().asString().endsWith("sectoid-escape-from-chaosland.mp3");
    assertThat(meta(d, "music:song")).containsExactly(gateway.base() + "/media/sectoid-escape-from-chaosland",
        gateway.base() + "/media/sectoid-feelings", gateway.base() + "/media/sectoid-metal-madness",
        gateway.base() + "/media/sectoid-war-of-freedom");
    assertThat(meta(d, "music:song:track")).containsExactly("1", "2", "3", "4");
    assertThat(one(d, "music:release_date")).isEqualTo("2026-11-22T00:00:00Z");
    JsonObject ld = jsonLd(d);
    assertThat(ld.getString("@type")).isEqualTo("MusicAlbum");
    assertThat(ld.getString("url")).isEqualTo(gateway.base() + "/media/sectoid-fof");
    assertThat(ld.getJsonObject("byArtist").getString("name")).isEqualTo("Sectoid");
    JsonArray tracks = ld.getJsonArray("track");
    assertThat(tracks).hasSize(4);
    assertThat(ld.getInteger("numTracks")).isEqualTo(4);
    assertRecording(tracks.getJsonObject(1), "sectoid-feelings");
  }

  @Test
  void playlistPage() {
    Document d = page("playgate-demo-mix");
    assertThat(one(d, "og:type")).isEqualTo("music.playlist");
    assertCommonTags(d, "Various artists");
    assertThat(meta(d, "og:audio")).hasSize(2).first().asString().endsWith("sectoid-feelings.mp3");
    assertThat(meta(d, "og:video")).isEmpty();
    assertThat(meta(d, "music:song")).hasSize(5);
    assertThat(meta(d, "music:song:track")).containsExactly("1", "3", "4", "6", "8");
    JsonObject ld = jsonLd(d);
    assertThat(ld.getString("@type")).isEqualTo("MusicPlaylist");
    assertThat(ld.getString("name")).isEqualTo("Playgate Demo Mix");
    assertThat(ld.getString("url")).isEqualTo(gateway.base() + "/media/playgate-demo-mix");
    // the playlist's five tracks (its three videos are not recordings); byArtist is not a playlist property
    JsonArray tracks = ld.getJsonArray("track");
    assertThat(tracks).hasSize(5);
    assertThat(ld.containsKey("byArtist")).isFalse();
    for (int i = 0; i < tracks.size(); i++) {
      String url = tracks.getJsonObject(i).getString("url");
      assertRecording(tracks.getJsonObject(i), url.substring(url.lastIndexOf('/') + 1));
    }
  }

  @Test
  void theCollectionPlayerPlaysAudioRowsInAnAudioElement() {
    Document mix = Jsoup.parse(Http.get(gateway.base() + "/embed/playgate-demo-mix").body());
    assertThat(mix.select(".pg-collection-media")).singleElement()
        .satisfies(e -> assertThat(e.tagName()).isEqualTo("audio"));
    assertThat(mix.select("video")).isEmpty();
  }

  @Test
  void oEmbedStatesTheDurationInJsonAndXml() {
    String url = gateway.base() + "/oembed?url=" + gateway.base() + "/media/sectoid-feelings";
    assertThat(Http.json(Http.get(url)).getLong("duration")).isEqualTo(70L);
    assertThat(Jsoup.parse(Http.get(url + "&format=xml").body(), "", org.jsoup.parser.Parser.xmlParser())
        .selectFirst("oembed > duration").text()).isEqualTo("70");
    String video = gateway.base() + "/oembed?url=" + gateway.base() + "/media/big-buck-bunny";
    assertThat(Http.json(Http.get(video)).getLong("duration")).isEqualTo(4L);
  }
}
