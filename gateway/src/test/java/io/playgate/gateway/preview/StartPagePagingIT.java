package io.playgate.gateway.preview;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.catalog.CatalogGenerator;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.TestGateway;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway on the generated Chinook catalogue (3,868 items, read through its index): the start page pages through
 * it 50 at a time, and a playlist of 3,290 tracks comes capped through the hub and plays.
 */
class StartPagePagingIT {

  private static final Path CATALOG = TestGateway.root().resolve("gateway/target/it-catalog-chinook");

  /** Generated on the test thread before the gateway starts (a few seconds; reused while target/ lives). */
  private static final String FOLDER = chinook();

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded().with("hub.catalog", FOLDER);

  private static String chinook() {
    try {
      if (!CATALOG.resolve("catalog.index").toFile().isFile()) {
        CatalogGenerator.chinook(TestGateway.demoCatalog(), CATALOG);
      }
      return CATALOG.toString();
    } catch (Exception e) {
      throw new IllegalStateException("cannot generate the Chinook catalogue", e);
    }
  }

  private static Document page(String query) {
    HttpResponse<String> r = Http.get(gateway.base() + "/" + query);
    assertThat(r.statusCode()).as(query).isEqualTo(200);
    return Jsoup.parse(r.body());
  }

  @Test
  void theFirstPageListsFiftyItemsAndLinksToTheNext() {
    Document d = page("");
    assertThat(d.select(".pg-index-item")).hasSize(CatalogIndexHandler.PAGE_SIZE);
    assertThat(d.selectFirst(".pg-index-item .pg-title").attr("href")).isEqualTo(gateway.base() + "/media/ck-t1");
    assertThat(d.selectFirst(".pg-index-item .pg-title").text()).isEqualTo("For Those About To Rock (We Salute You)");
    assertThat(d.select("a[rel=prev]")).isEmpty();
    assertThat(d.selectFirst("a[rel=next]").attr("href")).isEqualTo(gateway.base() + "/?page=2");
    assertThat(d.selectFirst(".pg-index-pages").text()).contains("Page 1 of 78 (3868 items)");
    assertThat(page("?page=1").select(".pg-index-item .pg-title").eachAttr("href"))
        .isEqualTo(d.select(".pg-index-item .pg-title").eachAttr("href"));
  }

  @Test
  void aMiddlePageFollowsOnAndTheLastHasNoNext() {
    Document second = page("?page=2");
    assertThat(second.selectFirst(".pg-index-item .pg-title").attr("href")).isEqualTo(gateway.base() + "/media/ck-t51");
    assertThat(second.selectFirst("a[rel=prev]").attr("href")).isEqualTo(gateway.base() + "/?page=1");
    assertThat(second.selectFirst("a[rel=next]").attr("href")).isEqualTo(gateway.base() + "/?page=3");
    Document last = page("?page=78");
    // the last 18 entries are the playlists, the empty ones too
    assertThat(last.select(".pg-index-item .pg-title").eachAttr("href"))
        .contains(gateway.base() + "/media/ck-pl1", gateway.base() + "/media/ck-pl2", gateway.base() + "/media/ck-pl18")
        .hasSize(18);
    assertThat(last.select("a[rel=next]")).isEmpty();
    assertThat(last.selectFirst("a[rel=prev]").attr("href")).isEqualTo(gateway.base() + "/?page=77");
  }

  @ParameterizedTest
  @ValueSource(strings = {"?page=0", "?page=x", "?page=-1", "?page=1.5", "?page=", "?page=1&page=2",
      "?page=99999999999"})
  void aBadPageIsA400(String query) {
    HttpResponse<String> problem = Http.get(gateway.base() + "/" + query);
    assertThat(problem.statusCode()).isEqualTo(400);
    assertThat(problem.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.startsWith("application/problem+json"));
    HttpResponse<String> html = Http.get(gateway.base() + "/" + query, "Accept", "text/html");
    assertThat(html.statusCode()).isEqualTo(400);
    assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.startsWith("text/html"));
    // the person debugging the link reads which parameter was wrong
    assertThat(org.jsoup.Jsoup.parse(html.body()).text()).contains(Http.json(problem).getString("detail"));
  }

  @Test
  void aPagePastTheLastIsA404() {
    HttpResponse<String> problem = Http.get(gateway.base() + "/?page=79");
    assertThat(problem.statusCode()).isEqualTo(404);
    assertThat(Http.json(problem).getString("detail")).isEqualTo("there is no page 79: the catalogue has 78 pages");
    HttpResponse<String> html = Http.get(gateway.base() + "/?page=79", "Accept", "text/html");
    assertThat(html.statusCode()).isEqualTo(404);
    assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.startsWith("text/html"));
  }

  @Test
  void aPlaylistOver3290TracksIsCappedOnTheWireAndPlays() {
    HttpResponse<String> embed = Http.get(gateway.base() + "/embed/ck-pl1");
    assertThat(embed.statusCode()).isEqualTo(200);
    assertThat(Jsoup.parse(embed.body()).select("li.pg-row")).as("the first members, as the hub sent them")
        .hasSize(io.playgate.hub.local.Catalog.MAX_MEMBERS);
    String url = URLEncoder.encode(gateway.base() + "/media/ck-pl1", StandardCharsets.UTF_8);
    assertThat(Http.get(gateway.base() + "/oembed?url=" + url).statusCode()).isEqualTo(200);
    assertThat(Http.get(gateway.base() + "/media/ck-pl1").body()).contains("ck-t1").doesNotContain("/media/ck-t3503\"");
    assertThat(Http.get(gateway.base() + "/embed/ck-pl2").statusCode()).as("an empty playlist").isEqualTo(200);
  }
}
