import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the site icons from the geometry of {@code icon.svg} (a 64-unit square: accent tile, two gate posts, a
 * play mark) and writes {@code favicon.ico} (16, 32 and 48 px, 32-bit BMP entries with their AND masks, as every
 * browser and OS reads them) and {@code apple-touch-icon.png} (180 px, opaque: iOS rounds the corners itself).
 * Run from the repository root: {@code java embed-widgets/src/icons/MakeIcons.java}.
 */
public final class MakeIcons {

  private static final Path OUT = Path.of("embed-widgets/src/main/resources/io/playgate/widgets/icons");
  private static final Color ACCENT = new Color(0xe0, 0x47, 0x5b);

  public static void main(String[] args) throws IOException {
    int[] sizes = {16, 32, 48};
    BufferedImage[] images = new BufferedImage[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      images[i] = draw(sizes[i], true);
    }
    Files.write(OUT.resolve("favicon.ico"), ico(images));
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(draw(180, false), "png", png);
    Files.write(OUT.resolve("apple-touch-icon.png"), png.toByteArray());
  }

  private static BufferedImage draw(int size, boolean rounded) {
    BufferedImage img = new BufferedImage(size, size, rounded ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.scale(size / 64.0, size / 64.0);
    g.setColor(ACCENT);
    g.fill(rounded ? new RoundRectangle2D.Double(0, 0, 64, 64, 28, 28) : new java.awt.Rectangle(0, 0, 64, 64));
    g.setColor(new Color(255, 255, 255, 140));
    g.setStroke(new BasicStroke(5, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(new Line2D.Double(14, 14, 14, 50));
    g.draw(new Line2D.Double(50, 14, 50, 50));
    g.setColor(Color.WHITE);
    Path2D play = new Path2D.Double();
    play.moveTo(25, 19);
    play.lineTo(25, 45);
    play.lineTo(45, 32);
    play.closePath();
    g.fill(play);
    g.dispose();
    return img;
  }

  /** An ICO file: ICONDIR, one ICONDIRENTRY per image, then each image as a BITMAPINFOHEADER + BGRA + AND mask. */
  private static byte[] ico(BufferedImage[] images) {
    byte[][] bodies = new byte[images.length][];
    for (int i = 0; i < images.length; i++) {
      bodies[i] = bmp(images[i]);
    }
    int offset = 6 + 16 * images.length;
    int total = offset;
    for (byte[] b : bodies) {
      total += b.length;
    }
    ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    out.putShort((short) 0).putShort((short) 1).putShort((short) images.length);
    for (int i = 0; i < images.length; i++) {
      int size = images[i].getWidth();
      out.put((byte) size).put((byte) size).put((byte) 0).put((byte) 0);
      out.putShort((short) 1).putShort((short) 32).putInt(bodies[i].length).putInt(offset);
      offset += bodies[i].length;
    }
    for (byte[] b : bodies) {
      out.put(b);
    }
    return out.array();
  }

  private static byte[] bmp(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int maskRow = ((w + 31) / 32) * 4;
    ByteBuffer out = ByteBuffer.allocate(40 + w * h * 4 + maskRow * h).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(40).putInt(w).putInt(2 * h).putShort((short) 1).putShort((short) 32).putInt(0)
        .putInt(w * h * 4 + maskRow * h).putInt(0).putInt(0).putInt(0).putInt(0);
    for (int y = h - 1; y >= 0; y--) {
      for (int x = 0; x < w; x++) {
        int argb = img.getRGB(x, y);
        out.put((byte) argb).put((byte) (argb >> 8)).put((byte) (argb >> 16)).put((byte) (argb >>> 24));
      }
    }
    for (int y = h - 1; y >= 0; y--) {
      byte[] row = new byte[maskRow];
      for (int x = 0; x < w; x++) {
        if ((img.getRGB(x, y) >>> 24) == 0) {
          row[x / 8] |= (byte) (0x80 >> (x % 8));
        }
      }
      out.put(row);
    }
    return out.array();
  }
}
