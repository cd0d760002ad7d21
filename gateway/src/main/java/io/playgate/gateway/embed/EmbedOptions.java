package io.playgate.gateway.embed;

import io.playgate.gateway.options.ConfigReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Options of the player pages ({@code GET /embed/{id}}): the {@value #KEY} section of {@code conf/gateway.yaml}.
 *
 * @param frameAncestors CSP {@code frame-ancestors} sources of the player pages (CSP3 §2.3.1 source expressions),
 *     e.g. {@code *} or {@code https://news.example https://*.blog.example}; never empty, {@code 'none'} only alone
 */
public record EmbedOptions(List<String> frameAncestors) {

  /** The configuration section these options are read from. */
  public static final String KEY = "embed";
  /** Default {@link #frameAncestors()}: any page may frame the player. */
  public static final List<String> DEFAULT_FRAME_ANCESTORS = List.of("*");

  // no whitespace, ';' or ',' that would end the directive or the policy
  private static final String SOURCE = "[^\\s;,'\"]+|'self'|'none'";

  /** Options with every default, as {@code conf/gateway.yaml} ships them. */
  public EmbedOptions() {
    this(DEFAULT_FRAME_ANCESTORS);
  }

  /**
   * Copies the list.
   *
   * @throws IllegalArgumentException when it is empty
   */
  public EmbedOptions {
    frameAncestors = List.copyOf(frameAncestors);
    if (frameAncestors.isEmpty()) {
      throw new IllegalArgumentException("frameAncestors must not be empty");
    }
  }

  /**
   * Reads and checks {@code frameAncestors}: a non-empty list of CSP source expressions, {@code 'none'} alone.
   *
   * @param json the {@value #KEY} section
   * @return the options
   * @throws io.playgate.gateway.options.ConfigException naming {@code embed.frameAncestors}
   */
  public static EmbedOptions fromJson(@Nullable JsonObject json) {
    ConfigReader e = ConfigReader.of(KEY, json);
    List<String> ancestors = e.strings("frameAncestors");
    for (String src : ancestors) {
      if (!src.matches(SOURCE)) {
        throw e.invalid("frameAncestors", "not a CSP source expression: '" + src + "'");
      }
    }
    if (ancestors.isEmpty()) {
      throw e.invalid("frameAncestors", "required: a list of CSP sources such as '*' or 'https://news.example'");
    }
    if (ancestors.size() > 1 && ancestors.contains("'none'")) {
      throw e.invalid("frameAncestors", "'none' must stand alone");
    }
    return new EmbedOptions(ancestors);
  }

  /** @return the {@value #KEY} section, as {@link #fromJson} reads it */
  public JsonObject toJson() {
    return new JsonObject().put("frameAncestors", new JsonArray(new ArrayList<Object>(frameAncestors)));
  }
}
