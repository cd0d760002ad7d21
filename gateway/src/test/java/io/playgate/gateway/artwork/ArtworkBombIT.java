package io.playgate.gateway.artwork;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A decompression bomb among the hub's artwork: a PNG whose header declares 50,000 × 50,000 px (7.5 GB of pixels) in
 * under 100 bytes. Runs in the small-heap failsafe execution ({@code -Xmx96m}, gateway/pom.xml), so decoding it
 * would fail the JVM with an {@code OutOfMemoryError}: it must be refused from its header, as a 502 problem, and the
 * gateway must go on serving.
 */
class ArtworkBombIT {

  private static final Path CATALOG = ArtworkFixture.catalog();

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded().with("hub.catalog", CATALOG::toString);

  @Test
  void aBombIsRefusedFromItsHeaderAndTheCardIsDrawnWithoutIt() throws Exception {
    for (int round = 0; round < 3; round++) {
      HttpResponse<String> r = Http.get(gateway.base() + "/artwork/bomb/600.jpg");
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(r.body()).doesNotContain("50000").doesNotContain("Exception");
    }
    HttpResponse<byte[]> card = Http.getBytes(gateway.base() + "/artwork/bomb/card.jpg");
    assertThat(card.statusCode()).isEqualTo(200);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(card.body()));
    assertThat(image.getWidth()).isEqualTo(1200);
    assertThat(Http.getBytes(gateway.base() + "/artwork/sq/600.jpg").statusCode()).isEqualTo(200);
    Runtime rt = Runtime.getRuntime();
    System.out.println("artwork.bomb maxHeapMiB=" + rt.maxMemory() / (1 << 20));
  }
}
