package io.playgate.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Security headers of the gateway's HTML pages (CSP Level 3). Player pages are meant to be framed by the pages in
 * {@code embed.frameAncestors} (default {@code *}, no {@code X-Frame-Options}); share pages only by the gateway
 * itself. Scripts and styles come only from the gateway ({@code 'self'}), never from inline blocks unless one
 * carries the response's nonce ({@link #nonce()}); media and images from the hub's http(s) URLs; no plugins
 * ({@code object-src 'none'}), no {@code <base>} ({@code base-uri 'none'}), no form posts.
 */
public final class SecurityHeaders {

  /**
   * Routing-context key of the player's {@code Content-Security-Policy} ({@code String}) for the configured
   * {@code frame-ancestors} sources, built once when the route is mounted ({@link #frameAncestors(List)}).
   */
  private static final String PLAYER_CSP_KEY = "playgate.playerCsp";

  private static final String BASE_BEFORE_SCRIPT = "default-src 'none'; script-src 'self'";
  private static final String BASE_AFTER_SCRIPT = "; style-src 'self'; "
      + "img-src 'self' https: http: data:; media-src 'self' https: http: blob:; connect-src 'self'; "
      + "font-src 'self'; base-uri 'none'; object-src 'none'; form-action 'none'; ";
  private static final String BASE = BASE_BEFORE_SCRIPT + BASE_AFTER_SCRIPT;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
  private static final CharSequence HTML = HttpHeaders.createOptimized("text/html; charset=utf-8");
  private static final CharSequence CSP = HttpHeaders.createOptimized("Content-Security-Policy");
  private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("X-Content-Type-Options");
  private static final CharSequence NOSNIFF_VALUE = HttpHeaders.createOptimized("nosniff");
  private static final CharSequence REFERRER = HttpHeaders.createOptimized("Referrer-Policy");
  private static final CharSequence REFERRER_VALUE = HttpHeaders.createOptimized("strict-origin-when-cross-origin");

  /** CSP of {@code /embed/{id}} with the default {@code embed.frameAncestors}: framable by any page. */
  public static final String PLAYER_CSP = BASE + "frame-ancestors *";
  /** CSP of {@code /media/{id}}: framable only by the gateway's own pages. */
  public static final String SHARE_CSP = BASE + "frame-ancestors 'self'";

  private SecurityHeaders() {
  }

  /**
   * @param frameAncestors CSP source expressions allowed to frame the player, e.g. {@code *} or
   *     {@code https://news.example} (a partner's origins, or {@code embed.frameAncestors}); {@code 'none'} alone
   *     forbids framing; empty means {@link #PLAYER_CSP}'s {@code frame-ancestors *}
   * @return the player page's {@code Content-Security-Policy}
   */
  public static String playerCsp(List<String> frameAncestors) {
    return frameAncestors.isEmpty() ? PLAYER_CSP : BASE + "frame-ancestors " + String.join(" ", frameAncestors);
  }

  /**
   * @param frameAncestors as {@link #playerCsp(List)}
   * @param nonce the response's script nonce from {@link #nonce()}: an inline {@code <script nonce="…">} with it
   *     runs, every other inline script does not ({@code 'unsafe-inline'} is never sent)
   * @return the player page's {@code Content-Security-Policy} with {@code 'nonce-…'} in {@code script-src}
   */
  public static String playerCsp(List<String> frameAncestors, String nonce) {
    return BASE_BEFORE_SCRIPT + " 'nonce-" + nonce + "'" + BASE_AFTER_SCRIPT + "frame-ancestors "
        + String.join(" ", frameAncestors);
  }

  /**
   * The player CSP for this request: the one {@link #frameAncestors(List)} recorded in the context from
   * {@code embed.frameAncestors} (the same {@code String} instance for every request of a route), else
   * {@link #PLAYER_CSP}.
   *
   * @param ctx the routing context
   * @return the {@code Content-Security-Policy} value
   */
  public static String playerCsp(RoutingContext ctx) {
    String csp = ctx.get(PLAYER_CSP_KEY);
    return csp == null ? PLAYER_CSP : csp;
  }

  /**
   * @param frameAncestors the configured {@code embed.frameAncestors}
   * @return a security-policy handler that records their player CSP, built once here, in the context for
   *     {@link #playerCsp(RoutingContext)}
   */
  public static Handler<RoutingContext> frameAncestors(List<String> frameAncestors) {
    String csp = playerCsp(List.copyOf(frameAncestors));
    return ctx -> {
      ctx.put(PLAYER_CSP_KEY, csp);
      ctx.next();
    };
  }

  /**
   * @return a fresh CSP nonce: 128 random bits, base64 (CSP3 §2.3.1 {@code nonce-source}); one per response, never
   *     reused, never cached inside a page's bytes
   */
  public static String nonce() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * Sets the headers of an HTML page.
   *
   * @param resp the response, before its head is written
   * @param csp the {@code Content-Security-Policy} value
   */
  public static void htmlPage(HttpServerResponse resp, String csp) {
    resp.putHeader(CONTENT_TYPE, HTML).putHeader(CSP, csp).putHeader(NOSNIFF, NOSNIFF_VALUE)
        .putHeader(REFERRER, REFERRER_VALUE);
  }

  /**
   * The headers {@link #htmlPage} sets, for an answer prepared once and sent many times
   * ({@link PreparedResponses#prepare}).
   *
   * @param csp the {@code Content-Security-Policy} value
   * @return a new array of 8: header names and values alternating, in {@link #htmlPage}'s order
   */
  public static CharSequence[] htmlPageHeaders(String csp) {
    return new CharSequence[] {CONTENT_TYPE, HTML, CSP, csp, NOSNIFF, NOSNIFF_VALUE, REFERRER, REFERRER_VALUE};
  }
}
