package io.playgate.gateway.page;

import io.playgate.gateway.cache.CachedMedia;
import io.playgate.gateway.cache.Rendered;
import io.playgate.gateway.http.ConditionalResponse;
import io.playgate.gateway.http.PreparedResponses;
import io.playgate.gateway.http.SecurityHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * The public 200 answers of one HTML page route under one {@code Content-Security-Policy}, prepared once per rendered
 * variant, content coding and {@code max-age} second ({@link PreparedResponses}) and then sent as they are: the
 * headers of {@link SecurityHeaders#htmlPage}, {@code ETag}, {@code Cache-Control} and {@code Content-Length}. A
 * {@code 304} answers a matching {@code If-None-Match} with the same headers but {@code Content-Type} and
 * {@code Content-Length} (RFC 9110 §13.1.2, §15.4.5; {@link ConditionalResponse#end(RoutingContext,
 * PreparedResponses.Prepared)}).
 *
 * <p>The policy is fixed when the tables are made and its answers live only in them, so an answer prepared under one
 * policy (a partner's {@code frame-ancestors}) is never sent under another: a route with several policies keeps one
 * {@code PreparedPages} per policy. Only for answers every viewer may share: a signed or otherwise private page is
 * not prepared. Thread-safe.
 */
public final class PreparedPages {

  private static final CharSequence[] NONE = {};

  private final String csp;
  private final CharSequence[] headers;
  private final PreparedResponses identity = PreparedResponses.create();
  private final PreparedResponses gzip = PreparedResponses.create();

  private PreparedPages(String csp) {
    this.csp = csp;
    this.headers = SecurityHeaders.htmlPageHeaders(csp);
  }

  /**
   * @param csp the {@code Content-Security-Policy} of every answer these tables hold
   * @return empty tables for that policy
   */
  public static PreparedPages of(String csp) {
    return new PreparedPages(csp);
  }

  /** @return the {@code Content-Security-Policy} of every answer here */
  public String csp() {
    return csp;
  }

  /**
   * Ends the request with the page's prepared answer, preparing it first when this variant, coding and second has
   * none yet. Headers already on the response (e.g. {@code Vary}, {@code Content-Encoding}, {@code Link}) are kept.
   * Call on the request's event loop, after {@link MediaPipeline#coding}.
   *
   * @param ctx the request
   * @param entry the cache entry the page was rendered from: its {@code Cache-Control}
   * @param page the rendered variant, compared by identity
   * @param coding the content coding chosen for this request
   * @param maxAgeSeconds the {@code max-age} to send, {@code >= 0}
   */
  public void end(RoutingContext ctx, CachedMedia entry, Rendered page, Rendered.Coding coding, long maxAgeSeconds) {
    end(ctx, entry, page, coding, maxAgeSeconds, () -> NONE);
  }

  /**
   * As {@link #end(RoutingContext, CachedMedia, Rendered, Rendered.Coding, long)}, with more headers of the page's
   * own (e.g. {@code Link}), after the security headers, on the 200 and on a {@code 304}. They must be a function
   * of {@code page} alone: they are asked for only when the answer is prepared, and then shared.
   *
   * @param ctx the request
   * @param entry the cache entry the page was rendered from: its {@code Cache-Control}
   * @param page the rendered variant, compared by identity
   * @param coding the content coding chosen for this request
   * @param maxAgeSeconds the {@code max-age} to send, {@code >= 0}
   * @param more supplies header names and values, alternating; called on a miss only
   */
  public void end(RoutingContext ctx, CachedMedia entry, Rendered page, Rendered.Coding coding, long maxAgeSeconds,
      Supplier<CharSequence[]> more) {
    PreparedResponses table = coding == Rendered.Coding.GZIP ? gzip : identity;
    ConditionalResponse.end(ctx, table.get(page, maxAgeSeconds, () -> PreparedResponses.prepare(page, maxAgeSeconds,
        page.etag(coding), entry.cacheControl(maxAgeSeconds), page.body("", coding), ctx.response().headers(),
        concat(headers, more.get()))));
  }

  private static CharSequence[] concat(CharSequence[] first, CharSequence[] second) {
    CharSequence[] all = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }
}
