package io.playgate.gateway.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The validated, immutable gateway configuration (DESIGN.md §6). Built by {@link #fromJson(JsonObject)} from the
 * merged YAML/env/system-property tree that {@link ConfigLoader} produces; every accessor returns a checked value.
 *
 * @param server where the gateway listens and how it names itself
 * @param hub which content hub to use and how to talk to it
 * @param cache the media cache bounds and lifetimes
 * @param oembed the oEmbed provider settings
 * @param partners partner keys, rate limits and signed embed URLs
 * @param rights how viewer territory is found for the hub's {@code territories} field
 * @param metrics bounds of the player-event metrics
 * @param embed the player pages' framing policy
 * @param limits request size and slow-client limits of the HTTP server
 * @param management where the management listener ({@code GET /metrics}) listens
 */
public record GatewayConfig(Server server, Hub hub, Cache cache, OEmbed oembed, Partners partners, Rights rights,
    Metrics metrics, Embed embed, Limits limits, Management management) {

  /** Where the placeholder for the public base URL may appear in {@code oembed.schemes}. */
  public static final String PUBLIC_BASE_URL_PLACEHOLDER = "{publicBaseUrl}";

  /**
   * @param host interface to bind, e.g. {@code 0.0.0.0}
   * @param port TCP port, 0..65535; 0 picks a free port (tests)
   * @param publicBaseUrl absolute http(s) base of every URL the gateway emits, without trailing slash; {@code null}
   *     means {@code http://localhost:{actual port}}
   * @param instances number of HTTP server verticles, 1..64; 0 means one per CPU core
   * @param accessLog whether every request is logged (logger {@code io.vertx.ext.web.handler.LoggerHandler})
   */
  public record Server(String host, int port, String publicBaseUrl, int instances, boolean accessLog) {

    /**
     * @param actualPort the bound port
     * @return {@code http://<host>:<port>} that reaches this server from the same machine: a wildcard or
     *     {@code localhost} bind address becomes {@code 127.0.0.1}, an IPv6 literal gets brackets
     */
    public String selfOrigin(int actualPort) {
      String h = host.equals("0.0.0.0") || host.equals("::") || host.equals("localhost") ? "127.0.0.1" : host;
      return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + actualPort;
    }
  }

  /** {@code hub.mode}: the file-backed local hub mounted at {@code /hub/}, or a remote hub at {@code hub.url}. */
  public enum HubMode { EMBEDDED, REMOTE }

  /**
   * @param mode embedded or remote
   * @param url base URL of a remote hub (no trailing slash), {@code null} in embedded mode
   * @param catalog the embedded hub's catalogue folder (holds {@code catalog.json})
   * @param webhookSecret HMAC secret for {@code POST /hooks/hub}; {@code null} disables the webhook
   * @param connectTimeout TCP connect timeout of hub calls, 1 ms..1 min
   * @param timeout total deadline of one hub call, connect to last body byte, 1 ms..5 min
   * @param maxBodyBytes cap on the decoded hub response body, 1 KiB..64 MiB
   * @param maxPoolSize maximum connections to the hub, 1..1024
   * @param localMaxAge {@code Cache-Control: max-age} the embedded hub sends with each MediaItem
   * @param apiKey credential sent to the hub as {@code Authorization: Bearer} so that it answers private and
   *     unlisted MediaItems (with {@code visibility}) instead of 403; {@code null} sends none (in embedded mode a
   *     random per-process key is shared with the local hub instead)
   * @param maxWaitQueueSize hub calls that may wait for a pooled connection, 0..100000
   * @param connectRetryDelay base delay of the one jittered retry after a connect error, 0 (no retry)..10 s
   * @param breakerMaxFailures hub failures within {@code breakerFailureWindow} that open the circuit breaker, 1..10000
   * @param breakerFailureWindow rolling window of counted failures, 1 ms..1 h
   * @param breakerResetTimeout how long the breaker stays open before one half-open probe, 1 ms..1 h
   * @param webhookMaxBodyBytes largest accepted {@code POST /hooks/hub} body (413 beyond), 1 KiB..16 MiB
   */
  public record Hub(HubMode mode, String url, Path catalog, String webhookSecret, Duration connectTimeout,
      Duration timeout, long maxBodyBytes, int maxPoolSize, Duration localMaxAge, String apiKey, int maxWaitQueueSize,
      Duration connectRetryDelay, int breakerMaxFailures, Duration breakerFailureWindow, Duration breakerResetTimeout,
      long webhookMaxBodyBytes) {

    @Override
    public String toString() {
      // the credentials never reach a log line
      return "Hub[mode=" + mode + ", url=" + url + ", catalog=" + catalog + ", webhookSecret=" + (webhookSecret == null ? "unset" : "***")
          + ", apiKey=" + (apiKey == null ? "unset" : "***") + "]";
    }
  }

  /**
   * @param maxBytes byte-weighted bound of the media cache (entries and their rendered variants)
   * @param minTtl lower clamp on the hub's {@code max-age}
   * @param maxTtl upper clamp on the hub's {@code max-age}
   * @param defaultTtl lifetime when the hub sends no {@code max-age}
   * @param staleWhileRevalidate window after freshness in which a stale entry is served while it revalidates
   *     (RFC 5861 §3), 0..1 day
   * @param staleIfError window after freshness in which a stale entry is served when the hub fails (RFC 5861 §4),
   *     0..7 days
   * @param negativeTtl lifetime of remembered hub 404/410/403 answers and takedowns, 0..1 day
   * @param failureTtl lifetime of a remembered failed cold fetch (5xx, timeout), 0..10 s
   */
  public record Cache(long maxBytes, Duration minTtl, Duration maxTtl, Duration defaultTtl,
      Duration staleWhileRevalidate, Duration staleIfError, Duration negativeTtl, Duration failureTtl) {
  }

  /**
   * @param schemes URL patterns accepted by {@code GET /oembed}, with {@code {publicBaseUrl}} not yet substituted
   * @param providerName oEmbed {@code provider_name}
   * @param hostAliases host prefixes (each a DNS label followed by a dot, lower case, e.g. {@code www.}, {@code m.})
   *     that a URL's host may carry in front of a pattern's host and still match it
   */
  public record OEmbed(List<String> schemes, String providerName, List<String> hostAliases) {
  }

  /**
   * @param frameAncestors CSP {@code frame-ancestors} sources of the player pages ({@code /embed/{id}}), e.g.
   *     {@code *} or {@code https://news.example https://*.blog.example}; never empty
   */
  public record Embed(List<String> frameAncestors) {
  }

  /**
   * Limits of the HTTP server against oversized and slow requests.
   *
   * @param maxRequestLineBytes longest request line (method, target, version), 256 B..64 KiB; longer → 414
   * @param maxHeaderBytes largest header block, 1 KiB..256 KiB; larger → 431
   * @param maxBodyBytes largest request body, 0..64 MiB; larger → 413
   * @param requestHeaderTimeout time a connection gets to deliver a complete request head, after opening or after
   *     its previous response, 100 ms..10 min; slower connections are closed
   * @param requestBodyTimeout time a request body gets to arrive in full once a route starts reading it,
   *     100 ms..10 min; slower bodies are answered 408 (RFC 9110 §15.5.9) and the connection is closed
   * @param idleTimeout a connection with no bytes read or written for this long is closed, 1 s..1 h
   */
  public record Limits(int maxRequestLineBytes, int maxHeaderBytes, long maxBodyBytes, Duration requestHeaderTimeout,
      Duration requestBodyTimeout, Duration idleTimeout) {
  }

  /**
   * One token bucket: {@code capacity} requests at once, refilled evenly ("greedily", Bucket4j) at
   * {@code capacity} tokens per {@code period}.
   *
   * @param capacity bucket size and tokens added per period, 1..10,000,000 (0 only for {@code partners.anonymous}:
   *     no anonymous limit)
   * @param period refill period, 1 s..1 day
   */
  public record RateLimit(long capacity, Duration period) {
  }

  /**
   * A partner (issue 5): who may call with a key, how often, and which origins may frame its players.
   *
   * @param name unique name, {@code [a-z0-9][a-z0-9-]{0,31}}; appears in signed URLs and meter tags
   * @param keySha256 lower-case hex SHA-256 of the UTF-8 API key (64 characters); the key itself is never stored
   * @param rateLimit the partner's token bucket, shared by all its callers
   * @param frameAncestors CSP {@code frame-ancestors} sources for players embedded with {@code partner=<name>}:
   *     http(s) origins such as {@code https://acme.example} or {@code https://*.acme.example}; may be empty
   */
  public record Partner(String name, String keySha256, RateLimit rateLimit, List<String> frameAncestors) {
  }

  /**
   * @param list the configured partners ({@code partners.list} plus those of {@code partners.file}), names and key
   *     hashes unique
   * @param anonymous the per-client bucket of callers without a key
   * @param clientIpHeader request header a trusted reverse proxy sets to the client address (its last
   *     comma-separated entry is used), or {@code null}: the TCP peer address is used and no header is trusted
   * @param maxTrackedClients bound of the per-client bucket map (least recently used beyond it are forgotten),
   *     1..10,000,000
   * @param clientIdle a client's bucket is forgotten after this long without a request
   * @param signingSecret HMAC-SHA256 key of signed embed URLs, {@code null} disables them (never logged)
   * @param maxSignedTtl longest lifetime a minted signed URL may have
   */
  public record Partners(List<Partner> list, RateLimit anonymous, String clientIpHeader, long maxTrackedClients,
      Duration clientIdle, String signingSecret, Duration maxSignedTtl) {

    @Override
    public String toString() {
      return "Partners[names=" + list.stream().map(Partner::name).toList() + ", anonymous=" + anonymous
          + ", clientIpHeader=" + clientIpHeader + ", signingSecret=" + (signingSecret == null ? "unset" : "***") + "]";
    }
  }

  /** What to do when the viewer's country is unknown and a MediaItem is limited to some territories. */
  public enum UnknownCountry { ALLOW, DENY }

  /**
   * @param countryHeader request header a trusted CDN sets to the viewer's ISO 3166-1 alpha-2 country (e.g.
   *     {@code CF-IPCountry}), or {@code null} when none is trusted (every viewer's country is then unknown)
   * @param unknownCountry decision for territory-limited media when the country is unknown (no header, empty,
   *     not two letters, or Cloudflare's {@code XX}/{@code T1})
   */
  public record Rights(String countryHeader, UnknownCountry unknownCountry) {
  }

  /**
   * Bounds of {@code playgate_player_events_total} (beacons of {@code POST /events}): the first so many distinct
   * values keep their name as a label, later ones count as {@code other}, so {@code /metrics} cannot be grown
   * without limit.
   *
   * @param eventOrigins distinct embedding origins kept by name, 0..100000
   * @param eventMediaIds distinct media ids kept by name, 0..1000000
   */
  public record Metrics(int eventOrigins, int eventMediaIds) {
  }

  /**
   * The management listener: {@code GET /metrics} and the health checks on an interface of their own, loopback by
   * default, never on the public port.
   *
   * @param host interface to bind: an IP literal or a host name, e.g. {@code 127.0.0.1}, {@code ::1} or
   *     {@code 0.0.0.0} (all interfaces: put a firewall in front)
   * @param port TCP port, 0..65535, not {@code server.port}; 0 picks a free port (tests)
   */
  public record Management(String host, int port) {
  }

  /**
   * Validates the merged configuration tree.
   *
   * @param json the merged tree, shaped like {@code conf/gateway.yaml}
   * @return the checked configuration
   * @throws ConfigException naming the first key whose value is missing or invalid
   */
  public static GatewayConfig fromJson(JsonObject json) {
    JsonObject s = section(json, "server");
    Server server = new Server(
        requiredString(s, "server.host", "host"),
        intIn(s, "server.port", "port", 0, 65535),
        baseUrl(s.getValue("publicBaseUrl"), "server.publicBaseUrl"),
        intIn(s, "server.instances", "instances", 0, 64),
        bool(s, "server.accessLog", "accessLog"));

    JsonObject h = section(json, "hub");
    String modeText = requiredString(h, "hub.mode", "mode").toLowerCase(Locale.ROOT);
    HubMode mode = switch (modeText) {
      case "embedded" -> HubMode.EMBEDDED;
      case "remote" -> HubMode.REMOTE;
      default -> throw new ConfigException("hub.mode", "expected 'embedded' or 'remote', was '" + modeText + "'");
    };
    String hubUrl = baseUrl(h.getValue("url"), "hub.url");
    if (mode == HubMode.REMOTE && hubUrl == null) {
      throw new ConfigException("hub.url", "required when hub.mode is 'remote'");
    }
    String secret = optionalString(h, "hub.webhookSecret", "webhookSecret");
    Hub hub = new Hub(mode, hubUrl,
        Path.of(requiredString(h, "hub.catalog", "catalog")),
        secret == null || secret.isEmpty() ? null : secret,
        durationIn(h, "hub.connectTimeout", "connectTimeout", Duration.ofMillis(1), Duration.ofMinutes(1)),
        durationIn(h, "hub.timeout", "timeout", Duration.ofMillis(1), Duration.ofMinutes(5)),
        bytesIn(h, "hub.maxBodySize", "maxBodySize", 1024, 64L * 1024 * 1024),
        intIn(h, "hub.maxPoolSize", "maxPoolSize", 1, 1024),
        durationIn(h, "hub.maxAge", "maxAge", Duration.ZERO, Duration.ofDays(365)),
        emptyToNull(optionalString(h, "hub.apiKey", "apiKey")),
        intIn(h, "hub.maxWaitQueueSize", "maxWaitQueueSize", 0, 100_000),
        durationIn(h, "hub.connectRetryDelay", "connectRetryDelay", Duration.ZERO, Duration.ofSeconds(10)),
        intIn(h, "hub.breakerMaxFailures", "breakerMaxFailures", 1, 10_000),
        durationIn(h, "hub.breakerFailureWindow", "breakerFailureWindow", Duration.ofMillis(1), Duration.ofHours(1)),
        durationIn(h, "hub.breakerResetTimeout", "breakerResetTimeout", Duration.ofMillis(1), Duration.ofHours(1)),
        bytesIn(h, "hub.webhookMaxBodySize", "webhookMaxBodySize", 1024, 16L * 1024 * 1024));

    JsonObject c = section(json, "cache");
    Cache cache = new Cache(
        bytesIn(c, "cache.maxSize", "maxSize", 1024 * 1024, Long.MAX_VALUE),
        durationIn(c, "cache.minTtl", "minTtl", Duration.ZERO, Duration.ofDays(365)),
        durationIn(c, "cache.maxTtl", "maxTtl", Duration.ZERO, Duration.ofDays(365)),
        durationIn(c, "cache.defaultTtl", "defaultTtl", Duration.ZERO, Duration.ofDays(365)),
        durationIn(c, "cache.staleWhileRevalidate", "staleWhileRevalidate", Duration.ZERO, Duration.ofDays(1)),
        durationIn(c, "cache.staleIfError", "staleIfError", Duration.ZERO, Duration.ofDays(7)),
        durationIn(c, "cache.negativeTtl", "negativeTtl", Duration.ZERO, Duration.ofDays(1)),
        durationIn(c, "cache.failureTtl", "failureTtl", Duration.ZERO, Duration.ofSeconds(10)));
    if (cache.minTtl().compareTo(cache.maxTtl()) > 0) {
      throw new ConfigException("cache.minTtl", "must not exceed cache.maxTtl");
    }

    JsonObject o = section(json, "oembed");
    Object rawSchemes = o.getValue("schemes");
    List<String> schemes = new ArrayList<>();
    if (rawSchemes instanceof JsonArray arr) {
      for (int i = 0; i < arr.size(); i++) {
        if (!(arr.getValue(i) instanceof String str) || str.isBlank()) {
          throw new ConfigException("oembed.schemes", "entry " + i + " must be a URL pattern string");
        }
        schemes.add(str.trim());
      }
    } else if (rawSchemes != null) {
      throw new ConfigException("oembed.schemes", "expected a list of URL patterns");
    }
    if (schemes.isEmpty()) {
      schemes.add(PUBLIC_BASE_URL_PLACEHOLDER + "/media/{id}");
    }
    List<String> aliases = new ArrayList<>();
    for (String alias : stringList(o, "oembed.hostAliases", "hostAliases")) {
      String a = alias.toLowerCase(Locale.ROOT);
      if (!a.matches("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+")) {
        throw new ConfigException("oembed.hostAliases", "expected host prefixes such as 'www.' or 'm.', was '" + alias + "'");
      }
      aliases.add(a);
    }
    OEmbed oembed = new OEmbed(List.copyOf(schemes), requiredString(o, "oembed.providerName", "providerName"),
        List.copyOf(aliases));

    JsonObject e = section(json, "embed");
    List<String> ancestors = new ArrayList<>();
    for (String src : stringList(e, "embed.frameAncestors", "frameAncestors")) {
      // CSP source expressions (CSP3 §2.3.1): no whitespace, ';' or ',' that would end the directive or policy
      if (!src.matches("[^\\s;,'\"]+|'self'|'none'")) {
        throw new ConfigException("embed.frameAncestors", "not a CSP source expression: '" + src + "'");
      }
      ancestors.add(src);
    }
    if (ancestors.isEmpty()) {
      throw new ConfigException("embed.frameAncestors", "required: a list of CSP sources such as '*' or 'https://news.example'");
    }
    if (ancestors.size() > 1 && ancestors.contains("'none'")) {
      throw new ConfigException("embed.frameAncestors", "'none' must stand alone");
    }
    Embed embed = new Embed(List.copyOf(ancestors));

    JsonObject l = section(json, "limits");
    Limits limits = new Limits(
        (int) bytesIn(l, "limits.maxRequestLine", "maxRequestLine", 256, 64 * 1024),
        (int) bytesIn(l, "limits.maxHeaderSize", "maxHeaderSize", 1024, 256 * 1024),
        bytesIn(l, "limits.maxBodySize", "maxBodySize", 0, 64L * 1024 * 1024),
        durationIn(l, "limits.requestHeaderTimeout", "requestHeaderTimeout", Duration.ofMillis(100), Duration.ofMinutes(10)),
        durationIn(l, "limits.requestBodyTimeout", "requestBodyTimeout", Duration.ofMillis(100), Duration.ofMinutes(10)),
        durationIn(l, "limits.idleTimeout", "idleTimeout", Duration.ofSeconds(1), Duration.ofHours(1)));
    JsonObject m = section(json, "metrics");
    Metrics metrics = new Metrics(
        intIn(m, "metrics.eventOrigins", "eventOrigins", 0, 100_000),
        intIn(m, "metrics.eventMediaIds", "eventMediaIds", 0, 1_000_000));
    return new GatewayConfig(server, hub, cache, oembed, partners(section(json, "partners")),
        rights(section(json, "rights")), metrics, embed, limits, management(section(json, "management"), server));
  }

  private static final java.util.regex.Pattern HOST_NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");

  private static Management management(JsonObject m, Server server) {
    String host = requiredString(m, "management.host", "host");
    // a host name or IPv4 literal, or an IPv6 literal without brackets (::1)
    if (!(host.contains(":") ? io.netty.util.NetUtil.isValidIpV6Address(host) : HOST_NAME.matcher(host).matches())) {
      throw new ConfigException("management.host",
          "expected an IP address or host name such as 127.0.0.1, was '" + host + "'");
    }
    int port = intIn(m, "management.port", "port", 0, 65535);
    if (port != 0 && port == server.port()) {
      throw new ConfigException("management.port",
          "must differ from server.port (" + port + "): /metrics stays off the public port");
    }
    return new Management(host, port);
  }

  private static final java.util.regex.Pattern PARTNER_NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
  private static final java.util.regex.Pattern SHA256_HEX = java.util.regex.Pattern.compile("[0-9a-f]{64}");
  private static final java.util.regex.Pattern HEADER_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");
  private static final java.util.regex.Pattern FRAME_SOURCE =
      java.util.regex.Pattern.compile("https?://(\\*\\.)?[A-Za-z0-9.-]+(:\\d{1,5})?");

  private static Partners partners(JsonObject p) {
    List<Partner> list = new ArrayList<>();
    Object raw = p.getValue("list");
    if (raw instanceof JsonArray arr) {
      for (int i = 0; i < arr.size(); i++) {
        String key = "partners.list[" + i + "]";
        if (!(arr.getValue(i) instanceof JsonObject o)) {
          throw new ConfigException(key, "expected a partner object with name, keySha256, rateLimit, frameAncestors");
        }
        list.add(partner(o, key));
      }
    } else if (raw != null) {
      throw new ConfigException("partners.list", "expected a list of partners");
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    java.util.Set<String> hashes = new java.util.HashSet<>();
    for (Partner partner : list) {
      if (!names.add(partner.name())) {
        throw new ConfigException("partners.list", "partner name '" + partner.name() + "' is used twice");
      }
      if (!hashes.add(partner.keySha256())) {
        throw new ConfigException("partners.list", "partner '" + partner.name() + "' has the key hash of another partner");
      }
    }
    String secret = emptyToNull(optionalString(p, "partners.signingSecret", "signingSecret"));
    if (secret != null && secret.length() < 16) {
      throw new ConfigException("partners.signingSecret", "too short: use at least 16 characters (32 random bytes, hex, recommended)");
    }
    String ipHeader = emptyToNull(optionalString(p, "partners.clientIpHeader", "clientIpHeader"));
    if (ipHeader != null && !HEADER_NAME.matcher(ipHeader).matches()) {
      throw new ConfigException("partners.clientIpHeader", "not an HTTP header name: '" + ipHeader + "'");
    }
    Partners result = new Partners(List.copyOf(list),
        anonymous(p.getValue("anonymous")),
        ipHeader,
        intIn(p, "partners.maxTrackedClients", "maxTrackedClients", 1, 10_000_000),
        durationIn(p, "partners.clientIdle", "clientIdle", Duration.ofSeconds(1), Duration.ofDays(1)),
        secret,
        durationIn(p, "partners.maxSignedTtl", "maxSignedTtl", Duration.ofSeconds(1), Duration.ofDays(366)));
    if (result.clientIdle().compareTo(result.anonymous().period()) < 0) {
      // a bucket forgotten before it refills would hand an idle client a fresh, full one early
      throw new ConfigException("partners.clientIdle", "must be at least partners.anonymous.period");
    }
    return result;
  }

  private static Partner partner(JsonObject o, String key) {
    for (String field : o.fieldNames()) {
      if (!List.of("name", "keySha256", "rateLimit", "frameAncestors").contains(field)) {
        throw new ConfigException(key + "." + field, "unknown key (a partner has name, keySha256, rateLimit, frameAncestors)");
      }
    }
    String name = requiredString(o, key + ".name", "name");
    if (!PARTNER_NAME.matcher(name).matches()) {
      throw new ConfigException(key + ".name", "expected lower-case letters, digits and '-', at most 32, was '" + name + "'");
    }
    String hash = requiredString(o, key + ".keySha256", "keySha256").toLowerCase(Locale.ROOT);
    if (!SHA256_HEX.matcher(hash).matches()) {
      throw new ConfigException(key + ".keySha256", "expected the 64 hex digits of the key's SHA-256 "
          + "(java -jar playgate-gateway.jar partner-key <key>), not the key itself");
    }
    List<String> ancestors = new ArrayList<>();
    Object fa = o.getValue("frameAncestors");
    if (fa instanceof JsonArray arr) {
      for (int i = 0; i < arr.size(); i++) {
        if (!(arr.getValue(i) instanceof String src) || !FRAME_SOURCE.matcher(src.trim()).matches()) {
          throw new ConfigException(key + ".frameAncestors[" + i + "]",
              "expected an origin such as https://acme.example or https://*.acme.example");
        }
        ancestors.add(src.trim());
      }
    } else if (fa != null) {
      throw new ConfigException(key + ".frameAncestors", "expected a list of origins");
    }
    return new Partner(name, hash, rateLimit(o.getValue("rateLimit"), key + ".rateLimit"), List.copyOf(ancestors));
  }

  /** The anonymous bucket; capacity 0 switches the anonymous limit off (benchmarks, tests). */
  private static RateLimit anonymous(Object raw) {
    if (raw instanceof JsonObject o && o.getValue("capacity") != null && String.valueOf(o.getValue("capacity")).trim().equals("0")) {
      return new RateLimit(0, durationIn(o, "partners.anonymous.period", "period", Duration.ofSeconds(1), Duration.ofDays(1)));
    }
    return rateLimit(raw, "partners.anonymous");
  }

  private static RateLimit rateLimit(Object raw, String key) {
    if (!(raw instanceof JsonObject o)) {
      throw new ConfigException(key, "expected {capacity: <requests>, period: <duration>}");
    }
    return new RateLimit(intIn(o, key + ".capacity", "capacity", 1, 10_000_000),
        durationIn(o, key + ".period", "period", Duration.ofSeconds(1), Duration.ofDays(1)));
  }

  private static Rights rights(JsonObject r) {
    String header = emptyToNull(optionalString(r, "rights.countryHeader", "countryHeader"));
    if (header != null && !HEADER_NAME.matcher(header).matches()) {
      throw new ConfigException("rights.countryHeader", "not an HTTP header name: '" + header + "'");
    }
    String unknown = requiredString(r, "rights.unknownCountry", "unknownCountry").toLowerCase(Locale.ROOT);
    UnknownCountry uc = switch (unknown) {
      case "allow" -> UnknownCountry.ALLOW;
      case "deny" -> UnknownCountry.DENY;
      default -> throw new ConfigException("rights.unknownCountry", "expected 'allow' or 'deny', was '" + unknown + "'");
    };
    return new Rights(header, uc);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /**
   * @param actualPort the port the server really bound (differs from {@code server.port} when that is 0)
   * @return the public base URL without trailing slash
   */
  public String publicBaseUrl(int actualPort) {
    return server.publicBaseUrl() != null ? server.publicBaseUrl() : "http://localhost:" + actualPort;
  }

  private static JsonObject section(JsonObject json, String name) {
    Object v = json.getValue(name);
    if (!(v instanceof JsonObject obj)) {
      throw new ConfigException(name, "missing section");
    }
    return obj;
  }

  /** A list of non-blank strings; absent or null is empty. */
  private static List<String> stringList(JsonObject obj, String key, String field) {
    Object raw = obj.getValue(field);
    List<String> out = new ArrayList<>();
    if (raw == null) {
      return out;
    }
    if (!(raw instanceof JsonArray arr)) {
      throw new ConfigException(key, "expected a list");
    }
    for (int i = 0; i < arr.size(); i++) {
      if (!(arr.getValue(i) instanceof String str) || str.isBlank()) {
        throw new ConfigException(key, "entry " + i + " must be a non-empty string");
      }
      out.add(str.trim());
    }
    return out;
  }

  private static String optionalString(JsonObject obj, String key, String field) {
    Object v = obj.getValue(field);
    if (v == null) {
      return null;
    }
    if (v instanceof String str) {
      return str.trim();
    }
    if (v instanceof Number || v instanceof Boolean) {
      return String.valueOf(v);
    }
    throw new ConfigException(key, "expected a string");
  }

  private static String requiredString(JsonObject obj, String key, String field) {
    String v = optionalString(obj, key, field);
    if (v == null || v.isEmpty()) {
      throw new ConfigException(key, "required");
    }
    return v;
  }

  private static boolean bool(JsonObject obj, String key, String field) {
    Object v = obj.getValue(field);
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String str && (str.equalsIgnoreCase("true") || str.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(str);
    }
    throw new ConfigException(key, "expected true or false, was '" + v + "'");
  }

  private static int intIn(JsonObject obj, String key, String field, int min, int max) {
    Object v = obj.getValue(field);
    long n;
    if (v instanceof Number num && num.doubleValue() == num.longValue()) {
      n = num.longValue();
    } else if (v instanceof String str && str.trim().matches("-?\\d{1,10}")) {
      n = Long.parseLong(str.trim());
    } else {
      throw new ConfigException(key, "expected a whole number from " + min + " to " + max + ", was '" + v + "'");
    }
    if (n < min || n > max) {
      throw new ConfigException(key, "expected a whole number from " + min + " to " + max + ", was " + n);
    }
    return (int) n;
  }

  private static Duration durationIn(JsonObject obj, String key, String field, Duration min, Duration max) {
    Object v = obj.getValue(field);
    if (v == null) {
      throw new ConfigException(key, "required");
    }
    Duration d = Units.duration(key, v);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new ConfigException(key, "must be between " + min.toMillis() + "ms and " + max.toMillis() + "ms, was '" + v + "'");
    }
    return d;
  }

  private static long bytesIn(JsonObject obj, String key, String field, long min, long max) {
    Object v = obj.getValue(field);
    if (v == null) {
      throw new ConfigException(key, "required");
    }
    long n = Units.bytes(key, v);
    if (n < min || n > max) {
      throw new ConfigException(key, "must be between " + min + " and " + max + " bytes, was '" + v + "'");
    }
    return n;
  }

  /** An absolute http(s) URL without query, fragment or userinfo; the trailing slash is dropped. */
  private static String baseUrl(Object value, String key) {
    if (value == null || (value instanceof String str && str.isBlank())) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new ConfigException(key, "expected an absolute http or https URL");
    }
    try {
      URI uri = new URI(text.trim());
      String scheme = Objects.requireNonNullElse(uri.getScheme(), "").toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
          || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new ConfigException(key, "expected an absolute http or https URL without userinfo, query or fragment, was '" + text + "'");
      }
      String s = uri.toString();
      while (s.endsWith("/")) {
        s = s.substring(0, s.length() - 1);
      }
      return s;
    } catch (URISyntaxException e) {
      throw new ConfigException(key, "not a URL: '" + text + "'");
    }
  }
}
