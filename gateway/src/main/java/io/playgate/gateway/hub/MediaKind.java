package io.playgate.gateway.hub;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Hub API v1 {@code kind}: what a MediaItem is. */
public enum MediaKind {
  TRACK, VIDEO, ALBUM, PLAYLIST;

  /** @return the wire spelling, e.g. {@code track} */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param wire the hub's {@code kind} string
   * @return the kind, or {@code null} when the string is not one of the four
   */
  public static @Nullable MediaKind fromWire(String wire) {
    for (MediaKind k : values()) {
      if (k.wireName().equals(wire)) {
        return k;
      }
    }
    return null;
  }

  /** @return true for album and playlist, which carry {@code items} */
  public boolean isCollection() {
    return this == ALBUM || this == PLAYLIST;
  }
}
