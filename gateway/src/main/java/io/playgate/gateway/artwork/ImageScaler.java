package io.playgate.gateway.artwork;

import io.playgate.gateway.view.ArtworkLadder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Decodes hub artwork defensively and scales it with Thumbnailator. Decoding reads the image header first and refuses
 * an image of more than the allowed pixel count before any pixel buffer is allocated (a PNG may declare 50,000 ×
 * 50,000 px in a few hundred bytes); a source much larger than needed is subsampled while it is decoded. Blocking
 * and CPU-heavy: call it on the artwork worker pool only, never on an event loop. Stateless; thread-safe.
 */
final class ImageScaler {

  /** JPEG quality, 0..1 (ImageIO's compression quality). */
  static final double JPEG_QUALITY = 0.85;

  static {
    // no temporary files for image streams: sources are in memory already
    ImageIO.setUseCache(false);
  }

  private ImageScaler() {
  }

  /** The output formats: file extension, ImageIO format name and media type. */
  enum Format {
    JPG("jpg", "image/jpeg"),
    PNG("png", "image/png");

    final String extension;
    final String mediaType;

    Format(String extension, String mediaType) {
      this.extension = extension;
      this.mediaType = mediaType;
    }
  }

  /**
   * @param bytes an encoded image (JPEG, PNG, GIF or BMP: what the JDK's ImageIO reads)
   * @param maxPixels the most pixels (width × height) accepted, checked against the header before decoding
   * @param neededPx the largest side the caller will draw it at, px; the decoder subsamples a source at least twice
   *     as large
   * @return the decoded image (possibly subsampled)
   * @throws ArtworkException when it is no image ImageIO reads, declares more than {@code maxPixels}, or is broken
   */
  static BufferedImage decode(byte[] bytes, long maxPixels, int neededPx) {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new ArtworkException("not an image format the gateway reads");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width < 1 || height < 1 || (long) width * height > maxPixels) {
          throw new ArtworkException("image declares " + width + "x" + height + " px, over the cap of " + maxPixels
              + " px");
        }
        ImageReadParam param = reader.getDefaultReadParam();
        int subsample = Math.max(1, Math.max(width, height) / (2 * Math.max(1, neededPx)));
        param.setSourceSubsampling(subsample, subsample, 0, 0);
        return reader.read(0, param);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ArtworkException ae) {
        throw ae;
      }
      throw new ArtworkException("undecodable image (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * @param source a decoded image
   * @param box the bounding box, px ({@link ArtworkLadder#fit}: aspect kept, never above the source's size)
   * @param format the output format
   * @return the encoded, scaled image
   */
  static byte[] scale(BufferedImage source, int box, Format format) {
    ArtworkLadder.Dimensions d = ArtworkLadder.fit(source.getWidth(), source.getHeight(), box);
    try {
      BufferedImage scaled = Thumbnails.of(source).forceSize(d.width(), d.height()).asBufferedImage();
      return encode(scaled, format);
    } catch (IOException e) {
      throw new ArtworkException("scaling failed (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * @param image an image; for JPEG, transparency is flattened onto white (JPEG has no alpha)
   * @param format the output format
   * @return the encoded bytes
   */
  static byte[] encode(BufferedImage image, Format format) {
    BufferedImage out = format == Format.JPG && image.getColorModel().hasAlpha() ? opaque(image) : image;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    ImageWriter writer = ImageIO.getImageWritersByFormatName(format.extension).next();
    try (ImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (format == Format.JPG) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality((float) JPEG_QUALITY);
      }
      writer.setOutput(stream);
      writer.write(null, new IIOImage(out, null, null), param);
    } catch (IOException e) {
      throw new ArtworkException("encoding failed (" + e.getClass().getSimpleName() + ")");
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static BufferedImage opaque(BufferedImage image) {
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return rgb;
  }
}
