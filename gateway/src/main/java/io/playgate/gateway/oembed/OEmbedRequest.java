package io.playgate.gateway.oembed;

import io.playgate.gateway.http.ProblemException;
import io.playgate.gateway.http.QueryParams;
import io.playgate.widgets.PlayerOptions;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A validated {@code GET /oembed} request (oEmbed 1.0 §2.2). Checks run in this order, so the answer is
 * predictable: a repeated parameter → 400; {@code format} other than {@code json}/{@code xml} (case-insensitive)
 * → 501 (§2.3.4); missing {@code url} → 400; {@code maxwidth}/{@code maxheight} that are not whole numbers
 * {@code >= 1} → 400 (values beyond 2^31 - 1 are clamped, not errors); a bad player option → 400.
 *
 * @param url the {@code url} parameter, untrusted
 * @param format {@code json} or {@code xml}
 * @param maxWidth {@code maxwidth} in px, or {@code null}
 * @param maxHeight {@code maxheight} in px, or {@code null}
 * @param options player options carried into the iframe {@code src}
 */
public record OEmbedRequest(String url, String format, @Nullable Integer maxWidth, @Nullable Integer maxHeight,
    PlayerOptions options) {

  /**
   * @param q the query parameters
   * @return the validated request
   * @throws ProblemException 400 or 501 as described above
   */
  public static OEmbedRequest parse(QueryParams q) {
    String format = q.get("format");
    format = format == null ? "json" : format.toLowerCase(Locale.ROOT);
    if (!format.equals("json") && !format.equals("xml")) {
      throw new ProblemException(501, "format: only json and xml are supported");
    }
    String url = q.get("url");
    if (url == null || url.isBlank()) {
      throw ProblemException.badRequest("url: required (the URL of the media to embed)");
    }
    Integer maxWidth = dimension(q.get("maxwidth"), "maxwidth");
    Integer maxHeight = dimension(q.get("maxheight"), "maxheight");
    return new OEmbedRequest(url, format, maxWidth, maxHeight, q.playerOptions());
  }

  private static @Nullable Integer dimension(@Nullable String value, String name) {
    if (value == null) {
      return null;
    }
    if (!value.matches("[0-9]{1,100}")) {
      throw ProblemException.badRequest(name + ": expected a whole number of pixels, at least 1");
    }
    String digits = value.replaceFirst("^0+", "");
    if (digits.isEmpty()) {
      throw ProblemException.badRequest(name + ": must be at least 1");
    }
    if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
      return Integer.MAX_VALUE;
    }
    return Integer.parseInt(digits);
  }

  /** @return a canonical key of everything that changes the rendered answer (not the url, which maps to the id) */
  public String variantKey() {
    return "oembed|" + format + "|" + maxWidth + "|" + maxHeight + "|" + options.query();
  }
}
