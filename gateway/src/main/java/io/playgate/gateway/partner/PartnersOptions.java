package io.playgate.gateway.partner;

import io.playgate.gateway.options.ConfigReader;
import io.playgate.units.Durations;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Partners, rate limits and signed embed URLs: the {@value #KEY} section of {@code conf/gateway.yaml} (its
 * {@code file} key is read by the configuration loader, which adds the file's partners to {@code list}).
 *
 * @param list the configured partners, names and key hashes unique
 * @param anonymous the per-client bucket of callers without a key; capacity 0 switches it off
 * @param clientIpHeader request header a trusted reverse proxy sets to the client address (its last
 *     comma-separated entry is used), or {@code null}: the TCP peer address is used and no header is trusted
 * @param maxTrackedClients bound of the per-client bucket map (least recently used beyond it are forgotten),
 *     1..10,000,000
 * @param clientIdle a client's bucket is forgotten after this long without a request, 1 s..1 day, at least the
 *     anonymous period
 * @param signingSecret HMAC-SHA256 key of signed embed URLs (at least 16 characters), {@code null} disables them;
 *     never logged
 * @param maxSignedTtl longest lifetime a minted signed URL may have, 1 s..366 days
 */
public record PartnersOptions(List<Partner> list, RateLimit anonymous, @Nullable String clientIpHeader,
    long maxTrackedClients, Duration clientIdle, @Nullable String signingSecret, Duration maxSignedTtl) {

  /** The configuration section these options are read from. */
  public static final String KEY = "partners";
  /** Default {@link #anonymous()}: 300 requests per minute per client address. */
  public static final RateLimit DEFAULT_ANONYMOUS = new RateLimit(300, Duration.ofMinutes(1));
  /** Default {@link #maxTrackedClients()}: 100,000 client buckets. */
  public static final long DEFAULT_MAX_TRACKED_CLIENTS = 100_000;
  /** Default {@link #clientIdle()}: 10 min. */
  public static final Duration DEFAULT_CLIENT_IDLE = Duration.ofMinutes(10);
  /** Default {@link #maxSignedTtl()}: 7 days. */
  public static final Duration DEFAULT_MAX_SIGNED_TTL = Duration.ofDays(7);
  /** Shortest accepted {@link #signingSecret()}, in characters. */
  public static final int MIN_SECRET_LENGTH = 16;

  /** Options with every default: no partners, no signing secret, no trusted client address header. */
  public PartnersOptions() {
    this(List.of(), DEFAULT_ANONYMOUS, null, DEFAULT_MAX_TRACKED_CLIENTS, DEFAULT_CLIENT_IDLE, null,
        DEFAULT_MAX_SIGNED_TTL);
  }

  /** Copies the list. */
  public PartnersOptions {
    list = List.copyOf(list);
  }

  /**
   * Reads and checks the {@value #KEY} section: {@code list} (partners, see {@link Partner}), {@code anonymous}
   * ({@code {capacity, period}}, capacity 0 for none), {@code clientIpHeader}, {@code maxTrackedClients},
   * {@code clientIdle}, {@code signingSecret}, {@code maxSignedTtl}, within the ranges above.
   *
   * @param json the section
   * @return the options
   * @throws io.playgate.gateway.options.ConfigException naming the first bad key, e.g. {@code partners.list[0].name}
   */
  public static PartnersOptions fromJson(@Nullable JsonObject json) {
    ConfigReader p = ConfigReader.of(KEY, json);
    List<Partner> list = p.sections("list", "a partner object with name, keySha256, rateLimit, frameAncestors")
        .stream().map(Partner::read).toList();
    checkUnique(p, list);
    String secret = p.optionalString("signingSecret");
    if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
      throw p.invalid("signingSecret", "too short: use at least 16 characters (32 random bytes, hex, recommended)");
    }
    String ipHeader = p.headerName("clientIpHeader");
    RateLimit anonymous = RateLimit.read(p.section("anonymous", "{capacity: <requests>, period: <duration>}"), 0);
    PartnersOptions result = new PartnersOptions(list, anonymous, ipHeader,
        p.intIn("maxTrackedClients", 1, 10_000_000),
        p.durationIn("clientIdle", Duration.ofSeconds(1), Duration.ofDays(1)), secret,
        p.durationIn("maxSignedTtl", Duration.ofSeconds(1), Duration.ofDays(366)));
    if (result.clientIdle().compareTo(anonymous.period()) < 0) {
      // a bucket forgotten before it refills would hand an idle client a fresh, full one early
      throw p.invalid("clientIdle", "must be at least partners.anonymous.period");
    }
    return result;
  }

  private static void checkUnique(ConfigReader p, List<Partner> list) {
    Set<String> names = new HashSet<>();
    Set<String> hashes = new HashSet<>();
    for (Partner partner : list) {
      if (!names.add(partner.name())) {
        throw p.invalid("list", "partner name '" + partner.name() + "' is used twice");
      }
      if (!hashes.add(partner.keySha256())) {
        throw p.invalid("list", "partner '" + partner.name() + "' has the key hash of another partner");
      }
    }
  }

  /** @return the {@value #KEY} section (without {@code file}), as {@link #fromJson} reads it; the secret included */
  public JsonObject toJson() {
    JsonArray partners = new JsonArray();
    list.forEach(partner -> partners.add(partner.toJson()));
    return new JsonObject().put("list", partners).put("anonymous", anonymous.toJson())
        .put("clientIpHeader", clientIpHeader).put("maxTrackedClients", maxTrackedClients)
        .put("clientIdle", Durations.format(clientIdle)).put("signingSecret", signingSecret)
        .put("maxSignedTtl", Durations.format(maxSignedTtl));
  }

  @Override
  public String toString() {
    return "PartnersOptions[names=" + list.stream().map(Partner::name).toList() + ", anonymous=" + anonymous
        + ", clientIpHeader=" + clientIpHeader + ", signingSecret=" + (signingSecret == null ? "unset" : "***") + "]";
  }
}
