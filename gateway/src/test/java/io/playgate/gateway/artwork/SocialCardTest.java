package io.playgate.gateway.artwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The card's drawing and text fitting, without a gateway. */
class SocialCardTest {

  private static final String HOSTILE = "\"Quotes\" & <script>alert('x')</script> ]]> </iframe> \ud83c\udfb8 "
      + "\u05e9\u05dc\u05d5\u05dd \u202eevil\u202c\n\ttabs";

  private static FontMetrics metrics() {
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    g.setFont(new Font("DejaVu Sans", Font.BOLD, 56));
    return g.getFontMetrics();
  }

  @Test
  void longTitlesWrapToThreeLinesWithinTheWidthAndEndInAnEllipsis() {
    FontMetrics fm = metrics();
    String title = "A very long title that goes on and on about nothing in particular ".repeat(4);
    List<String> lines = SocialCard.wrap(title, fm, 500, 3);
    assertThat(lines).hasSize(3);
    assertThat(lines).allSatisfy(line -> assertThat(fm.stringWidth(line)).isLessThanOrEqualTo(500));
    assertThat(lines.get(2)).endsWith("…");
    assertThat(SocialCard.wrap("Short", fm, 500, 3)).containsExactly("Short");
    // one word wider than the line is cut, never left to overflow
    assertThat(SocialCard.wrap("W".repeat(80), fm, 500, 3))
        .allSatisfy(line -> assertThat(fm.stringWidth(line)).isLessThanOrEqualTo(500));
  }

  @Test
  void hostileTextIsDrawnAsTextOnAnOpaqueCard() {
    BufferedImage card = SocialCard.draw(ArtworkFixture.picture(300, 200), HOSTILE, HOSTILE, HOSTILE);
    assertThat(card.getWidth()).isEqualTo(1200);
    assertThat(card.getHeight()).isEqualTo(630);
    assertThat(card.getColorModel().hasAlpha()).isFalse();
    byte[] jpeg = ImageScaler.encode(card, ImageScaler.Format.JPG);
    assertThat(jpeg.length).isBetween(10_000, 400_000);
  }

  @Test
  void aCardWithoutArtworkHasAPlaceholder() {
    BufferedImage card = SocialCard.draw(null, "Title", null, "Playgate");
    assertThat(card.getWidth()).isEqualTo(1200);
    // the placeholder's play mark, white, in the middle of the artwork square
    assertThat(card.getRGB(70 + 245 - 40, 70 + 245) & 0xffffff).isEqualTo(0xffffff);
  }
}
