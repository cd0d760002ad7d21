package io.playgate.loadtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The media ids of an embedded-hub catalogue folder, read from its {@code catalog.json}. The catalogue generator
 * ({@code load-tests/generate-catalog.sh}) writes one entry per line, each starting with its {@code "id"}
 * (ARCHITECTURE.md, "Hub API v1"), so the file is streamed line by line and never parsed whole: the million-item
 * catalogue is 1.1 GB.
 */
final class CatalogIds {

  /** Default folder, relative to the repository root (where {@code mvn -pl load-tests} runs). */
  static final String DEFAULT_FOLDER = "load-tests/target/catalog-chinook";

  private static final Pattern ENTRY_ID = Pattern.compile("^\\{\"id\":\"([^\"]+)\"");

  private CatalogIds() {
  }

  /**
   * The ids of the catalogue named by the system property {@code catalog} (default {@value #DEFAULT_FOLDER}), in a
   * fixed shuffled order: the same for the same {@code seed} property (default 12), so rank 1 of a Zipf draw is
   * not always the catalogue's first track.
   *
   * @return at least one id
   * @throws IllegalStateException the folder has no {@code catalog.json} or it holds no entry line
   */
  static List<String> shuffled() {
    Path folder = Path.of(Settings.text("catalog", DEFAULT_FOLDER)).toAbsolutePath();
    List<String> ids = read(folder.resolve("catalog.json"));
    Collections.shuffle(ids, new Random(Settings.integer("seed", 12, 0, Integer.MAX_VALUE)));
    return ids;
  }

  private static List<String> read(Path catalogJson) {
    if (!Files.isRegularFile(catalogJson)) {
      throw new IllegalStateException(catalogJson + " is missing: run load-tests/generate-catalog.sh chinook"
          + " (or pass -Dcatalog=FOLDER)");
    }
    List<String> ids = new ArrayList<>();
    try (BufferedReader lines = Files.newBufferedReader(catalogJson, StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        Matcher id = ENTRY_ID.matcher(line);
        if (id.find()) {
          ids.add(id.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (ids.isEmpty()) {
      throw new IllegalStateException(catalogJson + " holds no entry line starting with {\"id\":");
    }
    return ids;
  }
}
