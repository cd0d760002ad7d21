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

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import java.net.http.HttpResponse;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The default demo catalogue ({@code conf/catalog}) carries one item per rights case (private, unlisted, not
 * embeddable, territory-limited, explicit), so the README's commands show each; signed URLs play the hidden ones.
 */
class DemoCatalogueIT {

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded().demoCatalog()
      .with("partners.list", PARTNERS).with("partners.signingSecret", SECRET)
      .with("rights.countryHeader", "CF-IPCountry");

  @Test
  void theDemoCatalogueShowsEveryRightsCase() {
    String base = gateway.base();
    for (String id : new String[] {"sectoid-feelings-private", "muldjord-armygeddon-unlisted"}) {
      assertForbiddenPage(Http.get(base + "/embed/" + id));
      assertProblem(Http.get(oembed(base, id, "")), 401);
      HttpResponse<String> minted = post(base + "/partner/sign", "{\"id\": \"" + id + "\"}",
          "Authorization", "Bearer " + ACME_KEY);
      assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
      assertPlays(Http.get(Http.json(minted).getString("url")));
    }
    assertProblem(Http.get(oembed(base, "renich-to-be-happy-no-embed", "")), 401);
    assertThat(Http.get(base + "/embed/renich-to-be-happy-no-embed").body()).contains("Not available for embedding");
    assertPlays(Http.get(base + "/media/renich-to-be-happy-no-embed"));
    String geo = "gloumouth1-descente-infinie-de-at";
    assertProblem(Http.get(oembed(base, geo, "")), 401);
    assertProblem(Http.get(oembed(base, geo, ""), "CF-IPCountry", "FR"), 401);
    assertThat(Http.get(oembed(base, geo, ""), "CF-IPCountry", "DE").statusCode()).isEqualTo(200);
    assertThat(Http.json(Http.get(oembed(base, "muldjord-chaos-god", ""))).getBoolean("explicit")).isTrue();
    // the start page lists neither private nor unlisted items
    Document index = Jsoup.parse(Http.get(base + "/").body());
    assertThat(index.select("a[href]").eachAttr("href"))
        .anyMatch(h -> h.endsWith("/media/renich-to-be-happy-no-embed"))
        .noneMatch(h -> h.contains("sectoid-feelings-private") || h.contains("muldjord-armygeddon-unlisted"));
  }
}
