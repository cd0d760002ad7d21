package io.playgate.gateway.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The media-type check of a route that reads a body: a {@code Content-Type} whose {@code type/subtype} is not one of
 * the route's is 415 (RFC 9110 §15.5.16), before a byte of the body is read. Types and subtypes are compared
 * case-insensitively and parameters are ignored (RFC 9110 §8.3.1: {@code APPLICATION/JSON; Charset=UTF-8} is
 * {@code application/json}); Vert.x Web's {@code Route.consumes} compares them case-sensitively. A
 * {@link PlatformHandler}, so Vert.x Web lets it precede the route's {@code BodyHandler} (which would otherwise decode
 * a form body before anyone said no to it).
 */
public final class MediaTypeHandler implements PlatformHandler {

  private final List<String> accepted;
  private final String detail;

  private MediaTypeHandler(List<String> accepted) {
    this.accepted = accepted;
    this.detail = "Content-Type: send the body as " + String.join(" or ", accepted);
  }

  /**
   * @param mediaTypes the accepted {@code type/subtype} values, lower-case, at least one
   * @return the handler
   */
  public static MediaTypeHandler accepting(String... mediaTypes) {
    if (mediaTypes.length == 0) {
      throw new IllegalArgumentException("no media type");
    }
    return new MediaTypeHandler(List.of(mediaTypes));
  }

  /**
   * @param contentType a {@code Content-Type} value, or {@code null}
   * @return its {@code type/subtype}, trimmed and lower-cased, without parameters; empty for {@code null}
   */
  public static String mediaType(@Nullable String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (accepted.contains(mediaType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)))) {
      ctx.next();
    } else {
      ctx.fail(new ProblemException(415, detail));
    }
  }
}
