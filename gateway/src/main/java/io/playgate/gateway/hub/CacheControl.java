package io.playgate.gateway.hub;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reads the freshness lifetime a hub grants in {@code Cache-Control} (RFC 9111 §5.2.2). */
public final class CacheControl {

  private CacheControl() {
  }

  /**
   * @param header the {@code Cache-Control} header value, or {@code null}
   * @return {@code max-age} in seconds (RFC 9111 §5.2.2.1, quoted form tolerated, capped at 2^31 - 1 as §1.2.2
   *     asks), 0 when {@code no-store}, {@code no-cache} or {@code private} is present, or {@code null} when the
   *     header grants no lifetime
   */
  public static @Nullable Long maxAgeSeconds(@Nullable String header) {
    if (header == null) {
      return null;
    }
    Long maxAge = null;
    for (String part : header.split(",")) {
      String d = part.trim().toLowerCase(Locale.ROOT);
      if (d.equals("no-store") || d.equals("no-cache") || d.equals("private")) {
        return 0L;
      }
      if (d.startsWith("max-age=")) {
        String v = d.substring("max-age=".length()).trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        if (v.matches("\\d+")) {
          maxAge = v.length() > 10 ? Integer.MAX_VALUE : Math.min(Long.parseLong(v), Integer.MAX_VALUE);
        }
      }
    }
    return maxAge;
  }
}
