package io.playgate.gateway.http;

import io.playgate.hub.local.EntityTags;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ends a cacheable response towards clients: {@code ETag} and {@code Cache-Control} always, and {@code 304 Not
 * Modified} without a body when the request's {@code If-None-Match} lists the tag (RFC 9110 §13.1.2, weak
 * comparison; §15.4.5: a 304 carries the same {@code ETag} and {@code Cache-Control} a 200 would).
 */
public final class ConditionalResponse {

  /** {@code ETag}, validated once. */
  public static final CharSequence ETAG = HttpHeaders.createOptimized("ETag");
  /** {@code Cache-Control}, validated once. */
  public static final CharSequence CACHE_CONTROL = HttpHeaders.createOptimized("Cache-Control");

  private static final CharSequence IF_NONE_MATCH = HttpHeaders.createOptimized("If-None-Match");
  private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
  private static final CharSequence CONTENT_LENGTH = HttpHeaders.createOptimized("Content-Length");

  private ConditionalResponse() {
  }

  /**
   * Ends with a prepared answer ({@link PreparedResponses}): its head and its body as they are, or a {@code 304}
   * with the same headers but {@code Content-Type} and {@code Content-Length} when {@code If-None-Match} lists its
   * tag. Headers set on the response before (e.g. {@code Vary}) are kept: when they are the ones the answer was built
   * after, its whole head is shared as it is; otherwise its own headers are added to them. Call on the request's
   * event loop.
   *
   * @param ctx the request
   * @param answer the prepared 200
   */
  public static void end(RoutingContext ctx, PreparedResponses.Prepared answer) {
    HttpServerResponse resp = ctx.response();
    MultiMap headers = resp.headers();
    if (EntityTags.ifNoneMatch(ctx.request().getHeader(IF_NONE_MATCH), answer.etag())) {
      headers.addAll(answer.own()).remove(CONTENT_TYPE).remove(CONTENT_LENGTH);
      resp.setStatusCode(304).end();
      return;
    }
    if (answer.follows(headers)) {
      // the usual case (the same Vary as when it was built): the read-only head is shared, not copied
      headers.setAll(answer.head());
    } else {
      headers.addAll(answer.own());
    }
    resp.end(answer.body());
  }

  /**
   * @param ctx the request
   * @param etag the representation's entity tag, quoted, optionally {@code W/}-prefixed
   * @param cacheControl the {@code Cache-Control} value
   * @param body supplies the body, called only for a 200
   */
  public static void end(RoutingContext ctx, String etag, String cacheControl, java.util.function.Supplier<Buffer> body) {
    HttpServerResponse resp = ctx.response();
    resp.putHeader("ETag", etag).putHeader("Cache-Control", cacheControl);
    if (EntityTags.ifNoneMatch(ctx.request().getHeader("If-None-Match"), etag)) {
      resp.headers().remove("Content-Type");
      resp.setStatusCode(304).end();
      return;
    }
    resp.end(body.get());
  }

  /**
   * A strong entity tag for fixed bytes (RFC 9110 §8.8.3): the first 128 bits of their SHA-256, so it changes exactly
   * when they do.
   *
   * @param bytes the representation's bytes, not {@code null}
   * @return the tag, quoted (32 hex digits between double quotes)
   */
  public static String strongEtag(byte[] bytes) {
    try {
      return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
