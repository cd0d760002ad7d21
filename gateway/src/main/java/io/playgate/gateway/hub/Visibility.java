package io.playgate.gateway.hub;

import java.util.Locale;

/**
 * Who may see a MediaItem: the {@code visibility} extension field of the hub API (issue 5; unknown fields are
 * allowed by hub API v1, DESIGN.md §2). A hub sends non-public items only to callers holding its credential
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

  /** @return the wire name: {@code public}, {@code unlisted} or {@code private} */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param wire the field's value, or {@code null}
   * @return {@link #PUBLIC} when absent; an unknown value fails closed as {@link #PRIVATE}
   */
  public static Visibility fromWire(String wire) {
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
