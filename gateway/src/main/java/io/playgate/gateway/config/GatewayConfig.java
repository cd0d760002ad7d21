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
 */
public record GatewayConfig(Server server, Hub hub, Cache cache, OEmbed oembed) {

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
   */
  public record Hub(HubMode mode, String url, Path catalog, String webhookSecret, Duration connectTimeout,
      Duration timeout, long maxBodyBytes, int maxPoolSize, Duration localMaxAge) {
  }

  /**
   * @param maxBytes byte-weighted bound of the media cache (entries and their rendered variants)
   * @param minTtl lower clamp on the hub's {@code max-age}
   * @param maxTtl upper clamp on the hub's {@code max-age}
   * @param defaultTtl lifetime when the hub sends no {@code max-age}
   */
  public record Cache(long maxBytes, Duration minTtl, Duration maxTtl, Duration defaultTtl) {
  }

  /**
   * @param schemes URL patterns accepted by {@code GET /oembed}, with {@code {publicBaseUrl}} not yet substituted
   * @param providerName oEmbed {@code provider_name}
   */
  public record OEmbed(List<String> schemes, String providerName) {
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
        durationIn(h, "hub.maxAge", "maxAge", Duration.ZERO, Duration.ofDays(365)));

    JsonObject c = section(json, "cache");
    Cache cache = new Cache(
        bytesIn(c, "cache.maxSize", "maxSize", 1024 * 1024, Long.MAX_VALUE),
        durationIn(c, "cache.minTtl", "minTtl", Duration.ZERO, Duration.ofDays(365)),
        durationIn(c, "cache.maxTtl", "maxTtl", Duration.ZERO, Duration.ofDays(365)),
        durationIn(c, "cache.defaultTtl", "defaultTtl", Duration.ZERO, Duration.ofDays(365)));
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
    OEmbed oembed = new OEmbed(List.copyOf(schemes), requiredString(o, "oembed.providerName", "providerName"));
    return new GatewayConfig(server, hub, cache, oembed);
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
