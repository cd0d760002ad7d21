package io.playgate.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo catalogue's media files, lent to every generated item: the public, embeddable, everywhere-playable tracks
 * (two streams, two pictures each) and the videos (two streams, a poster, a frame size) of
 * {@code conf/catalog/catalog.json}. Their URLs stay relative ({@code media/…}): the generated catalogue's folder
 * links {@code media} to the demo's.
 *
 * @param audio the demo tracks, at least one
 * @param video the demo videos, at least one
 */
record DemoMedia(List<Source> audio, List<Source> video) {

  /**
   * One demo item's files and their licence.
   *
   * @param artwork its {@code artwork} array (relative URLs)
   * @param streams its {@code streams} array (relative URLs)
   * @param license its {@code license} object
   * @param width video frame width in px, 0 for audio
   * @param height video frame height in px, 0 for audio
   */
  record Source(JsonArray artwork, JsonArray streams, JsonObject license, int width, int height) {
  }

  /**
   * @param demoFolder the demo catalogue folder, e.g. {@code conf/catalog}
   * @return its media
   * @throws IOException when {@code catalog.json} cannot be read
   * @throws IllegalArgumentException when it holds no public track or no video
   */
  static DemoMedia read(Path demoFolder) throws IOException {
    JsonArray media = new JsonObject(Files.readString(demoFolder.resolve("catalog.json"))).getJsonArray("media");
    List<Source> audio = new ArrayList<>();
    List<Source> video = new ArrayList<>();
    for (int i = 0; i < media.size(); i++) {
      JsonObject item = media.getJsonObject(i);
      if (!lendable(item)) {
        continue;
      }
      Source source = new Source(item.getJsonArray("artwork"), item.getJsonArray("streams"),
          item.getJsonObject("license", new JsonObject()), item.getInteger("width", 0), item.getInteger("height", 0));
      if ("track".equals(item.getString("kind"))) {
        audio.add(source);
      } else if ("video".equals(item.getString("kind"))) {
        video.add(source);
      }
    }
    if (audio.isEmpty() || video.isEmpty()) {
      throw new IllegalArgumentException(demoFolder + "/catalog.json holds no public track or no video to lend");
    }
    return new DemoMedia(List.copyOf(audio), List.copyOf(video));
  }

  private static boolean lendable(JsonObject item) {
    return item.getJsonArray("streams") != null && item.getJsonArray("artwork") != null
        && !item.getBoolean("private", false) && item.getString("visibility") == null
        && item.getBoolean("embeddable", true) && new JsonArray().add("*").equals(item.getJsonArray("territories"));
  }
}
