package io.playgate.gateway.oembed;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.widgets.PlayerSize;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * oEmbed sizes on the demo catalogue ({@code conf/catalog}): small video players keep their aspect ratio rounding
 * down (big-buck-bunny is 640×360, french-grand-prix-1906 is 428×320), list players grow into the room
 * {@code maxheight} gives up to all their rows (playgate-demo-mix has 8, sectoid-fof 4), and the {@code html} is
 * responsive on its own: {@code max-width:100%}, and for videos {@code aspect-ratio}.
 */
class OEmbedSizesIT {

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded().demoCatalog();

  private static final int ALL_8_ROWS = PlayerSize.LIST_CHROME_HEIGHT + 8 * PlayerSize.LIST_ROW_HEIGHT;
  private static final int ALL_4_ROWS = PlayerSize.LIST_CHROME_HEIGHT + 4 * PlayerSize.LIST_ROW_HEIGHT;

  @ParameterizedTest
  @CsvSource({
      "big-buck-bunny, &maxwidth=333&maxheight=110, 195, 110",
      "french-grand-prix-1906, &maxwidth=333&maxheight=110, 147, 110",
      "big-buck-bunny, &maxwidth=120, 120, 67",
      "big-buck-bunny, &maxwidth=121, 121, 68",
      "big-buck-bunny, &maxheight=68, 120, 68",
      "big-buck-bunny, '', 640, 360",
  })
  void videosScaleDownToSmallPlayers(String id, String query, int width, int height) {
    if (height < PlayerSize.VIDEO_MINIMUM.height()) {
      HttpResponse<String> r = Http.get(oembed(id, query));
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(Http.json(r).getString("detail")).contains(width + "×" + height).contains("120×68");
      return;
    }
    JsonObject o = json(id, query);
    assertThat(o.getInteger("width")).isEqualTo(width);
    assertThat(o.getInteger("height")).isEqualTo(height);
    Element iframe = iframe(o);
    assertThat(iframe.attr("width")).isEqualTo(String.valueOf(width));
    assertThat(iframe.attr("height")).isEqualTo(String.valueOf(height));
    assertThat(iframe.attr("style"))
        .isEqualTo("border:0;max-width:100%;height:auto;aspect-ratio:" + width + "/" + height);
  }

  @ParameterizedTest
  @CsvSource({
      "playgate-demo-mix, '', 560, 352, ",
      "playgate-demo-mix, &maxheight=2000, 560, " + ALL_8_ROWS + ", large",
      "playgate-demo-mix, &maxheight=420, 560, 420, large",
      "playgate-demo-mix, &maxheight=352, 560, 352, large",
      "playgate-demo-mix, &maxheight=351, 560, 152, compact",
      "playgate-demo-mix, &layout=large&maxheight=900&maxwidth=400, 400, " + ALL_8_ROWS + ", large",
      "playgate-demo-mix, &layout=compact&maxheight=900, 560, 152, compact",
      "playgate-demo-mix, &layout=large, 560, 352, large",
      "sectoid-fof, &maxheight=1000, 560, " + ALL_4_ROWS + ", large",
      "sectoid-feelings, &maxheight=1000, 560, 352, large",
  })
  void listsGrowIntoTheRoomMaxheightGivesUpToAllTheirRows(String id, String query, int width, int height,
      String layout) {
    JsonObject o = json(id, query);
    assertThat(o.getInteger("width")).isEqualTo(width);
    assertThat(o.getInteger("height")).isEqualTo(height);
    Element iframe = iframe(o);
    assertThat(iframe.attr("height")).isEqualTo(String.valueOf(height));
    assertThat(iframe.attr("style")).isEqualTo("border:0;max-width:100%");
    if (layout == null) {
      assertThat(iframe.attr("src")).doesNotContain("layout=");
    } else {
      assertThat(iframe.attr("src")).contains("layout=" + layout);
    }
  }

  @Test
  void xmlCarriesTheSameResponsiveSnippet() {
    JsonObject json = json("big-buck-bunny", "&maxwidth=333&maxheight=110");
    String xml = Http.get(oembed("big-buck-bunny", "&maxwidth=333&maxheight=110&format=xml")).body();
    String html = Jsoup.parse(xml, "", org.jsoup.parser.Parser.xmlParser()).selectFirst("html").text();
    assertThat(html).isEqualTo(json.getString("html"));
  }

  private static JsonObject json(String id, String query) {
    HttpResponse<String> r = Http.get(oembed(id, query));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Http.json(r);
  }

  private static Element iframe(JsonObject o) {
    var body = Jsoup.parseBodyFragment(o.getString("html")).body();
    assertThat(body.children()).hasSize(1);
    return body.child(0);
  }

  private static String oembed(String id, String query) {
    String url = gateway.base() + "/media/" + id;
    return gateway.base() + "/oembed?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8) + query;
  }
}
