package io.playgate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.TestGateway;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the configuration reference ({@code docs/operators.md}, section "Configuration") true: every key the loader
 * accepts ({@code conf/gateway.yaml}, whose keys are the only ones an overlay, {@code PLAYGATE_*} or
 * {@code -Dplaygate.*} may set) and every key the capabilities' options objects read (their {@code toJson()} of the
 * shipped defaults, walked to leaf paths) has a row, and every row names such a key. A list value (such as
 * {@code partners.list}) is one key; a section (such as {@code partners.anonymous}) is its leaves.
 */
class ConfigurationReferenceTest {

  /** A row of the reference: its first cell is one backticked key path. */
  private static final Pattern ROW = Pattern.compile("^\\|\\s*`([A-Za-z0-9.]+)`\\s*\\|");
  /** Read by the loader itself ({@link ConfigLoader}), which adds the file's partners to {@code partners.list}. */
  private static final Set<String> READ_BY_THE_LOADER = Set.of("partners.file");

  private static Vertx vertx;

  @BeforeAll
  static void up() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void down() {
    vertx.close();
  }

  @Test
  void everyAcceptedKeyIsDocumentedAndEveryDocumentedKeyIsAccepted() throws Exception {
    Set<String> accepted = leaves(defaultsFile(), "");
    Set<String> documented = documentedKeys();

    assertThat(missing(accepted, documented))
        .as("keys conf/gateway.yaml accepts but docs/operators.md \"Configuration\" does not document")
        .isEmpty();
    assertThat(missing(documented, accepted))
        .as("keys docs/operators.md \"Configuration\" documents but conf/gateway.yaml does not accept")
        .isEmpty();
  }

  @Test
  void everyKeyTheOptionsObjectsReadIsDocumentedAndInTheDefaultsFile() throws Exception {
    Path defaults = TestGateway.root().resolve("conf/gateway.yaml");
    GatewayConfig config = ConfigLoader.load(vertx, defaults, null, Map.of(), new Properties())
        .await(10, TimeUnit.SECONDS);
    Set<String> read = leaves(config.toJson(), "");
    read.addAll(READ_BY_THE_LOADER);

    assertThat(missing(read, documentedKeys()))
        .as("keys the options objects read (toJson) that docs/operators.md \"Configuration\" does not document")
        .isEmpty();
    assertThat(missing(read, leaves(defaultsFile(), "")))
        .as("keys the options objects read (toJson) that conf/gateway.yaml lacks (the loader would refuse them)")
        .isEmpty();
    assertThat(missing(leaves(defaultsFile(), ""), read))
        .as("keys of conf/gateway.yaml that no options object reads")
        .isEmpty();
  }

  private static Set<String> missing(Set<String> from, Set<String> in) {
    Set<String> out = new TreeSet<>(from);
    out.removeAll(in);
    return out;
  }

  private static JsonObject defaultsFile() throws Exception {
    Path file = TestGateway.root().resolve("conf/gateway.yaml");
    ConfigRetriever retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions().setScanPeriod(-1)
        .addStore(new ConfigStoreOptions().setType("file").setFormat("yaml")
            .setConfig(new JsonObject().put("path", file.toString()))));
    try {
      return retriever.getConfig().await(10, TimeUnit.SECONDS);
    } finally {
      retriever.close();
    }
  }

  /** @return the dotted paths of every value that is not a section (lists and {@code null} included) */
  static Set<String> leaves(JsonObject tree, String prefix) {
    Set<String> out = new TreeSet<>();
    for (String field : tree.fieldNames()) {
      String key = prefix.isEmpty() ? field : prefix + "." + field;
      if (tree.getValue(field) instanceof JsonObject section) {
        out.addAll(leaves(section, key));
      } else {
        out.add(key);
      }
    }
    return out;
  }

  /** @return the key paths of the table rows under {@code ## Configuration} in docs/operators.md */
  static Set<String> documentedKeys() throws IOException {
    Set<String> keys = new TreeSet<>();
    boolean inSection = false;
    for (String line : Files.readAllLines(TestGateway.root().resolve("docs/operators.md"))) {
      if (line.startsWith("## ")) {
        inSection = line.equals("## Configuration");
      } else if (inSection) {
        Matcher m = ROW.matcher(line);
        if (m.find()) {
          assertThat(keys.add(m.group(1))).as("documented twice: %s", m.group(1)).isTrue();
        }
      }
    }
    assertThat(keys).as("docs/operators.md has a \"## Configuration\" table").isNotEmpty();
    return keys;
  }
}
