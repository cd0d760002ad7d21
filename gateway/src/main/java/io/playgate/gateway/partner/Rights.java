package io.playgate.gateway.partner;

import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.Visibility;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Applies the rights the hub sets on a MediaItem (ARCHITECTURE.md, "Hub API v1", and the {@code visibility} extension)
 * to one viewer. Checked in this order, the first that fails decides:
 * <ol>
 *   <li>{@code visibility} private or unlisted: only through a valid signed embed URL ({@link EmbedSigner});</li>
 *   <li>{@code embeddable: false}: the owner disabled embedding;</li>
 *   <li>{@code territories}: the viewer's country (ISO 3166-1 alpha-2, from the trusted header
 *       {@code rights.countryHeader}, e.g. {@code CF-IPCountry}) must be listed, or the list must be {@code ["*"]}.
 *       An unknown country (header not configured, absent, sent twice or as a list, not two letters, or
 *       Cloudflare's {@code XX}/{@code T1}) gets {@code rights.unknownCountry}: {@code deny} (the default, failing
 *       closed) or {@code allow}.</li>
 * </ol>
 * {@code explicit} never blocks; handlers flag it. Thread-safe.
 */
public final class Rights {

  /** The outcome for one viewer. */
  public enum Decision {
    /** May play. */
    PLAY,
    /** Private or unlisted, and no valid signature. */
    PRIVATE,
    /** The owner disabled embedding. */
    NOT_EMBEDDABLE,
    /** Not licensed in the viewer's country (or the country is unknown and unknown is denied). */
    TERRITORY
  }

  /** What a request proves about its right to private and unlisted media. */
  public enum Access {
    /** No valid signed embed URL: public media only. */
    PUBLIC_ONLY,
    /** A valid signed embed URL for this id ({@link EmbedSigner.Verdict#VALID}): private and unlisted media too. */
    SIGNED_URL
  }

  /** Where the media would be shown, which decides whether the owner's {@code embeddable} flag applies. */
  public enum Use {
    /** Inside someone else's page ({@code /oembed}, {@code /embed/{id}}): {@code embeddable} applies. */
    EMBEDDED,
    /** On the gateway's own share page ({@code /media/{id}}): {@code embeddable} does not apply. */
    OWN_PAGE
  }

  private final @Nullable String countryHeader;
  private final boolean allowUnknown;

  private Rights(RightsOptions options) {
    this.countryHeader = options.countryHeader();
    this.allowUnknown = options.unknownCountry() == RightsOptions.UnknownCountry.ALLOW;
  }

  /**
   * @param options {@code rights.*}
   * @return the policy
   */
  public static Rights create(RightsOptions options) {
    return new Rights(options);
  }

  /**
   * @param item the MediaItem
   * @param req the viewer's request (for the country header)
   * @param access whether the request carries a valid signed embed URL for this item
   * @param use where the media would be shown
   * @return the decision
   */
  public Decision decide(MediaItem item, HttpServerRequest req, Access access, Use use) {
    if (item.visibility() != Visibility.PUBLIC && access != Access.SIGNED_URL) {
      return Decision.PRIVATE;
    }
    if (use == Use.EMBEDDED && !item.embeddable()) {
      return Decision.NOT_EMBEDDABLE;
    }
    if (!territoryAllows(item, country(req))) {
      return Decision.TERRITORY;
    }
    return Decision.PLAY;
  }

  /**
   * @param item a MediaItem
   * @return the header responses about it vary by ({@code Vary}), or {@code null} when its territories are
   *     {@code ["*"]} or no country header is configured
   */
  public @Nullable String varyHeader(MediaItem item) {
    return countryHeader != null && !worldwide(item) ? countryHeader : null;
  }

  /**
   * @param req a request
   * @return the viewer's upper-case two-letter country, or {@code null} when unknown: also when the header is sent
   *     more than once or as a list ({@code DE, FR}), since a trusted proxy sets exactly one value and a second one
   *     was added by someone else (failing closed, not picking the first)
   */
  public @Nullable String country(HttpServerRequest req) {
    if (countryHeader == null) {
      return null;
    }
    List<String> values = req.headers().getAll(countryHeader);
    if (values.size() != 1 || values.get(0).indexOf(',') >= 0) {
      return null;
    }
    String v = values.get(0);
    v = v.trim().toUpperCase(Locale.ROOT);
    if (v.length() != 2 || !Character.isLetter(v.charAt(0)) || !Character.isLetter(v.charAt(1)) || v.charAt(0) > 'Z'
        || v.charAt(1) > 'Z' || v.equals("XX") || v.equals("T1")) {
      return null;
    }
    return v;
  }

  private boolean territoryAllows(MediaItem item, @Nullable String country) {
    if (worldwide(item)) {
      return true;
    }
    if (country == null) {
      return allowUnknown;
    }
    for (String t : item.territories()) {
      if (t.equalsIgnoreCase(country)) {
        return true;
      }
    }
    return false;
  }

  private static boolean worldwide(MediaItem item) {
    return item.territories().contains("*");
  }
}
