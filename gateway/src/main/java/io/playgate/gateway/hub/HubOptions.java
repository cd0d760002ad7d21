package io.playgate.gateway.hub;

import io.playgate.gateway.options.ConfigReader;
import io.playgate.units.Durations;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which content hub the gateway uses and how it talks to it: the {@value #KEY} section of {@code conf/gateway.yaml}
 * ({@code mode}, {@code catalog}, {@code maxAge}, plus the keys of {@link HubClientOptions} and
 * {@link HubBreakerOptions}; the webhook's keys belong to the takedown capability).
 *
 * @param mode the embedded local hub or a remote one
 * @param catalog the embedded hub's catalogue folder (holds {@code catalog.json}), relative to the working directory
 *     or absolute
 * @param localMaxAge {@code Cache-Control: max-age} the embedded hub sends with each MediaItem, 0..365 days
 * @param client how the hub is called; its {@link HubClientOptions#baseUrl()} supplies {@code hub.url} (non-null in
 *     remote mode)
 * @param breaker the circuit breaker in front of the client
 * @param subsonic the Subsonic server of subsonic mode ({@code hub.subsonic.*}; its url, user and password are set
 *     in that mode)
 */
public record HubOptions(Mode mode, Path catalog, Duration localMaxAge, HubClientOptions client,
    HubBreakerOptions breaker, SubsonicOptions subsonic) {

  /** The configuration section these options are read from. */
  public static final String KEY = "hub";
  /** Default {@link #mode()}: embedded. */
  public static final Mode DEFAULT_MODE = Mode.EMBEDDED;
  /** Default {@link #catalog()}: {@code conf/catalog}. */
  public static final Path DEFAULT_CATALOG = Path.of("conf/catalog");
  /** Default {@link #localMaxAge()} ({@code hub.maxAge}): 300 s. */
  public static final Duration DEFAULT_LOCAL_MAX_AGE = Duration.ofSeconds(300);

  /** {@code hub.mode}: the file-backed local hub mounted at {@code /hub/}, or a remote hub at {@code hub.url}. */
  public enum Mode {
    /** The local hub built from {@code hub.catalog}, served at {@code /hub/} on the gateway's own server. */
    EMBEDDED,
    /** The hub at {@code hub.url}. */
    REMOTE,
    /**
     * A Subsonic server at {@code hub.subsonic.url} (Subsonic REST API 1.10.2 and later), adapted to MediaItems; its
     * streams and cover art reach browsers through the gateway's media proxy.
     */
    SUBSONIC
  }

  /**
   * Checks the values.
   *
   * @throws NullPointerException when a value is missing
   * @throws IllegalArgumentException when the max-age is negative
   */
  public HubOptions {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(breaker, "breaker");
    Objects.requireNonNull(subsonic, "subsonic");
    if (localMaxAge.isNegative()) {
      throw new IllegalArgumentException("localMaxAge must not be negative");
    }
  }

  /**
   * Reads and checks the {@value #KEY} section: {@code mode} ({@code embedded}, {@code remote} or {@code subsonic};
   * {@code url} is required when remote, {@code subsonic.url}, {@code subsonic.user} and {@code subsonic.password}
   * when subsonic), {@code catalog} (a folder path), {@code maxAge} (0..365 days), and the keys of
   * {@link HubClientOptions#fromJson} and {@link HubBreakerOptions#fromJson}.
   *
   * @param json the {@value #KEY} section
   * @return the options
   * @throws io.playgate.gateway.options.ConfigException naming the first bad key, e.g. {@code hub.url}
   */
  public static HubOptions fromJson(@Nullable JsonObject json) {
    ConfigReader h = ConfigReader.of(KEY, json);
    Mode mode = h.oneOf("mode", Mode.class);
    HubClientOptions client = HubClientOptions.fromJson(json);
    if (mode == Mode.REMOTE && client.baseUrl().get() == null) {
      throw h.invalid("url", "required when hub.mode is 'remote'");
    }
    SubsonicOptions subsonic = SubsonicOptions.fromJson(h);
    if (mode == Mode.SUBSONIC) {
      requireSet(h, subsonic.url(), "subsonic.url");
      requireSet(h, subsonic.user(), "subsonic.user");
      requireSet(h, subsonic.password(), "subsonic.password");
    }
    return new HubOptions(mode, Path.of(h.string("catalog")),
        h.durationIn("maxAge", Duration.ZERO, Duration.ofDays(365)), client, HubBreakerOptions.fromJson(json),
        subsonic);
  }

  private static void requireSet(ConfigReader h, @Nullable String value, String key) {
    if (value == null) {
      throw h.invalid(key, "required when hub.mode is 'subsonic'");
    }
  }

  /** @return the {@value #KEY} section (but the webhook's keys), as {@link #fromJson} reads it */
  public JsonObject toJson() {
    return new JsonObject().put("mode", mode.name().toLowerCase(java.util.Locale.ROOT))
        .put("catalog", catalog.toString()).put("maxAge", Durations.format(localMaxAge))
        .mergeIn(client.toJson()).mergeIn(breaker.toJson()).put(SubsonicOptions.KEY, subsonic.toJson());
  }

  @Override
  public String toString() {
    // the credential never reaches a log line (HubClientOptions masks it)
    return "HubOptions[mode=" + mode + ", url=" + client.baseUrl().get() + ", catalog=" + catalog + ", client=" + client
        + ", breaker=" + breaker + ", subsonic=" + subsonic + "]";
  }
}
