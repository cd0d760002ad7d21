package io.playgate.gateway.artwork;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.TestGateway;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The social cards of the demo catalogue, as a crawler fetches them from the share page's {@code og:image}: PNG
 * copies land in {@code gateway/target/screenshots/social-card-<id>.png} to be looked at (the track's is
 * {@code docs/social-card.png}).
 */
class SocialCardIT {

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded().demoCatalog();

  @ParameterizedTest
  @ValueSource(strings = {"sectoid-feelings", "big-buck-bunny", "french-grand-prix-1906", "playgate-demo-mix"})
  void eachDemoItemHasADecodable1200x630CardWithItsArtwork(String id) throws Exception {
    HttpResponse<byte[]> r = Http.getBytes(gateway.base() + "/artwork/" + id + "/card.png");
    assertThat(r.statusCode()).isEqualTo(200);
    Path out = TestGateway.root().resolve("gateway/target/screenshots");
    Files.createDirectories(out);
    Files.write(out.resolve("social-card-" + id + ".png"), r.body());
    BufferedImage card = ImageIO.read(new ByteArrayInputStream(r.body()));
    assertThat(card.getWidth()).isEqualTo(1200);
    assertThat(card.getHeight()).isEqualTo(630);
    // the artwork (left) is not the flat background, and the play mark (a white disc) is drawn bottom right
    assertThat(distinctColours(card, 70, 160, 490, 310)).isGreaterThan(50);
    assertThat(whitePixels(card, 600, 440, 560, 140)).isGreaterThan(3000);
  }

  private static long whitePixels(BufferedImage image, int x, int y, int w, int h) {
    return java.util.stream.IntStream.range(0, w * h)
        .filter(i -> (image.getRGB(x + i % w, y + i / w) & 0xffffff) == 0xffffff).count();
  }

  private static long distinctColours(BufferedImage image, int x, int y, int w, int h) {
    return java.util.stream.IntStream.range(0, w * h).filter(i -> i % 97 == 0)
        .map(i -> image.getRGB(x + i % w, y + i / w)).distinct().count();
  }
}
