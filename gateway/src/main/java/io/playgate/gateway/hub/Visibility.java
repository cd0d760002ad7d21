package io.playgate.gateway.hub;

import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Who may see a MediaItem: the {@code visibility} extension field of the hub API (unknown fields are allowed by
 * hub API v1; ARCHITECTURE.md, "Hub API v1"). A hub sends non-public items only to callers holding its credential
 * ({@code hub.apiKey}, sent as {@code Authorization: Bearer}); everyone else gets 403. The gateway serves a
 * non-public item only through a valid signed embed URL.
 */
public enum Visibility {
  /** Anyone may see and embed it (the default when the field is absent). */
  PUBLIC,
  /** Reachable by link on the hub, but not listed; the gateway treats it like {@link #PRIVATE}. */
  UNLISTED,
  /** Only its owner and those they grant access to. */
  PRIVATE;

  /**
   * The routing-context key (Vert.x Web {@code RoutingContext.put}) under which whoever answers a request about a
   * private or unlisted item records that item's id: the gateway's access log then shows it as {@code <private>}, so
   * such ids stay out of logs at INFO. It lives here, beside the field it is about, so that every capability and the
   * embedded hub can set it without importing each other or the access log; the value is a {@code String} id.
   */
  public static final String HIDDEN_ID_KEY = "playgate.hiddenMediaId";

  /**
   * Records {@code id} under {@link #HIDDEN_ID_KEY} unless this visibility is {@link #PUBLIC}.
   *
   * @param ctx the request's routing context
   * @param id the media id the request is about
   */
  public void hideInLogs(RoutingContext ctx, String id) {
    if (this != PUBLIC) {
      ctx.put(HIDDEN_ID_KEY, id);
    }
  }

  /** @return the wire name: {@code public}, {@code unlisted} or {@code private} */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param wire the field's value, or {@code null}
   * @return {@link #PUBLIC} when absent; an unknown value fails closed as {@link #PRIVATE}
   */
  public static Visibility fromWire(@Nullable String wire) {
    if (wire == null) {
      return PUBLIC;
    }
    return switch (wire.toLowerCase(Locale.ROOT)) {
      case "public" -> PUBLIC;
      case "unlisted" -> UNLISTED;
      default -> PRIVATE;
    };
  }
}
