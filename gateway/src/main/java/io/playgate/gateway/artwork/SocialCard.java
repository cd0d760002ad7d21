package io.playgate.gateway.artwork;

import io.playgate.gateway.view.ArtworkLadder;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Draws the social card with Java2D: {@value ArtworkLadder#CARD_WIDTH}×{@value ArtworkLadder#CARD_HEIGHT} px
 * (the size Open Graph consumers and Twitter's {@code summary_large_image} show uncropped), the artwork on the left
 * (square, or wider for a landscape poster) on a background tinted by its average colour, and on the right the site's name, the title (up to three lines,
 * ellipsised), the artist and a play mark. Text is antialiased, in DejaVu Sans (the logical {@code SansSerif} font
 * where it is missing). Hub text is drawn, never interpreted. Blocking and CPU-heavy: call it on the artwork worker
 * pool only. Stateless; thread-safe.
 */
final class SocialCard {

  private static final int W = ArtworkLadder.CARD_WIDTH;
  private static final int H = ArtworkLadder.CARD_HEIGHT;
  private static final int MARGIN = 70;
  private static final int ART = H - 2 * MARGIN;
  /** The widest a landscape artwork (a video poster) is drawn, px; the text column keeps the rest. */
  private static final int MAX_ART_WIDTH = 620;
  private static final int GAP = 60;
  private static final String FAMILY = "DejaVu Sans";
  private static final Color DEFAULT_TINT = new Color(0x3b, 0x4a, 0x6b);

  private SocialCard() {
  }

  /**
   * @param artwork the decoded artwork, or {@code null} for a card without (a placeholder is drawn)
   * @param title the item's title, non-empty
   * @param artist the artist's name, or {@code null}
   * @param siteName the gateway's name ({@code oembed.providerName})
   * @return the card, {@value ArtworkLadder#CARD_WIDTH}×{@value ArtworkLadder#CARD_HEIGHT} px, opaque RGB
   */
  static BufferedImage draw(@Nullable BufferedImage artwork, String title, @Nullable String artist,
      String siteName) {
    BufferedImage card = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = card.createGraphics();
    try {
      quality(g);
      Color tint = artwork == null ? DEFAULT_TINT : averageColour(artwork);
      g.setPaint(new GradientPaint(0, 0, shade(tint, 0.55), W, H, shade(tint, 0.18)));
      g.fillRect(0, 0, W, H);
      Rectangle frame = frame(artwork);
      drawArtwork(g, artwork, frame, tint);
      int textX = MARGIN + frame.width + GAP;
      drawText(g, oneLine(title), artist == null ? null : oneLine(artist), oneLine(siteName), textX);
      drawPlayMark(g, textX, H - MARGIN - 96, 96, tint);
    } finally {
      g.dispose();
    }
    return card;
  }

  private static void quality(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
  }

  /**
   * Where the artwork goes: a square of the card's height less the margins, or for landscape artwork (a video
   * poster) a frame of its aspect up to {@value #MAX_ART_WIDTH} px wide, centred vertically.
   */
  private static Rectangle frame(@Nullable BufferedImage artwork) {
    double aspect = artwork == null ? 1.0 : (double) artwork.getWidth() / artwork.getHeight();
    if (aspect <= 1.1) {
      return new Rectangle(MARGIN, MARGIN, ART, ART);
    }
    int width = (int) Math.min(MAX_ART_WIDTH, Math.round(ART * aspect));
    int height = (int) Math.round(width / aspect);
    return new Rectangle(MARGIN, (H - height) / 2, width, height);
  }

  private static void drawArtwork(Graphics2D g, @Nullable BufferedImage artwork, Rectangle box, Color tint) {
    Shape frame = new RoundRectangle2D.Float(box.x, box.y, box.width, box.height, 28, 28);
    Shape clip = g.getClip();
    g.setClip(frame);
    if (artwork == null) {
      g.setPaint(new GradientPaint(box.x, box.y, shade(tint, 1.2), box.x + box.width, box.y + box.height,
          shade(tint, 0.7)));
      g.fill(frame);
      drawPlayMark(g, box.x + box.width / 2 - 80, box.y + box.height / 2 - 80, 160, tint);
    } else {
      // cover the frame: scale so both sides reach it, centre the overflowing one
      double scale = Math.max((double) box.width / artwork.getWidth(), (double) box.height / artwork.getHeight());
      int w = (int) Math.round(artwork.getWidth() * scale);
      int h = (int) Math.round(artwork.getHeight() * scale);
      g.drawImage(artwork, box.x + (box.width - w) / 2, box.y + (box.height - h) / 2, w, h, null);
    }
    g.setClip(clip);
    g.setColor(new Color(255, 255, 255, 40));
    g.setStroke(new BasicStroke(2f));
    g.draw(frame);
  }

  private static void drawText(Graphics2D g, String title, @Nullable String artist, String siteName, int textX) {
    int textWidth = W - textX - MARGIN;
    int y = MARGIN + 30;
    g.setFont(new Font(FAMILY, Font.BOLD, 26));
    g.setColor(new Color(255, 255, 255, 170));
    g.drawString(ellipsised(siteName.toUpperCase(java.util.Locale.ROOT), g.getFontMetrics(), textWidth), textX, y);
    y += 40;
    g.setFont(new Font(FAMILY, Font.BOLD, 56));
    g.setColor(Color.WHITE);
    FontMetrics titleMetrics = g.getFontMetrics();
    for (String line : wrap(title, titleMetrics, textWidth, 3)) {
      y += titleMetrics.getAscent() + 4;
      g.drawString(line, textX, y);
      y += titleMetrics.getDescent();
    }
    if (artist != null) {
      g.setFont(new Font(FAMILY, Font.PLAIN, 34));
      g.setColor(new Color(255, 255, 255, 215));
      y += 18 + g.getFontMetrics().getAscent();
      g.drawString(ellipsised(artist, g.getFontMetrics(), textWidth), textX, y);
    }
  }

  /** A filled white circle with a triangle pointing right, cut in the background's colour. */
  private static void drawPlayMark(Graphics2D g, int x, int y, int size, Color tint) {
    g.setColor(Color.WHITE);
    g.fill(new Ellipse2D.Float(x, y, size, size));
    Path2D.Float triangle = new Path2D.Float();
    float cx = x + size / 2f + size * 0.06f;
    float cy = y + size / 2f;
    float r = size * 0.26f;
    triangle.moveTo(cx - r * 0.8f, cy - r);
    triangle.lineTo(cx + r, cy);
    triangle.lineTo(cx - r * 0.8f, cy + r);
    triangle.closePath();
    g.setColor(shade(tint, 0.45));
    g.fill(triangle);
  }

  /** Greedy word wrap into at most {@code maxLines} lines; the last one ellipsised when text remains. */
  static List<String> wrap(String text, FontMetrics fm, int width, int maxLines) {
    List<String> lines = new ArrayList<>();
    String rest = text.strip();
    while (!rest.isEmpty() && lines.size() < maxLines) {
      if (lines.size() == maxLines - 1 || fm.stringWidth(rest) <= width) {
        lines.add(ellipsised(rest, fm, width));
        break;
      }
      int cut = rest.length();
      while (cut > 1 && fm.stringWidth(rest.substring(0, cut)) > width) {
        cut = rest.offsetByCodePoints(cut, -1);
      }
      int space = rest.lastIndexOf(' ', cut);
      int end = space > 0 ? space : cut;
      lines.add(rest.substring(0, end).strip());
      rest = rest.substring(end).strip();
    }
    return lines;
  }

  /** The text, cut at a code point boundary and ended with "…" when it is wider than {@code width}. */
  static String ellipsised(String text, FontMetrics fm, int width) {
    if (fm.stringWidth(text) <= width) {
      return text;
    }
    int cut = text.length();
    while (cut > 0 && fm.stringWidth(text.substring(0, cut) + "…") > width) {
      cut = text.offsetByCodePoints(cut, -1);
    }
    return text.substring(0, cut).strip() + "…";
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  private static Color averageColour(BufferedImage image) {
    int n = 16;
    BufferedImage small = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = small.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(image, 0, 0, n, n, null);
    } finally {
      g.dispose();
    }
    long r = 0;
    long gr = 0;
    long b = 0;
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        int rgb = small.getRGB(x, y);
        r += (rgb >> 16) & 0xff;
        gr += (rgb >> 8) & 0xff;
        b += rgb & 0xff;
      }
    }
    int count = n * n;
    return new Color((int) (r / count), (int) (gr / count), (int) (b / count));
  }

  private static Color shade(Color c, double factor) {
    return new Color(clamp(c.getRed() * factor), clamp(c.getGreen() * factor), clamp(c.getBlue() * factor));
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }
}
