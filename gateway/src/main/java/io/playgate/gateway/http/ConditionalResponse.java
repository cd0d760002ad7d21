package io.playgate.gateway.http;

import io.playgate.hub.local.EntityTags;
import io.vertx.core.buffer.Buffer;
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

  private ConditionalResponse() {
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
