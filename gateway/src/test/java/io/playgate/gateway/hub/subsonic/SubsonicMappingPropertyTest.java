package io.playgate.gateway.hub.subsonic;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.MediaItemParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile text from a Subsonic server, property style: generated titles, artist names and album names made of the
 * nastiest pieces reach the MediaItem equal to {@link MediaItemParser#wellFormed(String)} of what the server sent,
 * from a JSON answer and (for the characters XML 1.0 can carry) an XML one; ids and cover-art ids outside the gateway's
 * alphabet never become ids or URLs. From the MediaItem on, the renderings are {@code oembed/EscapingPropertyTest}'s.
 * The seed is printed; rerun one with {@code -Dplaygate.seed=…}.
 */
class SubsonicMappingPropertyTest {

  private static final String[] ATOMS = {
      "\"", "'", "<", ">", "&", "&amp;", "]]>", "</script>", "<img src=x onerror=alert(1)>", "\u2028", "\u2029",
      "\uD800", "\uDFFF", "👩\u200D👩\u200D👧", "שלום", "\u202E", " ", "\t", "\n", "\r", "\u0000", "\u0007", "\uFFFE",
      "a", "é", "中文", "javascript:", "?&=#", "muldjord@example.org", "Ærø", "%3Cscript%3E", "\\u2028"};
  private static final String UUID = "b82995b0-3264-4192-b85b-ecc9425143d7";
  private final SubsonicMapping mapping = new SubsonicMapping("https://gw.example", List.of(),
      new ProxyUrls("https://gw.example", Duration.ofHours(1), Clock.systemUTC()));

  @Test
  void generatedTextSurvivesAsWellFormedTextFromJsonAndXml() {
    long seed = Long.getLong("playgate.seed", System.nanoTime());
    System.out.println("SubsonicMappingPropertyTest seed=" + seed + " (rerun with -Dplaygate.seed=" + seed + ")");
    Random random = new Random(seed);
    for (int n = 0; n < 300; n++) {
      String title = generated(random);
      String artist = generated(random);
      String why = "seed=" + seed + " n=" + n;
      JsonObject song = new JsonObject().put("id", UUID).put("title", title).put("artist", artist)
          .put("album", artist + title).put("albumId", UUID).put("duration", 70).put("contentType", "audio/mpeg");
      MediaItem fromJson = item(new JsonObject().put("status", "ok").put("song", song));
      assertThat(fromJson.title()).as(why).isEqualTo(MediaItemParser.wellFormed(title));
      assertThat(fromJson.artist().name()).as(why).isEqualTo(MediaItemParser.wellFormed(artist));
      assertThat(fromJson.album().title()).as(why).isEqualTo(MediaItemParser.wellFormed(artist + title));

      String xmlTitle = xmlSafe(title);
      String xml = "<subsonic-response status=\"ok\" version=\"1.10.2\"><song id=\"" + UUID + "\" title=\""
          + attr(xmlTitle) + "\" artist=\"" + attr(xmlSafe(artist)) + "\" duration=\"70\"/></subsonic-response>";
      MediaItem fromXml = item(SubsonicAnswer.parse(Buffer.buffer(xml), "text/xml", "s-" + UUID));
      // whitespace is written as character references, which attribute-value normalisation keeps (XML 1.0 §3.3.3)
      assertThat(fromXml.title()).as(why + " xml").isEqualTo(xmlTitle);
    }
  }

  @Test
  void idsOutsideTheAlphabetNeverBecomeIdsOrUrls() {
    JsonObject album = new JsonObject("""
        {"id": "al", "name": "A", "coverArt": "../../etc/passwd", "song": [
          {"id": "ok-1", "title": "kept", "coverArt": "x?u=admin"},
          {"id": "a/b", "title": "dropped"},
          {"id": "http://evil.example/", "title": "dropped too"}]}""");
    MediaItem item = MediaItemParser.item(mapping.item(new SubsonicIds.Ref(SubsonicIds.Kind.ALBUM, "al"),
        new JsonObject().put("status", "ok").put("album", album)), "a-al", "", true);
    assertThat(item.artwork()).isEmpty();
    assertThat(item.items()).extracting(MediaItem::id).containsExactly("s-ok-1");
    assertThat(item.items().get(0).artwork()).isEmpty();
  }

  private MediaItem item(JsonObject response) {
    return MediaItemParser.item(mapping.item(new SubsonicIds.Ref(SubsonicIds.Kind.SONG, UUID), response), "s-" + UUID,
        "", true);
  }

  private static String generated(Random random) {
    // a visible first character: a blank title is no title (the item's id stands in), which is not this property
    StringBuilder sb = new StringBuilder("x");
    int atoms = 1 + random.nextInt(10);
    for (int i = 0; i < atoms; i++) {
      sb.append(ATOMS[random.nextInt(ATOMS.length)]);
    }
    return sb.toString();
  }

  /** The characters XML 1.0 can carry at all (§2.2), well-formed as the parser would make them. */
  private static String xmlSafe(String s) {
    String w = MediaItemParser.wellFormed(s);
    StringBuilder sb = new StringBuilder();
    w.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
        || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000).forEach(sb::appendCodePoint);
    return sb.toString();
  }

  private static String attr(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;").replace("\t", "&#9;")
        .replace("\n", "&#10;").replace("\r", "&#13;");
  }
}
