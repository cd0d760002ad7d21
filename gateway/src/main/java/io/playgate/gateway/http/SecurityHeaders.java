package io.playgate.gateway.http;

import io.vertx.core.http.HttpServerResponse;

/**
 * Security headers of the gateway's HTML pages. Player pages are meant to be framed anywhere
 * ({@code frame-ancestors *}, no {@code X-Frame-Options}); share pages only by the gateway itself. Scripts and
 * styles come only from the gateway ({@code 'self'}); media and images from the hub's http(s) URLs.
 */
public final class SecurityHeaders {

  private static final String BASE = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' https: http: data:; media-src 'self' https: http: blob:; connect-src 'self'; "
      + "font-src 'self'; base-uri 'none'; object-src 'none'; form-action 'none'; ";

  /** CSP of {@code /embed/{id}}: framable by any page. */
  public static final String PLAYER_CSP = BASE + "frame-ancestors *";
  /** CSP of {@code /media/{id}}: framable only by the gateway's own pages. */
  public static final String SHARE_CSP = BASE + "frame-ancestors 'self'";

  private SecurityHeaders() {
  }

  /**
   * The player CSP for a partner's players (issue 5): framable only by the given origins.
   *
   * @param frameAncestors CSP source expressions (origins such as {@code https://acme.example}); empty means
   *     {@link #PLAYER_CSP}'s {@code frame-ancestors *}
   * @return the {@code Content-Security-Policy} value
   */
  public static String playerCsp(java.util.List<String> frameAncestors) {
    return frameAncestors.isEmpty() ? PLAYER_CSP : BASE + "frame-ancestors " + String.join(" ", frameAncestors);
  }

  /**
   * Sets the headers of an HTML page.
   *
   * @param resp the response, before its head is written
   * @param csp the {@code Content-Security-Policy} value
   */
  public static void htmlPage(HttpServerResponse resp, String csp) {
    resp.putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Content-Security-Policy", csp)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  }
}
