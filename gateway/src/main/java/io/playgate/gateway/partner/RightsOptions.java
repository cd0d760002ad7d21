package io.playgate.gateway.partner;

import io.playgate.gateway.options.ConfigReader;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the viewer's territory is found for the hub's {@code territories} field: the {@value #KEY} section of
 * {@code conf/gateway.yaml}, read by {@link Rights}.
 *
 * @param countryHeader request header a trusted CDN sets to the viewer's ISO 3166-1 alpha-2 country (e.g.
 *     {@code CF-IPCountry}), or {@code null} when none is trusted (every viewer's country is then unknown)
 * @param unknownCountry decision for territory-limited media when the country is unknown (no header, empty, not
 *     two letters, or Cloudflare's {@code XX}/{@code T1})
 */
public record RightsOptions(@Nullable String countryHeader, UnknownCountry unknownCountry) {

  /** The configuration section these options are read from. */
  public static final String KEY = "rights";
  /** Default {@link #unknownCountry()}: deny, failing closed. */
  public static final UnknownCountry DEFAULT_UNKNOWN_COUNTRY = UnknownCountry.DENY;

  /** What to do when the viewer's country is unknown and a MediaItem is limited to some territories. */
  public enum UnknownCountry {
    /** Play it. */
    ALLOW,
    /** Refuse it, as outside the territories. */
    DENY
  }

  /** Options with every default: no country header trusted, unknown countries denied. */
  public RightsOptions() {
    this(null, DEFAULT_UNKNOWN_COUNTRY);
  }

  /** Checks the values. */
  public RightsOptions {
    Objects.requireNonNull(unknownCountry, "unknownCountry");
  }

  /**
   * Reads and checks {@code countryHeader} (an HTTP header name, or empty) and {@code unknownCountry}
   * ({@code allow} or {@code deny}).
   *
   * @param json the {@value #KEY} section
   * @return the options
   * @throws io.playgate.gateway.options.ConfigException naming the bad key, e.g. {@code rights.unknownCountry}
   */
  public static RightsOptions fromJson(@Nullable JsonObject json) {
    ConfigReader r = ConfigReader.of(KEY, json);
    return new RightsOptions(r.headerName("countryHeader"), r.oneOf("unknownCountry", UnknownCountry.class));
  }

  /** @return the {@value #KEY} section, as {@link #fromJson} reads it */
  public JsonObject toJson() {
    return new JsonObject().put("countryHeader", countryHeader)
        .put("unknownCountry", unknownCountry.name().toLowerCase(Locale.ROOT));
  }
}
