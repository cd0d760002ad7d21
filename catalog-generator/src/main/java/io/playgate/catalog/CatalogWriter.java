package io.playgate.catalog;

import io.vertx.core.json.JsonObject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code catalog.json} one item at a time ({@code {"media": [item,\n item, …]}}, one item per line), so a
 * catalogue of a million items never sits in memory. Not thread-safe.
 */
final class CatalogWriter implements AutoCloseable {

  private static final byte[] HEAD = "{\"media\": [\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEPARATOR = ",\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TAIL = "\n]}\n".getBytes(StandardCharsets.US_ASCII);

  private final OutputStream out;
  private long written;
  private int items;

  /**
   * @param file the {@code catalog.json} to create or replace
   * @throws IOException when it cannot be opened
   */
  CatalogWriter(Path file) throws IOException {
    this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    write(HEAD);
  }

  /**
   * @param item one MediaItem in catalogue form (relative URLs, member references)
   * @throws IOException when writing fails
   */
  void add(JsonObject item) throws IOException {
    if (items > 0) {
      write(SEPARATOR);
    }
    write(item.encode().getBytes(StandardCharsets.UTF_8));
    items++;
  }

  /** @return items written so far */
  int items() {
    return items;
  }

  /** @return bytes written so far */
  long bytes() {
    return written;
  }

  private void write(byte[] bytes) throws IOException {
    out.write(bytes);
    written += bytes.length;
  }

  @Override
  public void close() throws IOException {
    try (out) {
      write(TAIL);
    }
  }
}
