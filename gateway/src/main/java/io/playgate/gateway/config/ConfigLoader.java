package io.playgate.gateway.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.playgate.gateway.options.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the configuration in the order of docs/operators.md, "Configuration", each layer overriding the one before key
 * by key:
 * <ol>
 *   <li>the defaults file, {@code conf/gateway.yaml} or {@code $PLAYGATE_CONFIG};</li>
 *   <li>an optional overlay YAML file ({@code --config FILE} or {@code $PLAYGATE_CONFIG_OVERLAY});</li>
 *   <li>environment variables: {@code PLAYGATE_} + the key path upper-cased, dots and camel-case boundaries as
 *       underscores ({@code server.publicBaseUrl} → {@code PLAYGATE_SERVER_PUBLIC_BASE_URL});</li>
 *   <li>system properties {@code -Dplaygate.<key path>=…}.</li>
 * </ol>
 * YAML files are read with vertx-config's YAML store. Only keys that exist in the defaults file may be set
 * (an unknown key in the overlay, an unknown {@code PLAYGATE_*} variable or {@code -Dplaygate.*} property is a typo
 * and stops the boot); list values given as text are JSON arrays or comma-separated.
 */
public final class ConfigLoader {

  /** Environment variable naming the defaults file. */
  public static final String ENV_DEFAULTS = "PLAYGATE_CONFIG";
  /** Environment variable naming the overlay file. */
  public static final String ENV_OVERLAY = "PLAYGATE_CONFIG_OVERLAY";

  private ConfigLoader() {
  }

  /**
   * Loads and validates the configuration.
   *
   * @param vertx used for the non-blocking file reads of vertx-config
   * @param defaults the defaults YAML file; must exist
   * @param overlay an overlay YAML file, or {@code null}; must exist when given
   * @param env environment variables (normally {@code System.getenv()})
   * @param sysProps system properties (normally {@code System.getProperties()})
   * @return a future completed on a Vert.x event loop with the checked configuration, or failed with a
   *     {@link ConfigException} naming the bad key or file
   */
  public static Future<GatewayConfig> load(Vertx vertx, Path defaults, @Nullable Path overlay, Map<String, String> env,
      Properties sysProps) {
    if (!Files.isRegularFile(defaults)) {
      return Future.failedFuture(new ConfigException("config", "defaults file not found: " + defaults.toAbsolutePath()
          + " (run from the project root, or set " + ENV_DEFAULTS + ")"));
    }
    if (overlay != null && !Files.isRegularFile(overlay)) {
      return Future.failedFuture(new ConfigException("config", "overlay file not found: " + overlay.toAbsolutePath()));
    }
    Future<JsonObject> base = read(vertx, defaults);
    Future<JsonObject> over = overlay == null ? Future.succeededFuture(new JsonObject()) : read(vertx, overlay);
    return Future.all(base, over).map(all -> {
      JsonObject tree = base.result().copy();
      mergeKnown(tree, over.result(), "");
      Set<String> used = new HashSet<>(Set.of(ENV_DEFAULTS, ENV_OVERLAY));
      applyOverrides(tree, "", env, sysProps, used);
      rejectUnknown(env.keySet(), "PLAYGATE_", used, "environment variable ");
      rejectUnknown(sysProps.stringPropertyNames(), "playgate.", used, "system property -D");
      return tree;
    }).compose(tree -> withPartnersFile(vertx, tree)).map(GatewayConfig::fromJson);
  }

  /**
   * {@code partners.file}: a YAML (or JSON) file {@code {partners: [partner, …]}} whose partners join
   * {@code partners.list}, so keys can live apart from the main configuration. A relative path is resolved against
   * the working directory.
   */
  private static Future<JsonObject> withPartnersFile(Vertx vertx, JsonObject tree) {
    JsonObject partners = tree.getJsonObject("partners");
    Object file = partners == null ? null : partners.getValue("file");
    if (file == null || (file instanceof String str && str.isBlank())) {
      return Future.succeededFuture(tree);
    }
    if (!(file instanceof String name)) {
      return Future.failedFuture(new ConfigException("partners.file", "expected a file path"));
    }
    Path path = Path.of(name.trim());
    if (!Files.isRegularFile(path)) {
      return Future.failedFuture(new ConfigException("partners.file", "file not found: " + path.toAbsolutePath()));
    }
    return read(vertx, path).recover(e -> Future.failedFuture(new ConfigException("partners.file", e.getMessage())))
        .map(json -> {
          for (String field : json.fieldNames()) {
            if (!field.equals("partners")) {
              throw new ConfigException("partners.file", "unknown key '" + field + "' in " + path + " (expected only 'partners')");
            }
          }
          Object list = json.getValue("partners");
          if (!(list instanceof JsonArray more)) {
            throw new ConfigException("partners.file", path + " must hold 'partners:' followed by a list of partners");
          }
          JsonArray merged = partners.getValue("list") instanceof JsonArray inline ? inline.copy() : new JsonArray();
          more.forEach(merged::add);
          partners.put("list", merged);
          return tree;
        });
  }

  /**
   * Environment variable name for a key path.
   *
   * @param keyPath dotted key path such as {@code server.publicBaseUrl}
   * @return e.g. {@code PLAYGATE_SERVER_PUBLIC_BASE_URL}
   */
  public static String envName(String keyPath) {
    StringBuilder sb = new StringBuilder("PLAYGATE_");
    for (int i = 0; i < keyPath.length(); i++) {
      char ch = keyPath.charAt(i);
      if (ch == '.') {
        sb.append('_');
      } else if (Character.isUpperCase(ch) && i > 0 && Character.isLowerCase(keyPath.charAt(i - 1))) {
        sb.append('_').append(ch);
      } else {
        sb.append(Character.toUpperCase(ch));
      }
    }
    return sb.toString();
  }

  private static Future<JsonObject> read(Vertx vertx, Path file) {
    ConfigStoreOptions store = new ConfigStoreOptions().setType("file").setFormat("yaml")
        .setConfig(new JsonObject().put("path", file.toAbsolutePath().toString()));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions().setScanPeriod(-1).addStore(store));
    return retriever.getConfig()
        .eventually(retriever::close)
        .recover(e -> Future.failedFuture(new ConfigException("config", "cannot read " + file + ": " + e.getMessage())));
  }

  private static void mergeKnown(JsonObject target, JsonObject overlay, String prefix) {
    for (String field : overlay.fieldNames()) {
      String key = prefix.isEmpty() ? field : prefix + "." + field;
      if (!target.containsKey(field)) {
        throw new ConfigException(key, "unknown key (not in the defaults file)");
      }
      Object current = target.getValue(field);
      Object value = overlay.getValue(field);
      if (current instanceof JsonObject cur && value instanceof JsonObject val) {
        mergeKnown(cur, val, key);
      } else if (current instanceof JsonObject) {
        throw new ConfigException(key, "expected a section, not a value");
      } else {
        target.put(field, value);
      }
    }
  }

  /** A {@code PLAYGATE_*} variable or {@code -Dplaygate.*} property that names no key is a typo: stop. */
  private static void rejectUnknown(Set<String> names, String prefix, Set<String> used, String what) {
    for (String name : names) {
      if (name.startsWith(prefix) && !used.contains(name)) {
        throw new ConfigException(name.startsWith("playgate.") ? name.substring("playgate.".length()) : name,
            "unknown key (" + what + name + " names no key of the defaults file)");
      }
    }
  }

  private static void applyOverrides(JsonObject tree, String prefix, Map<String, String> env, Properties sysProps,
      Set<String> used) {
    for (String field : new ArrayList<>(tree.fieldNames())) {
      String key = prefix.isEmpty() ? field : prefix + "." + field;
      Object current = tree.getValue(field);
      if (current instanceof JsonObject section) {
        applyOverrides(section, key, env, sysProps, used);
        continue;
      }
      used.add(envName(key));
      used.add("playgate." + key);
      String text = sysProps.getProperty("playgate." + key);
      if (text == null) {
        text = env.get(envName(key));
      }
      if (text != null) {
        tree.put(field, coerce(key, current, text));
      }
    }
  }

  private static Object coerce(String key, @Nullable Object current, String text) {
    if (current instanceof JsonArray) {
      String t = text.trim();
      if (t.startsWith("[")) {
        try {
          return new JsonArray(t);
        } catch (DecodeException e) {
          throw new ConfigException(key, "not a JSON array: " + t);
        }
      }
      List<String> parts = new ArrayList<>();
      for (String part : t.split(",")) {
        if (!part.isBlank()) {
          parts.add(part.trim());
        }
      }
      return new JsonArray(new ArrayList<Object>(parts));
    }
    if (current instanceof Boolean) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      if (!t.equals("true") && !t.equals("false")) {
        throw new ConfigException(key, "expected true or false, was '" + text + "'");
      }
      return Boolean.parseBoolean(t);
    }
    return text;
  }
}
