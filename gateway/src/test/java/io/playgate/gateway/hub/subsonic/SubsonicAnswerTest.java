package io.playgate.gateway.hub.subsonic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playgate.gateway.hub.HubException;
import io.playgate.gateway.hub.HubFailure;
import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.MediaItemParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Quirks of Subsonic servers the real server of the integration tests (supysonic 0.7.2) cannot show, on answer bodies
 * written from the Subsonic API documentation (http://www.subsonic.org/pages/api.jsp, {@code subsonic-rest-api.xsd}
 * 1.10.2): an XML answer to {@code f=json}, {@code bitRate} in bit/s, error code 41, a one-element list sent as an
 * object.
 */
class SubsonicAnswerTest {

  private static final String UUID = "3fef2605-7a20-4fba-9a6c-8485fb320667";
  private static final long EXPIRY = Instant.parse("2026-12-01T01:00:00Z").getEpochSecond();
  private final ProxyUrls urls = new ProxyUrls("https://gw.example", Duration.ofHours(1),
      Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));
  private final SubsonicMapping mapping = new SubsonicMapping("https://gw.example", List.of("opus"), urls);

  @Test
  void anXmlAnswerReadsLikeItsJsonForm() {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <subsonic-response xmlns="http://subsonic.org/restapi" status="ok" version="1.10.2">
          <album id="%s" name="Frets on Fire songs" artist="Sectoid &amp; Friends" artistId="1" coverArt="3"
              songCount="2" duration="140" created="2026-12-02T04:25:16">
            <song id="b82995b0-3264-4192-b85b-ecc9425143d7" parent="3" title="Metal Madness" album="Frets on Fire songs"
                artist="Sectoid" track="1" duration="70" bitRate="56" contentType="audio/mpeg" suffix="mp3"
                isDir="false" coverArt="3" albumId="%s"/>
            <song id="c82995b0-3264-4192-b85b-ecc9425143d7" parent="3" title="Feelings" album="Frets on Fire songs"
                artist="Sectoid" track="2" duration="70" bitRate="56" contentType="audio/mpeg" suffix="mp3"
                isDir="false" albumId="%s"/>
          </album>
        </subsonic-response>
        """.formatted(UUID, UUID, UUID);
    JsonObject r = SubsonicAnswer.parse(Buffer.buffer(xml), "text/xml; charset=utf-8", "a-" + UUID);
    MediaItem album = item(new SubsonicIds.Ref(SubsonicIds.Kind.ALBUM, UUID), r);

    assertThat(album.title()).isEqualTo("Frets on Fire songs");
    assertThat(album.artist().name()).isEqualTo("Sectoid & Friends");
    assertThat(album.durationMs()).isEqualTo(140_000);
    assertThat(album.artwork()).singleElement().satisfies(a ->
        assertThat(a.url()).isEqualTo("https://gw.example/subsonic/art/a-" + UUID + "/3"));
    assertThat(album.items()).extracting(MediaItem::title).containsExactly("Metal Madness", "Feelings");
    assertThat(album.items().get(1).trackNumber()).isEqualTo(2);
    assertThat(album.items().get(1).artwork()).as("a song without coverArt has no artwork").isEmpty();
    assertThat(album.items().get(0).streams()).extracting(MediaItem.MediaStream::url).containsExactly(
        "https://gw.example/subsonic/stream/s-b82995b0-3264-4192-b85b-ecc9425143d7/original",
        "https://gw.example/subsonic/stream/s-b82995b0-3264-4192-b85b-ecc9425143d7/opus");
  }

  @Test
  void aBitRateInBitsPerSecondIsReadAsKbps() {
    JsonObject r = new JsonObject().put("status", "ok").put("song", new JsonObject().put("id", UUID)
        .put("title", "Feelings").put("duration", 70).put("bitRate", 128000).put("contentType", "audio/mpeg"));
    MediaItem song = item(new SubsonicIds.Ref(SubsonicIds.Kind.SONG, UUID), r);
    assertThat(song.streams().get(0).bitrateKbps()).isEqualTo(128);
    assertThat(song.durationMs()).isEqualTo(70_000);

    r.getJsonObject("song").put("bitRate", 320);
    assertThat(item(new SubsonicIds.Ref(SubsonicIds.Kind.SONG, UUID), r).streams().get(0).bitrateKbps())
        .isEqualTo(320);
  }

  @Test
  void aOneEntryPlaylistSentAsAnObjectAndNotPublicIsPrivateWithSignedArt() {
    JsonObject r = new JsonObject("""
        {"status": "ok", "playlist": {"id": "7", "name": "Mine", "owner": "alice", "public": false, "coverArt": "pl-7",
         "entry": {"id": "42", "title": "Chaos God", "duration": 70, "contentType": "audio/mpeg"}}}
        """);
    MediaItem list = item(new SubsonicIds.Ref(SubsonicIds.Kind.PLAYLIST, "7"), r);
    assertThat(list.visibility()).isEqualTo(io.playgate.gateway.hub.Visibility.PRIVATE);
    assertThat(list.items()).extracting(MediaItem::id).containsExactly("s-42");
    String art = list.artwork().get(0).url();
    assertThat(art).startsWith("https://gw.example/subsonic/art/p-7/pl-7?exp=" + (EXPIRY) + "&sig=");
    String sig = art.substring(art.indexOf("&sig=") + 5);
    assertThat(urls.verify("/subsonic/art/p-7/pl-7", String.valueOf(EXPIRY), sig))
        .isEqualTo(ProxyUrls.Verdict.VALID);
  }

  @Test
  void signaturesExpireAndCannotBeMoved() {
    Instant[] now = {Instant.parse("2026-12-01T00:00:00Z")};
    Clock moving = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0];
      }
    };
    ProxyUrls later = new ProxyUrls("https://gw.example", Duration.ofHours(1), moving);
    String url = later.url("/subsonic/art/p-7/1", true);
    String exp = url.replaceAll(".*exp=([0-9]+).*", "$1");
    String sig = url.replaceAll(".*sig=", "");
    assertThat(later.verify("/subsonic/art/p-7/1", exp, sig)).isEqualTo(ProxyUrls.Verdict.VALID);
    assertThat(later.verify("/subsonic/art/p-8/1", exp, sig)).isEqualTo(ProxyUrls.Verdict.BAD);
    assertThat(later.verify("/subsonic/art/p-7/1", String.valueOf(Long.parseLong(exp) + 1), sig))
        .isEqualTo(ProxyUrls.Verdict.BAD);
    assertThat(later.verify("/subsonic/art/p-7/1", null, null)).isEqualTo(ProxyUrls.Verdict.UNSIGNED);
    assertThat(later.verify("/subsonic/art/p-7/1", "1", "ab")).isEqualTo(ProxyUrls.Verdict.BAD);
    now[0] = now[0].plus(Duration.ofHours(1)).plusSeconds(1);
    assertThat(later.verify("/subsonic/art/p-7/1", exp, sig)).isEqualTo(ProxyUrls.Verdict.EXPIRED);
  }

  @Test
  void errorCodesMapToHubFailures() {
    assertThat(SubsonicApi.failureOf(70)).isEqualTo(HubFailure.NOT_FOUND);
    assertThat(SubsonicApi.failureOf(0)).isEqualTo(HubFailure.NOT_FOUND);
    assertThat(SubsonicApi.failureOf(40)).isEqualTo(HubFailure.BAD_RESPONSE);
    assertThat(SubsonicApi.failureOf(41)).as("token refused for an LDAP user").isEqualTo(HubFailure.BAD_RESPONSE);
    assertThat(SubsonicApi.failureOf(50)).isEqualTo(HubFailure.PRIVATE);
    assertThat(SubsonicApi.failureOf(30)).isEqualTo(HubFailure.BAD_RESPONSE);
    JsonObject failed = SubsonicAnswer.parse(Buffer.buffer("""
        <subsonic-response xmlns="http://subsonic.org/restapi" status="failed" version="1.13.0">
          <error code="41" message="Token authentication not supported for LDAP users."/>
        </subsonic-response>"""), "application/xml", "s-1");
    assertThat(SubsonicAnswer.number(failed.getJsonObject("error"), "code")).isEqualTo(41);
  }

  @Test
  void htmlAndBrokenBodiesAreBadAnswers() {
    assertThatThrownBy(() -> SubsonicAnswer.parse(Buffer.buffer("<html>login</html>"), "text/html", "s-1"))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.failure()).isEqualTo(HubFailure.BAD_RESPONSE));
    assertThatThrownBy(() -> SubsonicAnswer.parse(Buffer.buffer("<a><b></a>"), "text/xml", "s-1"))
        .isInstanceOf(HubException.class);
    assertThatThrownBy(() -> SubsonicAnswer.parse(Buffer.buffer("""
        <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><subsonic-response status="ok">&e;</subsonic-response>
        """), "text/xml", "s-1")).isInstanceOf(HubException.class);
  }

  @Test
  void idsKeepTheGatewayAlphabet() {
    assertThat(SubsonicIds.gatewayId(SubsonicIds.Kind.SONG, UUID)).isEqualTo("s-" + UUID);
    assertThat(SubsonicIds.gatewayId(SubsonicIds.Kind.SONG, "a/b")).isNull();
    assertThat(SubsonicIds.gatewayId(SubsonicIds.Kind.SONG, "x".repeat(63))).isNull();
    assertThat(SubsonicIds.parse("p-" + UUID)).isEqualTo(new SubsonicIds.Ref(SubsonicIds.Kind.PLAYLIST, UUID));
    assertThat(SubsonicIds.parse("sectoid-feelings")).isNull();
    assertThat(SubsonicApi.atLeast("1.10.2", 1, 13)).isFalse();
    assertThat(SubsonicApi.atLeast("1.16.1", 1, 13)).isTrue();
  }

  private MediaItem item(SubsonicIds.Ref ref, JsonObject response) {
    return MediaItemParser.item(mapping.item(ref, response), ref.gatewayId(), "", true);
  }
}
