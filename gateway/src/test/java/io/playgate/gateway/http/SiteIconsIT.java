package io.playgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The site icons: {@code /favicon.ico} is a real ICO (16, 32 and 48 px 32-bit entries whose pixels show the icon),
 * {@code /apple-touch-icon.png} a 180 px opaque PNG, {@code /icon.svg} an SVG document; each with its type, a strong
 * {@code ETag} and 304; and every kind of page links them (share, player, facade, unavailable, start and problem
 * pages).
 */
class SiteIconsIT {

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded().demoCatalog();

  @ParameterizedTest
  @CsvSource({"/favicon.ico, image/x-icon", "/icon.svg, image/svg+xml", "/apple-touch-icon.png, image/png"})
  void eachIconHasItsTypeAnEtagAndRevalidates(String path, String type) {
    HttpResponse<byte[]> r = Http.getBytes(gateway.base() + path);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(type);
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=86400");
    assertThat(r.body().length).isGreaterThan(100);
    String etag = r.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).matches("\"[0-9a-f]{32}\"");
    assertThat(Http.get(gateway.base() + path, "If-None-Match", etag).statusCode()).isEqualTo(304);
  }

  @Test
  void faviconIsARealIcoWithThreeSizes() {
    byte[] ico = Http.getBytes(gateway.base() + "/favicon.ico").body();
    ByteBuffer b = ByteBuffer.wrap(ico).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getShort(0)).as("reserved").isZero();
    assertThat(b.getShort(2)).as("type 1 = icon").isEqualTo((short) 1);
    assertThat(b.getShort(4)).as("images").isEqualTo((short) 3);
    int[] sizes = {16, 32, 48};
    for (int i = 0; i < sizes.length; i++) {
      int entry = 6 + 16 * i;
      int size = sizes[i];
      assertThat(b.get(entry) & 0xff).as("width").isEqualTo(size);
      assertThat(b.get(entry + 1) & 0xff).as("height").isEqualTo(size);
      assertThat(b.getShort(entry + 6)).as("bits per pixel").isEqualTo((short) 32);
      int length = b.getInt(entry + 8);
      int offset = b.getInt(entry + 12);
      int maskRow = ((size + 31) / 32) * 4;
      assertThat(length).isEqualTo(40 + size * size * 4 + maskRow * size);
      assertThat(offset + length).isLessThanOrEqualTo(ico.length);
      assertThat(b.getInt(offset)).as("BITMAPINFOHEADER").isEqualTo(40);
      assertThat(b.getInt(offset + 4)).isEqualTo(size);
      assertThat(b.getInt(offset + 8)).as("XOR and AND masks").isEqualTo(2 * size);
      // pixels are BGRA, bottom-up: a corner is transparent (rounded tile), the tile's edge is the accent colour
      int corner = b.getInt(offset + 40);
      assertThat(corner >>> 24).as("corner alpha").isZero();
      int row = size / 2;
      int left = b.getInt(offset + 40 + (row * size + size / 10) * 4);
      assertThat(left >>> 24).as("opaque inside the tile").isEqualTo(0xff);
    }
  }

  @Test
  void touchIconIsAnOpaque180PxPng() throws Exception {
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(
        Http.getBytes(gateway.base() + "/apple-touch-icon.png").body()));
    assertThat(png.getWidth()).isEqualTo(180);
    assertThat(png.getHeight()).isEqualTo(180);
    assertThat(png.getColorModel().hasAlpha()).isFalse();
    assertThat(png.getRGB(0, 0)).as("accent in the corner").isEqualTo(0xffe0475b);
    assertThat(png.getRGB(95, 90) & 0xffffff).as("the white play mark").isEqualTo(0xffffff);
  }

  @Test
  void svgIconIsAnSvgDocument() throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    org.w3c.dom.Document svg = f.newDocumentBuilder().parse(new ByteArrayInputStream(
        Http.getBytes(gateway.base() + "/icon.svg").body()));
    assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(svg.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
    assertThat(svg.getDocumentElement().getAttribute("viewBox")).isEqualTo("0 0 64 64");
    assertThat(svg.getElementsByTagNameNS("*", "script").getLength()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/media/sectoid-feelings", "/media/big-buck-bunny?facade=1", "/embed/playgate-demo-mix",
      "/embed/sectoid-feelings?facade=1", "/embed/renich-to-be-happy-no-embed", "/embed/nosuchid",
      "/media/sectoid-feelings-private"})
  void everyPageLinksTheIcons(String path) {
    HttpResponse<String> r = Http.get(gateway.base() + path, "Accept", "text/html");
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    Document page = Jsoup.parse(r.body(), gateway.base() + path);
    assertThat(page.select("head link[rel=icon][href=/favicon.ico]")).hasSize(1);
    assertThat(page.select("head link[rel=icon][type=image/svg+xml][href=/icon.svg]")).hasSize(1);
    assertThat(page.select("head link[rel=apple-touch-icon][href=/apple-touch-icon.png]")).hasSize(1);
    for (String href : page.select("head link[rel~=icon], head link[rel=apple-touch-icon]").eachAttr("abs:href")) {
      assertThat(Http.getBytes(href).statusCode()).as(href).isEqualTo(200);
    }
  }
}
