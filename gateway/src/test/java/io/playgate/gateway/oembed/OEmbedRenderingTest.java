package io.playgate.gateway.oembed;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.MediaItemParser;
import io.playgate.gateway.view.PlayerViews;
import io.playgate.widgets.PlayerOptions;
import io.playgate.widgets.PlayerView;
import io.playgate.widgets.SharePageView;
import io.playgate.widgets.Templates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.NodeList;

/** Hostile titles rendered into JSON, XML and HTML come back exactly when parsed, and no markup escapes. */
class OEmbedRenderingTest {

  private static final PlayerViews VIEWS = new PlayerViews("https://play.example", new PlayerView.Assets("/widgets/p.css", "/widgets/p.js", "/widgets/f.js", "/widgets/s.js"));
  private static final Templates TEMPLATES = new Templates();

  private static MediaItem item(String title, String artist) {
    JsonObject json = new JsonObject().put("id", "x1").put("kind", "track").put("title", title)
        .put("pageUrl", "https://hub.example/track/x1").put("description", title)
        .put("artist", new JsonObject().put("name", artist).put("url", "https://hub.example/a"))
        .put("artwork", new JsonArray().add(new JsonObject().put("url", "https://hub.example/a.jpg").put("width", 300).put("height", 300)))
        .put("streams", new JsonArray().add(new JsonObject().put("url", "https://hub.example/a.opus").put("mimeType", "audio/ogg")));
    return MediaItemParser.parse(json.toBuffer(), "x1");
  }

  private static OEmbedRequest request(String format) {
    return new OEmbedRequest("https://hub.example/track/x1", format, 400, null, PlayerOptions.DEFAULTS);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\"double\" 'single' `back`",
      "<script>alert(1)</script>",
      "]]> <![CDATA[ x ]]>",
      "Tom & Jerry &amp; &#x41;",
      "🎸‍🔥 👩‍👩‍👧‍👦 emoji ZWJ",
      "שלום עולם right-to-left \u202Eevil\u202C",
      "</iframe><iframe src=javascript:alert(1)>",
      "line\nbreak\ttab \u2028 \u2029",
  })
  void titleRoundTripsInJsonXmlAndHtml(String title) throws Exception {
    MediaItem item = item(title, title);

    JsonObject json = new JsonObject(OEmbedResponse.render(item, request("json"), VIEWS, TEMPLATES, "Playgate").body(42));
    assertThat(json.getString("title")).isEqualTo(title);
    assertThat(json.getString("author_name")).isEqualTo(title);
    assertThat(json.getInteger("cache_age")).isEqualTo(42);
    assertIframe(json.getString("html"), title + " – " + title);

    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    byte[] xml = OEmbedResponse.render(item, request("xml"), VIEWS, TEMPLATES, "Playgate").body(7).getBytes();
    assertThat(new String(xml, StandardCharsets.UTF_8)).doesNotContain("<![CDATA[");
    org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("oembed");
    assertThat(text(doc, "title")).isEqualTo(title);
    assertThat(text(doc, "cache_age")).isEqualTo("7");
    assertThat(doc.getDocumentElement().getChildNodes().getLength()).isEqualTo(14);
    assertIframe(text(doc, "html"), title + " – " + title);

    PlayerView player = VIEWS.player(item, PlayerOptions.DEFAULTS);
    Document page = Jsoup.parse(new String(TEMPLATES.embedPage(player), StandardCharsets.UTF_8));
    assertThat(page.select(".pg-title").first().wholeText()).isEqualTo(title);
    assertThat(page.select("script")).hasSize(1);
    assertThat(page.select("iframe, img[onerror], [onerror]")).isEmpty();
    assertThat(page.select("audio").attr("aria-label")).isEqualTo(title);

    SharePageView share = new SharePageView(player, "https://play.example/media/x1", title, "Playgate", "music.song",
        "https://play.example/embed/x1", "https://play.example/oembed?url=a&format=json", "https://play.example/oembed?url=a&format=xml", null);
    Document sp = Jsoup.parse(new String(TEMPLATES.sharePage(share), StandardCharsets.UTF_8));
    assertThat(sp.select("meta[property=og:title]").attr("content")).isEqualTo(title);
    assertThat(sp.select("meta[name=description]").attr("content")).isEqualTo(title);
    assertThat(sp.select("h1").first().wholeText()).isEqualTo(title);
    assertThat(sp.select("link[type=application/json+oembed]").attr("href")).isEqualTo("https://play.example/oembed?url=a&format=json");
    // the player and the Embed panel's script, both files: no inline script
    assertThat(sp.select("script").eachAttr("src")).containsExactly("/widgets/p.js", "/widgets/s.js");
  }

  private static void assertIframe(String html, String expectedTitle) {
    Document d = Jsoup.parseBodyFragment(html);
    List<Element> all = d.body().children();
    assertThat(all).hasSize(1);
    Element iframe = all.get(0);
    assertThat(iframe.tagName()).isEqualTo("iframe");
    assertThat(iframe.children()).isEmpty();
    assertThat(iframe.attr("src")).isEqualTo("https://play.example/embed/x1");
    assertThat(iframe.attr("title")).isEqualTo(expectedTitle);
    assertThat(iframe.attributes().asList()).extracting(a -> a.getKey())
        .containsExactlyInAnyOrder("src", "width", "height", "title", "loading", "allow", "allowfullscreen",
            "referrerpolicy", "style");
  }

  private static String text(org.w3c.dom.Document doc, String tag) {
    NodeList nl = doc.getElementsByTagName(tag);
    assertThat(nl.getLength()).isEqualTo(1);
    return nl.item(0).getTextContent();
  }
}
