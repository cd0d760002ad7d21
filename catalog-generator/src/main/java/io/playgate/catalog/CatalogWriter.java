package io.playgate.catalog;

import io.playgate.hub.local.CatalogIndex;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code catalog.json} one item at a time ({@code {"media": [item,\n item, …]}}, one item per line), so a
 * catalogue of a million items never sits in memory, and its {@code catalog.index} ({@link CatalogIndex}: where
 * each item lies, which files they use) when closed. Not thread-safe.
 */
final class CatalogWriter implements AutoCloseable {

  private static final byte[] HEAD = "{\"media\": [\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEPARATOR = ",\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TAIL = "\n]}\n".getBytes(StandardCharsets.US_ASCII);

  private final Path file;
  private final OutputStream out;
  private final CatalogIndex.Writer index = new CatalogIndex.Writer();
  private long written;
  private int items;
  private boolean closed;

  /**
   * @param file the {@code catalog.json} to create or replace
   * @throws IOException when it cannot be opened
   */
  CatalogWriter(Path file) throws IOException {
    this.file = file;
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
    byte[] bytes = item.encode().getBytes(StandardCharsets.UTF_8);
    index.add(item.getString("id"), written, bytes.length, 0);
    files(item.getJsonArray("artwork"));
    files(item.getJsonArray("streams"));
    write(bytes);
    items++;
  }

  private void files(JsonArray list) {
    for (int i = 0; list != null && i < list.size(); i++) {
      index.file(list.getJsonObject(i).getString("url"));
    }
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

  /** Ends {@code catalog.json} and writes its index; a second call does nothing. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (out) {
      write(TAIL);
    }
    index.write(file);
  }
}
