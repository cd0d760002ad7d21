package io.playgate.gateway.artwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Decoding limits and scaling, without a gateway. */
class ImageScalerTest {

  private static byte[] png(BufferedImage image) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  @Test
  void thePixelCapIsCheckedAgainstTheHeader() throws Exception {
    byte[] bomb = ArtworkFixture.bombPng(50_000, 50_000);
    assertThat(bomb.length).isLessThan(200);
    assertThatThrownBy(() -> ImageScaler.decode(bomb, 4096L * 4096, 600))
        .isInstanceOf(ArtworkException.class).hasMessageContaining("declares 50000x50000 px");
    // the same cap refuses a real image one pixel too large, and lets it through at its exact size
    byte[] real = png(ArtworkFixture.picture(100, 50));
    assertThatThrownBy(() -> ImageScaler.decode(real, 4999, 600)).isInstanceOf(ArtworkException.class);
    assertThat(ImageScaler.decode(real, 5000, 600).getWidth()).isEqualTo(100);
  }

  @Test
  void notAnImageIsRefused() {
    assertThatThrownBy(() -> ImageScaler.decode("<html>".getBytes(), 1000, 64))
        .isInstanceOf(ArtworkException.class).hasMessageContaining("not an image format");
  }

  @Test
  void aLargeSourceIsSubsampledWhileDecodedAndScaledToTheBox() throws Exception {
    byte[] large = png(ArtworkFixture.picture(2000, 1000));
    BufferedImage decoded = ImageScaler.decode(large, 4096L * 4096, 64);
    assertThat(decoded.getWidth()).isLessThan(2000).isGreaterThanOrEqualTo(128);
    BufferedImage scaled = ImageIO.read(new ByteArrayInputStream(
        ImageScaler.scale(decoded, 64, ImageScaler.Format.JPG)));
    assertThat(scaled.getWidth()).isEqualTo(64);
    assertThat(scaled.getHeight()).isEqualTo(32);
  }

  @Test
  void transparencyIsFlattenedForJpeg() throws Exception {
    BufferedImage argb = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB);
    BufferedImage jpeg = ImageIO.read(new ByteArrayInputStream(ImageScaler.encode(argb, ImageScaler.Format.JPG)));
    assertThat(jpeg.getColorModel().hasAlpha()).isFalse();
    assertThat(jpeg.getRGB(5, 5) & 0xffffff).isGreaterThan(0xf0f0f0);
  }
}
