package io.playgate.gateway.hub;

import io.playgate.gateway.options.ConfigReader;
import io.playgate.gateway.options.Units;
import io.playgate.units.Durations;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The Subsonic server behind {@code hub.mode: subsonic}: the {@code hub.subsonic} section of
 * {@code conf/gateway.yaml} (docs/operators.md "Configuration"). The connection limits, deadline, body cap and
 * breaker are the hub's ({@link HubClientOptions}, {@link HubBreakerOptions}); the freshness of each answer is
 * {@code hub.maxAge}.
 *
 * @param url the server's base URL without trailing slash (the API is under {@code /rest}), or {@code null} when
 *     unset (required in subsonic mode)
 * @param user the Subsonic user the gateway signs in as, or {@code null} when unset (required in subsonic mode)
 * @param password its password ({@code PLAYGATE_HUB_SUBSONIC_PASSWORD}), or {@code null}; never logged, never in a
 *     URL a browser sees
 * @param formats transcoded formats offered beside the original stream (Subsonic {@code stream?format=}), each a key
 *     of {@link #MIME_TYPES}; API 1.10.2 cannot list what a server transcodes to, so the operator names them
 * @param maxArtBytes cap on one cover art image proxied to browsers, 1 KiB..64 MiB (502 beyond)
 * @param playbackWindow how long a signed proxy URL of a private item outlives any cached page that holds it, so a
 *     tab left open keeps playing; 1 min..7 days
 */
public record SubsonicOptions(@Nullable String url, @Nullable String user, @Nullable String password,
    List<String> formats, long maxArtBytes, Duration playbackWindow) {

  /** The sub-section of {@code hub} these options are read from. */
  public static final String KEY = "subsonic";
  /** The transcoded formats that may be named in {@link #formats()}, and the MIME type each is served with. */
  public static final Map<String, String> MIME_TYPES = Map.of("mp3", "audio/mpeg", "opus", "audio/ogg; codecs=opus",
      "ogg", "audio/ogg", "aac", "audio/aac", "m4a", "audio/mp4", "flac", "audio/flac");
  /** Default {@link #maxArtBytes()} ({@code hub.subsonic.maxArtSize}): 5 MiB. */
  public static final long DEFAULT_MAX_ART_BYTES = 5L * 1024 * 1024;
  /** Default {@link #playbackWindow()}: 12 h. */
  public static final Duration DEFAULT_PLAYBACK_WINDOW = Duration.ofHours(12);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException for an unknown format or a cap or window out of range
   */
  public SubsonicOptions {
    formats = List.copyOf(formats);
    Objects.requireNonNull(playbackWindow, "playbackWindow");
    for (String f : formats) {
      if (!MIME_TYPES.containsKey(f)) {
        throw new IllegalArgumentException("unknown format " + f);
      }
    }
    if (maxArtBytes <= 0 || playbackWindow.isNegative()) {
      throw new IllegalArgumentException("maxArtBytes must be positive, playbackWindow not negative");
    }
  }

  /**
   * Reads and checks {@code hub.subsonic}: {@code url} (absolute http(s) URL or empty), {@code user} and
   * {@code password} (empty: unset), {@code formats} (a list of {@link #MIME_TYPES} keys), {@code maxArtSize}
   * (1 KiB..64 MiB), {@code playbackWindow} (1 min..7 days). Whether url and user are required is
   * {@link HubOptions#fromJson}'s to say.
   *
   * @param hub the reader of the {@code hub} section
   * @return the options
   * @throws io.playgate.gateway.options.ConfigException naming the first bad key, e.g. {@code hub.subsonic.formats[1]}
   */
  static SubsonicOptions fromJson(ConfigReader hub) {
    ConfigReader s = hub.section(KEY, "{url: <URL>, user: <name>, password: <secret>, formats: [<format>], …}");
    List<String> formats = s.strings("formats");
    for (int i = 0; i < formats.size(); i++) {
      if (!MIME_TYPES.containsKey(formats.get(i))) {
        throw new io.playgate.gateway.options.ConfigException(s.entry("formats", i),
            "must be one of " + new java.util.TreeSet<>(MIME_TYPES.keySet()));
      }
    }
    return new SubsonicOptions(s.baseUrl("url"), s.optionalString("user"), s.optionalString("password"), formats,
        s.bytesIn("maxArtSize", 1024, 64L * 1024 * 1024),
        s.durationIn("playbackWindow", Duration.ofMinutes(1), Duration.ofDays(7)));
  }

  /** @return the section as {@link #fromJson} reads it (the password included: never log it) */
  JsonObject toJson() {
    return new JsonObject().put("url", url).put("user", user).put("password", password)
        .put("formats", new JsonArray(formats)).put("maxArtSize", Units.sizeText(maxArtBytes))
        .put("playbackWindow", Durations.format(playbackWindow));
  }

  @Override
  public String toString() {
    return "SubsonicOptions[url=" + url + ", user=" + user + ", password=" + (password == null ? "unset" : "***")
        + ", formats=" + formats + ", maxArtBytes=" + maxArtBytes + ", playbackWindow=" + playbackWindow + "]";
  }
}
