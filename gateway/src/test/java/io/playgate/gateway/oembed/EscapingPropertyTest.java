package io.playgate.gateway.oembed;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.MediaItemParser;
import io.playgate.gateway.preview.OpenGraph;
import io.playgate.gateway.preview.StructuredData;
import io.playgate.gateway.view.EmbedSnippets;
import io.playgate.gateway.view.PlayerViews;
import io.playgate.widgets.PlayerOptions;
import io.playgate.widgets.PlayerView;
import io.playgate.widgets.ScriptJson;
import io.playgate.widgets.SharePageView;
import io.playgate.widgets.Templates;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/**
 * Output escaping in every context, property style: generated metadata strings made of the nastiest pieces (quotes,
 * angle brackets, {@code &}, {@code ]]>}, {@code </script>}, U+2028/U+2029, lone surrogates, emoji ZWJ sequences,
 * right-to-left text and overrides, …) reach the hub parser as JSON escapes, are rendered into every output context,
 * and are parsed back strictly: JSON (Jackson), XML (the JDK's parser with DOCTYPEs refused), HTML (jsoup, the HTML5
 * algorithm browsers use) for the player page's text and attributes, the share page's meta attributes, the
 * share page's JSON-LD {@code <script type="application/ld+json">} block (raw text to the HTML parser, then JSON), the
 * oEmbed {@code html} iframe inside JSON and XML, and the JSONP body. Each comes back equal to
 * {@link MediaItemParser#wellFormed(String)} of the input (the stated rule: lone surrogates, C0 controls but
 * TAB/LF/CR, U+FFFE/U+FFFF → U+FFFD), and each document has exactly the elements and attributes it has with a
 * plain title. The seed is printed; rerun one with {@code -Dplaygate.seed=…}.
 */
class EscapingPropertyTest {

  private static final PlayerViews VIEWS = new PlayerViews("https://play.example",
      new PlayerView.Assets("/widgets/p.css", "/widgets/p.js", "/widgets/f.js"));
  private static final Templates TEMPLATES = new Templates();
  private static final String[] ATOMS = {
      "\"", "'", "`", "<", ">", "&", "&amp;", "&#x41;", "]]>", "<![CDATA[", "</script>", "<script>", "<!--", "-->",
      "</iframe>", "<iframe src=javascript:alert(1)>", "<img src=x onerror=alert(1)>", "\u2028", "\u2029",
      "\uD800", "\uDFFF", "\uD83C", "\uDFB8", "👩\u200D👩\u200D👧\u200D👦", "🎸\u200D🔥", "שלום", "مرحبا", "\u202E",
      "\u202C", "\u200F", " ", "\t", "\n", "\r", "=", "/", "\\", "{{x}}", "${x}", "\u0000", "\u0007", "\uFFFE", "\uFEFF",
      "a", "Zz", "é", "中文", "javascript:", "data:text/html,", "%3Cscript%3E", "\\u2028", "\u00A0", "?&=#",
  };

  @Test
  void generatedStringsRoundTripInEveryContext() throws Exception {
    long seed = Long.getLong("playgate.seed", System.nanoTime());
    System.out.println("EscapingPropertyTest seed=" + seed + " (rerun with -Dplaygate.seed=" + seed + ")");
    Random random = new Random(seed);
    Rendered baseline = render("Plain title");
    for (int n = 0; n < 300; n++) {
      StringBuilder sb = new StringBuilder();
      int atoms = 1 + random.nextInt(12);
      for (int i = 0; i < atoms; i++) {
        sb.append(ATOMS[random.nextInt(ATOMS.length)]);
      }
      String input = sb.toString();
      String expected = MediaItemParser.wellFormed(input);
      Rendered r = render(input);
      String why = "seed=" + seed + " n=" + n + " input=" + escapeForMessage(input);
      assertThat(r.titles).as(why).allSatisfy(t -> assertThat(t.value).as(why + " in " + t.context).isEqualTo(expected));
      assertThat(r.shapes).as(why + ": no new elements or attributes").isEqualTo(baseline.shapes);
      assertThat(r.urls).as(why + ": only http(s) URLs in href/src").allMatch(u -> u.startsWith("https://")
          || u.startsWith("http://") || u.startsWith("/"));
    }
  }

  private record Found(String context, String value) {
  }

  private record Rendered(List<Found> titles, List<String> shapes, List<String> urls) {
  }

  private static Rendered render(String title) throws Exception {
    MediaItem item = item(title);
    List<Found> found = new ArrayList<>();
    List<String> shapes = new ArrayList<>();
    List<String> urls = new ArrayList<>();
    String iframeTitle = MediaItemParser.wellFormed(title) + " – " + MediaItemParser.wellFormed(title);

    // oEmbed JSON, and the html inside it
    OEmbedRequest json = new OEmbedRequest("https://hub.example/track/x1", "json", null, null, PlayerOptions.DEFAULTS);
    Buffer jsonBody = OEmbedResponse.render(item, json, VIEWS, TEMPLATES, "Playgate").body(5);
    JsonObject o = new JsonObject(jsonBody);
    found.add(new Found("json title", o.getString("title")));
    found.add(new Found("json author_name", o.getString("author_name")));
    shapes.add("json " + o.fieldNames());
    Element iframe = onlyIframe(o.getString("html"), shapes, urls);
    found.add(new Found("json html iframe title", strip(iframe.attr("title"), iframeTitle)));

    // JSONP: a JavaScript context; what the callback receives is the JSON between "cb(" and ");"
    String js = OEmbedHandler.jsonp("cb", jsonBody).toString(StandardCharsets.UTF_8);
    assertThat(js).startsWith("/**/cb(").endsWith(");").doesNotContain("\u2028").doesNotContain("\u2029");
    JsonObject fromJs = new JsonObject(js.substring("/**/cb(".length(), js.length() - 2));
    found.add(new Found("jsonp title", fromJs.getString("title")));

    // oEmbed XML, DTD-free parser
    OEmbedRequest xml = new OEmbedRequest("https://hub.example/track/x1", "xml", null, null, PlayerOptions.DEFAULTS);
    byte[] xmlBytes = OEmbedResponse.render(item, xml, VIEWS, TEMPLATES, "Playgate").body(5).getBytes();
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    f.setExpandEntityReferences(false);
    org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xmlBytes));
    found.add(new Found("xml title", text(doc, "title")));
    found.add(new Found("xml author_name", text(doc, "author_name")));
    shapes.add("xml " + doc.getDocumentElement().getChildNodes().getLength());
    Element xmlIframe = onlyIframe(text(doc, "html"), shapes, urls);
    found.add(new Found("xml html iframe title", strip(xmlIframe.attr("title"), iframeTitle)));

    // player page: HTML text, attributes
    PlayerView player = VIEWS.player(item, PlayerOptions.DEFAULTS);
    Document page = Jsoup.parse(new String(TEMPLATES.embedPage(player), StandardCharsets.UTF_8));
    found.add(new Found("player .pg-title text", page.selectFirst(".pg-title").wholeText()));
    String pageTitle = page.selectFirst("title").wholeText();
    found.add(new Found("player <title>", pageTitle.equals(iframeTitle + " · Playgate")
        ? MediaItemParser.wellFormed(title) : pageTitle));
    shapes.add("player " + shape(page));
    urls.addAll(urls(page));

    // share page: meta attributes, text; the Embed panel's snippet is text of a <textarea>
    String embedCode = new EmbedSnippets(VIEWS, TEMPLATES).snippet(item, PlayerOptions.DEFAULTS,
        EmbedSnippets.Box.NONE, null).html();
    SharePageView share = new SharePageView(player, "https://play.example/media/x1", title, "Playgate", "music.song",
        "https://play.example/embed/x1", "https://play.example/oembed?url=a&format=json",
        "https://play.example/oembed?url=a&format=xml", null, player.sources(),
        OpenGraph.properties(item, player, VIEWS), item.artist().name(), OpenGraph.summary(item, player),
        ScriptJson.of(StructuredData.of(item, player, VIEWS).encode()), VIEWS.card(item),
        List.of(new SharePageView.LinkList("album", item.title(), "https://play.example/media/x2",
            SharePageView.Numbering.ORDERED, List.of(new SharePageView.Link("https://play.example/media/x3",
                item.title(), item.title(), SharePageView.Target.OTHER_PAGE)))),
        new SharePageView.EmbedPanel(embedCode, "/oembed?url=a&format=json",
            List.of(new SharePageView.SizeChoice("", item.title())), true));
    String sharePage = new String(TEMPLATES.sharePage(share), StandardCharsets.UTF_8);
    Document sp = Jsoup.parse(sharePage);
    found.add(new Found("share og:title attribute", sp.select("meta[property=og:title]").attr("content")));
    found.add(new Found("share author attribute", sp.select("meta[name=author]").attr("content")));
    found.add(new Found("share twitter:description attribute",
        sp.select("meta[name='twitter:description']").attr("content")));
    // the social card's alternative text is "title by artist": the test title is both
    String cardAlt = sp.select("meta[property=og:image:alt]").attr("content");
    String wellFormed = MediaItemParser.wellFormed(title);
    found.add(new Found("share og:image:alt attribute",
        cardAlt.equals(wellFormed + " by " + wellFormed) ? wellFormed : cardAlt));
    found.add(new Found("share h1 text", sp.selectFirst("h1").wholeText()));
    assertThat(sp.selectFirst("#pg-embed-code").wholeText()).isEqualTo(embedCode);
    found.add(new Found("share embed code iframe title",
        strip(onlyIframe(embedCode, shapes, urls).attr("title"), iframeTitle)));
    found.add(new Found("share size choice", sp.selectFirst("#pg-embed-size option").wholeText()));
    found.add(new Found("share related heading", sp.selectFirst(".pg-related h2").wholeText()));
    found.add(new Found("share related link", sp.selectFirst(".pg-related-list a").wholeText()));
    found.add(new Found("share related detail", sp.selectFirst(".pg-related-detail").wholeText()));

    // share page JSON-LD: a <script> data block, raw text for the HTML parser; what a JSON parser reads back
    assertThat(sp.select("script[type=application/ld+json]")).hasSize(1);
    String ldText = sp.selectFirst("script[type=application/ld+json]").data();
    assertThat(ldText).doesNotContain("<").doesNotContain(">").doesNotContain("&")
        .doesNotContain("\u2028").doesNotContain("\u2029");
    JsonObject ld = new JsonObject(ldText);
    found.add(new Found("json-ld name", ld.getString("name")));
    found.add(new Found("json-ld byArtist.name", ld.getJsonObject("byArtist").getString("name")));
    found.add(new Found("json-ld description", ld.getString("description")));
    shapes.add("json-ld " + ld.fieldNames());
    shapes.add("share " + shape(sp));
    urls.addAll(urls(sp));
    return new Rendered(found, shapes, urls);
  }

  /** The iframe title is "title – artist": the test title is both. */
  private static String strip(String iframeTitle, String expectedWhole) {
    return iframeTitle.equals(expectedWhole) ? expectedWhole.substring(0, expectedWhole.indexOf(" – "))
        : iframeTitle;
  }

  private static Element onlyIframe(String html, List<String> shapes, List<String> urls) {
    Document d = Jsoup.parseBodyFragment(html);
    shapes.add("fragment " + shape(d));
    urls.addAll(urls(d));
    assertThat(d.body().children()).hasSize(1);
    Element iframe = d.body().child(0);
    assertThat(iframe.tagName()).isEqualTo("iframe");
    assertThat(iframe.attr("src")).startsWith("https://play.example/embed/");
    return iframe;
  }

  /** Every element's tag and attribute names, in document order. */
  private static String shape(Document d) {
    return d.getAllElements().stream()
        .map(e -> e.tagName() + e.attributes().asList().stream().map(a -> a.getKey()).sorted().toList())
        .collect(Collectors.joining(" "));
  }

  private static List<String> urls(Document d) {
    List<String> out = new ArrayList<>();
    for (Element e : d.select("[href], [src]")) {
      if (e.hasAttr("href")) {
        out.add(e.attr("href"));
      }
      if (e.hasAttr("src")) {
        out.add(e.attr("src"));
      }
    }
    return out;
  }

  private static String text(org.w3c.dom.Document doc, String tag) {
    NodeList nl = doc.getElementsByTagName(tag);
    assertThat(nl.getLength()).isEqualTo(1);
    return nl.item(0).getTextContent();
  }

  /** A MediaItem as the hub would send it: the title in JSON escapes (so lone surrogates can travel). */
  private static MediaItem item(String title) {
    String t = jsonString(title);
    String body = "{\"id\":\"x1\",\"kind\":\"track\",\"title\":" + t + ",\"pageUrl\":\"https://hub.example/track/x1\","
        + "\"description\":" + t + ",\"artist\":{\"name\":" + t + ",\"url\":\"https://hub.example/a\"},"
        + "\"artwork\":[{\"url\":\"https://hub.example/a.jpg\",\"width\":300,\"height\":300}],"
        + "\"streams\":[{\"url\":\"https://hub.example/a.opus\",\"mimeType\":\"audio/ogg\"}]}";
    return MediaItemParser.parse(Buffer.buffer(body), "x1");
  }

  private static String jsonString(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  private static String escapeForMessage(String s) {
    return jsonString(s);
  }
}
