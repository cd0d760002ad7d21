package io.playgate.gateway.partner;

import static io.playgate.gateway.partner.PartnerFixtures.assertProblem;
import static io.playgate.gateway.partner.PartnerFixtures.oembed;
import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.Overlay;
import java.net.http.HttpResponse;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The hub's rights (embeddable, territories, explicit) on a real gateway with its embedded hub. */
class RightsIT {

  @RegisterExtension
  final GatewayExtension gateway = GatewayExtension.embedded();

  private static Document assertNoMediaPage(HttpResponse<String> r, String message) {
    assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(200);
    Document d = Jsoup.parse(r.body());
    assertThat(d.select("audio, video, source, .pg-facade")).isEmpty();
    assertThat(d.text()).contains(message);
    return d;
  }

  @Test
  @Overlay("rights.countryHeader=CF-IPCountry")
  void restrictedMembersOfAPublicPlaylistAreLeftOutForEveryViewer() {
    for (String country : new String[] {"DE", "FR"}) {
      for (String path : new String[] {"/embed/rightsmix", "/media/rightsmix"}) {
        HttpResponse<String> r = Http.get(gateway.base() + path, "CF-IPCountry", country);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        Document d = Jsoup.parse(r.body());
        // the list's page is one for every viewer: a territory-limited member fails closed, even where licensed
        assertThat(d.select(".pg-tracklist .pg-row")).as(path + " " + country).hasSize(1);
        assertThat(d.select("[data-media-id=noembed], [data-media-id=geo1]")).as(path).isEmpty();
      }
    }
  }

  @Test
  @Overlay("rights.countryHeader=CF-IPCountry")
  void twoCountryHeaderValuesAreAnUnknownCountryNotTheFirst() {
    String base = gateway.base();
    // geo1 plays in DE and AT only; unknown countries are denied (rights.unknownCountry: deny)
    assertThat(Http.get(oembed(base, "geo1", ""), "CF-IPCountry", "DE").statusCode()).isEqualTo(200);
    // a trusted proxy sets one value: a second one, on its own line or in a list, came from someone else
    assertProblem(Http.get(oembed(base, "geo1", ""), "CF-IPCountry", "DE", "CF-IPCountry", "DE"), 401);
    assertProblem(Http.get(oembed(base, "geo1", ""), "CF-IPCountry", "DE", "CF-IPCountry", "FR"), 401);
    assertProblem(Http.get(oembed(base, "geo1", ""), "CF-IPCountry", "DE, FR"), 401);
    assertProblem(Http.get(oembed(base, "geo1", ""), "CF-IPCountry", "DE,AT"), 401);
    assertNoMediaPage(Http.get(base + "/embed/geo1", "CF-IPCountry", "AT", "CF-IPCountry", "DE"),
        "Not available in your country");
  }

  @Test
  void notEmbeddableIs401AndAPageWithoutMedia() {
    String base = gateway.base();
    assertThat(assertProblem(Http.get(oembed(base, "noembed", "")), 401).getString("detail")).contains("embedding");
    assertThat(assertProblem(Http.get(oembed(base, "noembed", "&format=xml")), 401).getString("detail")).contains("embedding");
    assertNoMediaPage(Http.get(base + "/embed/noembed"), "Not available for embedding");
    assertNoMediaPage(Http.get(base + "/embed/noembed?facade=1"), "Not available for embedding");
  }

  @Test
  @Overlay("rights.countryHeader=CF-IPCountry")
  void territoriesFollowTheTrustedCountryHeader() {
    String base = gateway.base();
    // inside: plays, and the answer says it varies by the header
    HttpResponse<String> de = Http.get(oembed(base, "geo1", ""), "CF-IPCountry", "DE");
    assertThat(de.statusCode()).isEqualTo(200);
    assertThat(de.headers().allValues("Vary")).contains("CF-IPCountry");
    assertThat(Http.get(base + "/embed/geo1", "CF-IPCountry", "DE").headers().allValues("Vary")).contains("CF-IPCountry");
    assertThat(Http.get(oembed(base, "geo1", ""), "CF-IPCountry", "at").statusCode()).isEqualTo(200);
    HttpResponse<String> dePage = Http.get(base + "/embed/geo1", "CF-IPCountry", "DE");
    assertThat(dePage.statusCode()).isEqualTo(200);
    assertThat(Jsoup.parse(dePage.body()).select("source")).isNotEmpty();
    // outside
    assertThat(assertProblem(Http.get(oembed(base, "geo1", ""), "CF-IPCountry", "FR"), 401).getString("detail"))
        .contains("country");
    assertNoMediaPage(Http.get(base + "/embed/geo1", "CF-IPCountry", "FR"), "Not available in your country");
    assertNoMediaPage(Http.get(base + "/media/geo1", "CF-IPCountry", "FR"), "Not available in your country");
    // unknown country (absent, Cloudflare's XX and T1, garbage): denied by default
    assertProblem(Http.get(oembed(base, "geo1", "")), 401);
    assertProblem(Http.get(oembed(base, "geo1", ""), "CF-IPCountry", "XX"), 401);
    assertProblem(Http.get(oembed(base, "geo1", ""), "CF-IPCountry", "T1"), 401);
    assertProblem(Http.get(oembed(base, "geo1", ""), "CF-IPCountry", "DEU"), 401);
    assertNoMediaPage(Http.get(base + "/embed/geo1"), "Not available in your country");
    // worldwide media ignores the header and does not vary by it
    HttpResponse<String> t1 = Http.get(oembed(base, "t1", ""), "CF-IPCountry", "FR");
    assertThat(t1.statusCode()).isEqualTo(200);
    assertThat(t1.headers().allValues("Vary")).doesNotContain("CF-IPCountry");
  }

  @Test
  @Overlay({"rights.countryHeader=CF-IPCountry", "rights.unknownCountry=allow"})
  void unknownCountryCanBeAllowed() {
    String base = gateway.base();
    assertThat(Http.get(oembed(base, "geo1", "")).statusCode()).isEqualTo(200);
    assertThat(Http.get(oembed(base, "geo1", ""), "CF-IPCountry", "XX").statusCode()).isEqualTo(200);
    // a known country outside the list is still refused
    assertProblem(Http.get(oembed(base, "geo1", ""), "CF-IPCountry", "FR"), 401);
  }

  @Test
  void anUntrustedCountryHeaderIsIgnored() {
    String base = gateway.base();
    // no rights.countryHeader: a viewer cannot claim a country
    assertProblem(Http.get(oembed(base, "geo1", ""), "CF-IPCountry", "DE"), 401);
    assertNoMediaPage(Http.get(base + "/embed/geo1", "CF-IPCountry", "DE"), "Not available in your country");
  }

  @Test
  void explicitIsFlaggedInOEmbedAndOnThePlayer() {
    String base = gateway.base();
    assertThat(Http.json(Http.get(oembed(base, "explicit1", ""))).getBoolean("explicit")).isTrue();
    assertThat(Http.json(Http.get(oembed(base, "t1", ""))).containsKey("explicit")).isFalse();
    Document xml = Jsoup.parse(Http.get(oembed(base, "explicit1", "&format=xml")).body(), "", org.jsoup.parser.Parser.xmlParser());
    assertThat(xml.select("oembed > explicit").text()).isEqualTo("true");
    Document page = Jsoup.parse(Http.get(base + "/embed/explicit1").body());
    assertThat(page.select(".pg-explicit").text()).isEqualTo("Explicit");
    assertThat(page.select("source")).isNotEmpty();
    // the facade shows the badge too (and its player, kept in a <template> until the click, has its own)
    assertThat(Jsoup.parse(Http.get(base + "/embed/explicit1?facade=1").body()).select(".pg-facade-root > .pg-explicit")).hasSize(1);
    assertThat(Jsoup.parse(Http.get(base + "/media/explicit1").body()).select(".pg-explicit")).hasSize(1);
    assertThat(Jsoup.parse(Http.get(base + "/embed/t1").body()).select(".pg-explicit")).isEmpty();
  }
}
