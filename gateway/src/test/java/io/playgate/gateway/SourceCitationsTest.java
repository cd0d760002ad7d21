package io.playgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Javadoc and comments cite files in the repository (ARCHITECTURE.md, docs/) or an RFC/spec section, never a design
 * brief that is not in the repository nor an issue tracker number: a reader of the checkout must be able to follow
 * every citation. Scans every {@code *.java} under each module's {@code src/} (main and test).
 */
class SourceCitationsTest {

  /** The outside brief by file name, or an issue by number (the word, optionally "#", then a digit). */
  private static final Pattern OUTSIDE_CITATION = Pattern.compile("DESIGN\\.md|(?i:\\bissue\\s*#?[0-9])");

  @Test
  void sourcesCiteOnlyTheRepositoryOrSpecs() throws IOException {
    Path repository = Path.of("").toAbsolutePath().getParent();
    List<Path> sourceRoots;
    try (Stream<Path> modules = Files.list(repository)) {
      sourceRoots = modules.map(module -> module.resolve("src")).filter(Files::isDirectory).toList();
    }
    assertThat(sourceRoots).as("module source trees under %s", repository)
        .anyMatch(root -> root.getParent().getFileName().toString().equals("gateway"))
        .hasSizeGreaterThanOrEqualTo(4);

    List<String> offending = sourceRoots.stream().flatMap(SourceCitationsTest::javaFiles)
        .flatMap(SourceCitationsTest::outsideCitations).toList();

    assertThat(offending).as("lines citing something outside the repository").isEmpty();
  }

  private static Stream<Path> javaFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<String> outsideCitations(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return IntStream.range(0, lines.size())
          .filter(i -> OUTSIDE_CITATION.matcher(lines.get(i)).find())
          .mapToObj(i -> file + ":" + (i + 1) + ": " + lines.get(i).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
