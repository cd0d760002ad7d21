package io.playgate.gateway.artwork;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.LogCapture;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code /artwork/{id}/{size}.{jpg|png}} and the social card against a real gateway on an embedded hub serving real
 * images ({@link ArtworkFixture}): ladder steps, aspect, no upscaling, ETag and 304, 404s for what the hub does not
 * list, the card's size and the thread it is drawn on, and the oEmbed thumbnails and share page that name them.
 */
class ArtworkIT {

  private static final Path CATALOG = ArtworkFixture.catalog();

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded().with("hub.catalog", CATALOG::toString);

  private static BufferedImage image(HttpResponse<byte[]> r) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
    assertThat(image).as("decodable image").isNotNull();
    return image;
  }

  @ParameterizedTest(name = "{0}/{1} -> {2}x{3}")
  @CsvSource({
      "sq,    64.jpg,  64,  64",
      "sq,    65.jpg,  128, 128",
      "sq,    1.png,   64,  64",
      "sq,    300.jpg, 300, 300",
      "sq,    600.jpg, 600, 600",
      "wide,  300.jpg, 300, 169",
      "wide,  600.png, 600, 338",
      "small, 600.jpg, 100, 50",
      "small, 64.jpg,  64,  32",
  })
  void scalesToTheNextStepUpKeepingAspectAndNeverUpscaling(String id, String file, int width, int height)
      throws Exception {
    HttpResponse<byte[]> r = Http.getBytes(gateway.base() + "/artwork/" + id + "/" + file);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(file.endsWith(".png") ? "image/png" : "image/jpeg");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    BufferedImage image = image(r);
    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
  }

  @Test
  void strongEtagLongCacheControlAnd304() {
    String url = gateway.base() + "/artwork/sq/128.jpg";
    HttpResponse<byte[]> first = Http.getBytes(url);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).matches("\"[0-9a-f]{32}\"");
    assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=86400");
    HttpResponse<byte[]> again = Http.getBytes(url);
    assertThat(again.headers().firstValue("ETag")).hasValue(etag);
    assertThat(again.body()).isEqualTo(first.body());
    HttpResponse<byte[]> notModified = Http.getBytes(url, "If-None-Match", etag);
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();
    assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);
    // a request between steps is the same image as its step
    assertThat(Http.getBytes(gateway.base() + "/artwork/sq/100.jpg").headers().firstValue("ETag")).hasValue(etag);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "/artwork/nobody/300.jpg, 404",
      "/artwork/bare/300.jpg,   404",
      "/artwork/hidden/300.jpg, 404",
      "/artwork/hidden/card.jpg, 404",
      "/artwork/sq/601.jpg,     404",
      "/artwork/sq/0.jpg,       404",
      "/artwork/sq/300.webp,    404",
      "/artwork/sq/300.gif,     404",
      "/artwork/sq/-1.jpg,      404",
      "/artwork/bad%20id/300.jpg, 404",
  })
  void whatTheHubDoesNotListIsANotFoundProblem(String path, int status) {
    HttpResponse<String> r = Http.get(gateway.base() + path);
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Http.json(r).getInteger("status")).isEqualTo(status);
  }

  @Test
  void theCardIs1200x630AndDrawnOnTheArtworkWorkerPool() throws Exception {
    try (LogCapture log = LogCapture.of(ArtworkService.class.getName(), Level.DEBUG)) {
      HttpResponse<byte[]> r = Http.getBytes(gateway.base() + "/artwork/sq/card.jpg");
      assertThat(r.statusCode()).isEqualTo(200);
      BufferedImage card = image(r);
      assertThat(card.getWidth()).isEqualTo(1200);
      assertThat(card.getHeight()).isEqualTo(630);
      Optional<ILoggingEvent> render = log.await(e -> e.getFormattedMessage().startsWith(
          "artwork.render id=sq variant=card.jpg "), Duration.ofSeconds(10));
      assertThat(render).isPresent();
      assertThat(render.get().getFormattedMessage()).containsPattern(" thread=playgate-artwork-\\d+ ");
      assertThat(render.get().getThreadName()).startsWith("playgate-artwork-");
    }
  }

  @Test
  void anItemWithoutArtworkStillHasACard() throws Exception {
    HttpResponse<byte[]> r = Http.getBytes(gateway.base() + "/artwork/bare/card.png");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(image(r).getWidth()).isEqualTo(1200);
  }

  @ParameterizedTest(name = "{0} maxwidth={1} maxheight={2}")
  @CsvSource({
      "sq,   ,    ,    600, 600",
      "sq,   400, ,    300, 300",
      "sq,   250, ,    128, 128",
      "sq,   ,    152, 128, 128",
      "wide, 400, ,    300, 169",
      "small, 200, ,   100, 50",
  })
  void oembedThumbnailsFitMaxwidthAndMaxheight(String id, Integer maxWidth, Integer maxHeight, int width, int height)
      throws Exception {
    String url = gateway.base() + "/oembed?url=" + URLEncoder.encode(gateway.base() + "/media/" + id,
        StandardCharsets.UTF_8) + (maxWidth == null ? "" : "&maxwidth=" + maxWidth)
        + (maxHeight == null ? "" : "&maxheight=" + maxHeight);
    HttpResponse<String> r = Http.get(url);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject o = Http.json(r);
    assertThat(o.getInteger("thumbnail_width")).isEqualTo(width);
    assertThat(o.getInteger("thumbnail_height")).isEqualTo(height);
    HttpResponse<byte[]> thumb = Http.getBytes(o.getString("thumbnail_url"));
    BufferedImage image = image(thumb);
    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
  }

  @Test
  void noThumbnailWhenNoStepFits() {
    String url = gateway.base() + "/oembed?url=" + URLEncoder.encode(gateway.base() + "/media/sq",
        StandardCharsets.UTF_8) + "&maxwidth=560&maxheight=60";
    JsonObject o = Http.json(Http.get(url));
    assertThat(o.containsKey("thumbnail_url")).isFalse();
    assertThat(o.containsKey("thumbnail_width")).isFalse();
  }

  @Test
  void theSharePageNamesTheCard() throws Exception {
    Document page = Jsoup.parse(Http.get(gateway.base() + "/media/sq").body());
    String card = gateway.base() + "/artwork/sq/card.jpg";
    assertThat(page.select("meta[property=og:image]").attr("content")).isEqualTo(card);
    assertThat(page.select("meta[property=og:image:width]").attr("content")).isEqualTo("1200");
    assertThat(page.select("meta[property=og:image:height]").attr("content")).isEqualTo("630");
    assertThat(page.select("meta[property=og:image:alt]").attr("content")).isEqualTo("Square Song by Fixture Artist");
    assertThat(page.select("meta[name=twitter:image]").attr("content")).isEqualTo(card);
    assertThat(Http.getBytes(card).statusCode()).isEqualTo(200);
  }
}
