package io.playgate.gateway.partner;

import io.playgate.gateway.options.ConfigException;
import io.playgate.gateway.options.ConfigReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A partner: who may call with a key, how often, and which origins may frame its players. One entry of
 * {@code partners.list} (or of the {@code partners.file}).
 *
 * @param name unique name, {@code [a-z0-9][a-z0-9-]{0,31}}; appears in signed URLs and meter tags
 * @param keySha256 lower-case hex SHA-256 of the UTF-8 API key (64 characters, {@link Partners#sha256Hex}); the key
 *     itself is never stored
 * @param rateLimit the partner's token bucket, shared by all its callers
 * @param frameAncestors CSP {@code frame-ancestors} sources for players embedded with {@code partner=<name>}:
 *     http(s) origins such as {@code https://acme.example} or {@code https://*.acme.example}; may be empty
 */
public record Partner(String name, String keySha256, RateLimit rateLimit, List<String> frameAncestors) {

  /** A partner's name. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern FRAME_SOURCE = Pattern.compile("https?://(\\*\\.)?[A-Za-z0-9.-]+(:\\d{1,5})?");
  private static final List<String> KEYS = List.of("name", "keySha256", "rateLimit", "frameAncestors");

  /**
   * Copies the list and checks the name and hash.
   *
   * @throws IllegalArgumentException for a bad name or key hash
   */
  public Partner {
    frameAncestors = List.copyOf(frameAncestors);
    if (!NAME.matcher(name).matches() || !SHA256_HEX.matcher(keySha256).matches()) {
      throw new IllegalArgumentException("invalid partner " + name);
    }
  }

  /**
   * @param p one partner's section, e.g. {@code partners.list[0]}
   * @return the partner
   * @throws ConfigException naming the bad key, e.g. {@code partners.list[0].keySha256}
   */
  static Partner read(ConfigReader p) {
    p.onlyKeys(KEYS, "a partner has name, keySha256, rateLimit, frameAncestors");
    String name = p.string("name");
    if (!NAME.matcher(name).matches()) {
      throw p.invalid("name", "expected lower-case letters, digits and '-', at most 32, was '" + name + "'");
    }
    String hash = p.string("keySha256").toLowerCase(Locale.ROOT);
    if (!SHA256_HEX.matcher(hash).matches()) {
      throw p.invalid("keySha256", "expected the 64 hex digits of the key's SHA-256 "
          + "(java -jar playgate-gateway.jar partner-key <key>), not the key itself");
    }
    List<String> ancestors = p.strings("frameAncestors");
    for (int i = 0; i < ancestors.size(); i++) {
      if (!FRAME_SOURCE.matcher(ancestors.get(i)).matches()) {
        throw new ConfigException(p.entry("frameAncestors", i),
            "expected an origin such as https://acme.example or https://*.acme.example");
      }
    }
    RateLimit limit = RateLimit.read(p.section("rateLimit", "{capacity: <requests>, period: <duration>}"), 1);
    return new Partner(name, hash, limit, ancestors);
  }

  /** @return the partner's section, as {@link #read} reads it */
  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("keySha256", keySha256).put("rateLimit", rateLimit.toJson())
        .put("frameAncestors", new JsonArray(new ArrayList<Object>(frameAncestors)));
  }
}
