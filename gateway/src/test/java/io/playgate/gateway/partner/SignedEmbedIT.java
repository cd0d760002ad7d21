package io.playgate.gateway.partner;

import static io.playgate.gateway.partner.PartnerFixtures.ACME_KEY;
import static io.playgate.gateway.partner.PartnerFixtures.PARTNERS;
import static io.playgate.gateway.partner.PartnerFixtures.SECRET;
import static io.playgate.gateway.partner.PartnerFixtures.assertForbiddenPage;
import static io.playgate.gateway.partner.PartnerFixtures.assertPlays;
import static io.playgate.gateway.partner.PartnerFixtures.assertProblem;
import static io.playgate.gateway.partner.PartnerFixtures.oembed;
import static io.playgate.gateway.partner.PartnerFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.app.Playgate;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.Overlay;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Signed embed URLs for private and unlisted media, and the hub credential. */
class SignedEmbedIT {

  @RegisterExtension
  final GatewayExtension gateway = GatewayExtension.embedded()
      .with("partners.list", PARTNERS).with("partners.signingSecret", SECRET);

  /** The documented signature, computed here independently of EmbedSigner. */
  private static String sig(String id, long exp, String partner) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(("playgate-embed-v1\n" + id + "\n" + exp + "\n" + partner)
        .getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aMintedUrlPlaysPrivateAndUnlistedMedia() {
    String base = gateway.base();
    for (String id : new String[] {"private1", "unlisted1"}) {
      HttpResponse<String> minted = post(base + "/partner/sign", "{\"id\": \"" + id + "\", \"ttl\": \"10m\"}",
          "Authorization", "Bearer " + ACME_KEY);
      assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
      assertThat(minted.headers().firstValue("Cache-Control")).hasValue("no-store");
      JsonObject body = Http.json(minted);
      assertThat(body.getString("partner")).isEqualTo("acme");
      long exp = body.getLong("exp");
      assertThat(exp).isBetween(Instant.now().getEpochSecond() + 590, Instant.now().getEpochSecond() + 610);
      String url = body.getString("url");
      assertThat(url).startsWith(base + "/embed/" + id + "?exp=" + exp + "&partner=acme&sig=");
      HttpResponse<String> page = Http.get(url);
      assertPlays(page);
      assertThat(page.headers().firstValue("Cache-Control")).hasValue("private, no-store");
      // framable only by the partner's origins
      assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
          .contains("frame-ancestors https://acme.example").doesNotContain("frame-ancestors *");
      // player options may be added; they are not signed
      assertPlays(Http.get(url + "&theme=dark&autoplay=1"));
      // a facade would lose the signature on click: a signed player loads at once
      assertPlays(Http.get(url + "&facade=1"));
      // without a signature: never
      assertForbiddenPage(Http.get(base + "/embed/" + id));
      assertProblem(Http.get(oembed(base, id, "")), 401);
      assertProblem(Http.get(oembed(base, id, ""), "Authorization", "Bearer " + ACME_KEY), 401);
      assertProblem(Http.get(base + "/media/" + id), 401);
    }
  }

  @Test
  void privateMembersOfAPublicAlbumAreLeftOut() {
    for (String path : new String[] {"/embed/amix", "/media/amix"}) {
      Document d = Jsoup.parse(Http.get(gateway.base() + path).body());
      assertThat(d.select(".pg-tracklist .pg-row")).as(path).hasSize(1);
      assertThat(d.select("[data-media-id=private1], [data-media-id=unlisted1]")).as(path).isEmpty();
      assertThat(d.text()).as(path).doesNotContain("Private").doesNotContain("Unlisted Track");
    }
  }

  @Test
  void expiredTamperedOrMisappliedSignaturesAre403() throws Exception {
    String base = gateway.base();
    long future = Instant.now().getEpochSecond() + 600;
    String good = sig("private1", future, "acme");
    // the documented formula is what the gateway checks
    assertPlays(Http.get(base + "/embed/private1?exp=" + future + "&partner=acme&sig=" + good));
    assertPlays(Http.get(base + "/embed/private1?exp=" + future + "&partner=acme&sig=" + good.toUpperCase()));
    long past = Instant.now().getEpochSecond() - 5;
    assertThat(assertForbiddenPage(Http.get(base + "/embed/private1?exp=" + past + "&partner=acme&sig="
        + sig("private1", past, "acme"))).text()).contains("expired");
    char flipped = good.charAt(10) == '0' ? '1' : '0';
    String tampered = good.substring(0, 10) + flipped + good.substring(11);
    assertThat(assertForbiddenPage(Http.get(base + "/embed/private1?exp=" + future + "&partner=acme&sig=" + tampered))
        .text()).contains("not valid");
    // exp moved, another id, partner dropped or changed, truncated, not hex, exp without sig
    assertForbiddenPage(Http.get(base + "/embed/private1?exp=" + (future + 1) + "&partner=acme&sig=" + good));
    assertForbiddenPage(Http.get(base + "/embed/unlisted1?exp=" + future + "&partner=acme&sig=" + good));
    assertForbiddenPage(Http.get(base + "/embed/private1?exp=" + future + "&sig=" + good));
    assertForbiddenPage(Http.get(base + "/embed/private1?exp=" + future + "&partner=tiny&sig=" + good));
    assertForbiddenPage(Http.get(base + "/embed/private1?exp=" + future + "&partner=acme&sig=" + good.substring(2)));
    assertForbiddenPage(Http.get(base + "/embed/private1?exp=" + future + "&partner=acme&sig=" + "z".repeat(64)));
    assertForbiddenPage(Http.get(base + "/embed/private1?exp=" + future));
    // a bad signature is refused even on public media
    assertForbiddenPage(Http.get(base + "/embed/t1?exp=" + future + "&sig=" + good));
    // a URL naming an unknown partner
    assertProblem(Http.get(base + "/embed/private1?exp=" + future + "&partner=nobody&sig=" + good), 400);
  }

  @Test
  void theMintEndpointRequiresAPartnerKey() {
    String base = gateway.base();
    String body = "{\"id\": \"private1\"}";
    HttpResponse<String> anonymous = post(base + "/partner/sign", body);
    assertProblem(anonymous, 401);
    HttpResponse<String> get = Http.get(base + "/partner/sign");
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
    assertProblem(post(base + "/partner/sign", body, "Authorization", "Bearer wrong"), 401);
    assertProblem(post(base + "/partner/sign?access_token=wrong", body), 401);
    assertThat(post(base + "/partner/sign?access_token=" + ACME_KEY, body).statusCode()).isEqualTo(200);
    String auth = "Bearer " + ACME_KEY;
    assertProblem(post(base + "/partner/sign", "{\"id\": \"no/such\"}", "Authorization", auth), 400);
    assertProblem(post(base + "/partner/sign", "not json", "Authorization", auth), 400);
    assertProblem(post(base + "/partner/sign", "{\"id\": \"private1\", \"partner\": \"other\"}", "Authorization", auth),
        400);
    assertProblem(post(base + "/partner/sign", "{\"id\": \"private1\"}", "Authorization", auth,
        "Content-Type", "text/plain"), 415);
    assertProblem(post(base + "/partner/sign", "{\"id\": \"private1\", \"ttl\": \"3650d\"}", "Authorization", auth), 400);
    assertProblem(post(base + "/partner/sign", "{\"id\": \"private1\", \"ttl\": \"soon\"}", "Authorization", auth), 400);
    assertProblem(post(base + "/partner/sign", "{\"id\": \"private1\", \"ttl\": 0}", "Authorization", auth), 400);
    JsonObject seconds = Http.json(post(base + "/partner/sign", "{\"id\": \"private1\", \"ttl\": 60}", "Authorization", auth));
    assertThat(seconds.getLong("exp")).isBetween(Instant.now().getEpochSecond() + 50, Instant.now().getEpochSecond() + 70);
    assertThat(post(base + "/partner/sign", "{\"id\": \"" + "x".repeat(5000) + "\"}", "Authorization", auth).statusCode())
        .isEqualTo(413);
  }

  @Test
  @Overlay("partners.signingSecret=")
  void withoutASigningSecretNothingIsMintedAndNoSignatureIsValid() throws Exception {
    String base = gateway.base();
    assertProblem(post(base + "/partner/sign", "{\"id\": \"private1\"}", "Authorization", "Bearer " + ACME_KEY), 501);
    long future = Instant.now().getEpochSecond() + 600;
    assertForbiddenPage(Http.get(base + "/embed/private1?exp=" + future + "&partner=acme&sig=" + sig("private1", future, "acme")));
  }

  @Test
  @Overlay("hub.apiKey=hub-credential-0123456789")
  void privateMediaComesFromARemoteHubOnlyWithTheHubCredential() throws Exception {
    String base = gateway.base();
    // gateway A serves its local hub with a known credential; gateway B uses A's hub as a remote hub
    long future = Instant.now().getEpochSecond() + 600;
    String signed = "/embed/private1?exp=" + future + "&partner=acme&sig=" + sig("private1", future, "acme");
    assertThat(Http.get(base + "/hub/v1/media/private1").statusCode()).isEqualTo(403);
    HttpResponse<String> withKey = Http.get(base + "/hub/v1/media/private1", "Authorization", "Bearer hub-credential-0123456789");
    assertThat(withKey.statusCode()).isEqualTo(200);
    assertThat(Http.json(withKey).getString("visibility")).isEqualTo("private");
    assertThat(Http.get(base + "/hub/v1/media/private1", "Authorization", "Bearer wrong").statusCode()).isEqualTo(403);

    Map<String, String> remoteConfig = new HashMap<>(Map.of("partners.list", PARTNERS, "partners.signingSecret", SECRET,
        "hub.mode", "remote", "hub.url", base + "/hub"));
    Playgate remote = gateway.another(remoteConfig);
    // without the credential the hub says 403: the signed URL still finds nothing to play
    assertThat(assertForbiddenPage(Http.get(remote.publicBaseUrl() + signed)).text()).contains("private");
    assertProblem(Http.get(oembed(remote.publicBaseUrl(), "private1", "")), 401);

    remoteConfig.put("hub.apiKey", "hub-credential-0123456789");
    remote = gateway.another(remoteConfig);
    assertPlays(Http.get(remote.publicBaseUrl() + signed));
    assertForbiddenPage(Http.get(remote.publicBaseUrl() + "/embed/private1"));
  }
}
