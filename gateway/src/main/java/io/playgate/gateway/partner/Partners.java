package io.playgate.gateway.partner;

import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The configured partners, found by API key or by name. Keys are never held: a presented key is hashed
 * (SHA-256 of its UTF-8 bytes, lower-case hex) and the hash looked up. Looking up a digest rather than comparing keys
 * leaks nothing useful through timing: a caller cannot steer the digest of its guess. Immutable and thread-safe.
 */
public final class Partners {

  private static final String CALLER = "playgate.partner";

  private final Map<String, Partner> byHash = new LinkedHashMap<>();
  private final Map<String, Partner> byName = new LinkedHashMap<>();

  private Partners(List<Partner> list) {
    for (Partner p : list) {
      byHash.put(p.keySha256(), p);
      byName.put(p.name(), p);
    }
  }

  /**
   * @param list validated partners (unique names and key hashes)
   * @return the registry
   */
  public static Partners of(List<Partner> list) {
    return new Partners(list);
  }

  /**
   * @param key an API key as presented by a caller
   * @return the partner it belongs to, or empty
   */
  public Optional<Partner> byKey(String key) {
    return Optional.ofNullable(byHash.get(sha256Hex(key)));
  }

  /**
   * @param name a partner name
   * @return the partner, or empty
   */
  public Optional<Partner> byName(@Nullable String name) {
    return Optional.ofNullable(name == null ? null : byName.get(name));
  }

  /** @return every partner, in configuration order */
  public List<Partner> all() {
    return List.copyOf(byName.values());
  }

  /**
   * The origins partners frame their players from, for labels that must stay theirs (a partner's analytics origin):
   * every {@code frameAncestors} entry that names one origin ({@code https://acme.example}, {@code http://x:8080}),
   * not the wildcard ones ({@code https://*.acme.example}).
   *
   * @return those entries as configured, in configuration order, without duplicates
   */
  public List<String> framingOrigins() {
    return byName.values().stream().flatMap(p -> p.frameAncestors().stream())
        .filter(source -> !source.contains("*")).distinct().toList();
  }

  /**
   * @param ctx a routing context that {@link RateLimitHandler} has passed
   * @return the authenticated partner of the request, or {@code null} for an anonymous caller
   */
  public static @Nullable Partner caller(RoutingContext ctx) {
    return ctx.get(CALLER);
  }

  /**
   * Records the authenticated partner of a request, for {@link #caller(RoutingContext)}.
   *
   * @param ctx the routing context
   * @param partner the partner whose key the request presented
   */
  static void recordCaller(RoutingContext ctx, Partner partner) {
    ctx.put(CALLER, partner);
  }

  /**
   * The hash stored in {@code keySha256} (and printed by {@code java -jar playgate-gateway.jar partner-key <key>}).
   *
   * @param key an API key
   * @return the lower-case hex SHA-256 of its UTF-8 bytes, 64 characters
   */
  public static String sha256Hex(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
