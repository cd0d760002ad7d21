package io.playgate.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.TestGateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The relative links between the repository's documents (README.md, ARCHITECTURE.md, docs/*.md,
 * load-tests/README.md) lead somewhere: each target file exists, and a {@code #fragment} into a Markdown file names
 * one of its headings, as GitHub derives anchors from them (lower-cased, punctuation but {@code -} and {@code _}
 * dropped, spaces as {@code -}, a repeated heading suffixed {@code -1}, {@code -2}, …). Links inside code blocks and
 * absolute URLs are not checked.
 */
class DocsLinksTest {

  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  @Test
  void relativeLinksResolveToFilesAndHeadings() throws IOException {
    Path root = TestGateway.root();
    List<Path> docs = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("ARCHITECTURE.md"),
        root.resolve("load-tests/README.md")));
    try (Stream<Path> pages = Files.list(root.resolve("docs"))) {
      pages.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path doc : docs) {
      for (String target : links(doc)) {
        checked++;
        String problem = problem(doc, target);
        if (problem != null) {
          broken.add(root.relativize(doc) + ": (" + target + ") " + problem);
        }
      }
    }
    assertThat(checked).as("relative links found").isGreaterThan(20);
    assertThat(broken).as("broken relative links").isEmpty();
  }

  @Test
  void anchorsFollowGitHub() {
    assertThat(anchor("Analytics: `POST /events` and `GET /metrics`")).isEqualTo("analytics-post-events-and-get-metrics");
    assertThat(anchor("Output safety and the player's CSP")).isEqualTo("output-safety-and-the-players-csp");
    assertThat(anchor("Hub API v1")).isEqualTo("hub-api-v1");
  }

  private static String problem(Path doc, String target) throws IOException {
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    String fragment = hash < 0 ? null : target.substring(hash + 1);
    Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
    if (!Files.exists(resolved)) {
      return "no such file " + resolved;
    }
    if (fragment != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(fragment)) {
      return "no heading with anchor #" + fragment + " in " + resolved.getFileName();
    }
    return null;
  }

  /** @return the relative link targets of a Markdown file, outside fenced code blocks */
  private static List<String> links(Path doc) throws IOException {
    List<String> out = new ArrayList<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(doc)) {
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      Matcher m = LINK.matcher(line);
      while (!fenced && m.find()) {
        String target = m.group(1);
        if (!target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
          out.add(target);
        }
      }
    }
    return out;
  }

  private static Set<String> anchors(Path doc) throws IOException {
    Set<String> out = new HashSet<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(doc)) {
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
      } else if (!fenced && line.matches("#{1,6} .*")) {
        String base = anchor(line.replaceFirst("^#+ ", ""));
        String a = base;
        for (int i = 1; !out.add(a); i++) {
          a = base + "-" + i;
        }
      }
    }
    return out;
  }

  static String anchor(String heading) {
    return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }
}
