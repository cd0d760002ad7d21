package io.playgate.gateway.artwork;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/**
 * A catalogue folder for the embedded hub with real images of known sizes: {@code sq} (a 1000×1000 JPEG and a
 * 200×200 one), {@code wide} (a 1280×720 PNG video poster), {@code small} (a 100×50 JPEG), {@code bomb} (a PNG
 * whose header declares 50,000×50,000 px in under 100 bytes), {@code bare} (no artwork) and {@code hidden} (private).
 */
final class ArtworkFixture {

  private ArtworkFixture() {
  }

  /** @return a new catalogue folder under the system's temporary directory */
  static Path catalog() {
    try {
      Path dir = Files.createTempDirectory("artwork-catalog");
      Path media = Files.createDirectories(dir.resolve("media"));
      ImageIO.write(picture(1000, 1000), "jpg", media.resolve("sq-1000.jpg").toFile());
      ImageIO.write(picture(200, 200), "jpg", media.resolve("sq-200.jpg").toFile());
      ImageIO.write(picture(1280, 720), "png", media.resolve("wide.png").toFile());
      ImageIO.write(picture(100, 50), "jpg", media.resolve("small.jpg").toFile());
      Files.write(media.resolve("bomb.png"), bombPng(50_000, 50_000));
      JsonArray items = new JsonArray()
          .add(track("sq", "Square Song").put("artwork", new JsonArray().add(art("media/sq-200.jpg", 200, 200))
              .add(art("media/sq-1000.jpg", 1000, 1000))))
          .add(track("wide", "Wide Film").put("kind", "video").put("width", 1280).put("height", 720)
              .put("artwork", new JsonArray().add(art("media/wide.png", 1280, 720))))
          .add(track("small", "Small Art").put("artwork", new JsonArray().add(art("media/small.jpg", 100, 50))))
          .add(track("bomb", "Bomb Art").put("artwork", new JsonArray().add(art("media/bomb.png", 500, 500))))
          .add(track("bare", "No Art"))
          .add(track("hidden", "Hidden").put("visibility", "private")
              .put("artwork", new JsonArray().add(art("media/sq-200.jpg", 200, 200))));
      Files.writeString(dir.resolve("catalog.json"), new JsonObject().put("media", items).encodePrettily());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonObject track(String id, String title) {
    return new JsonObject().put("id", id).put("kind", "track").put("title", title)
        .put("artist", new JsonObject().put("name", "Fixture Artist")).put("durationMs", 1000)
        .put("streams", new JsonArray()).put("updatedAt", "2026-11-20T10:00:00Z");
  }

  private static JsonObject art(String url, int width, int height) {
    return new JsonObject().put("url", url).put("width", width).put("height", height);
  }

  /** A diagonal gradient with a red square in the top-left quarter, so scaling and aspect show. */
  static BufferedImage picture(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(0x20, 0x60, 0xc0), width, height, new Color(0xf0, 0xc0, 0x30)));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.RED);
    g.fillRect(0, 0, width / 2, height / 2);
    g.dispose();
    return image;
  }

  /**
   * A valid PNG whose IHDR declares {@code width}×{@code height} RGB pixels, with one tiny IDAT: decoding it would
   * allocate {@code width × height × 3} bytes (7.5 GB for 50,000²).
   */
  static byte[] bombPng(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
        .put((byte) 0).put((byte) 0).put((byte) 0).array());
    Deflater deflater = new Deflater();
    deflater.setInput(new byte[64]);
    deflater.finish();
    byte[] idat = new byte[128];
    int n = deflater.deflate(idat);
    chunk(out, "IDAT", java.util.Arrays.copyOf(idat, n));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
