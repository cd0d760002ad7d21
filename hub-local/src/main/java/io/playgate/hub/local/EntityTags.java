package io.playgate.hub.local;

import org.jspecify.annotations.Nullable;

/**
 * Entity-tag comparison for conditional requests (RFC 9110 §8.8.3, §13.1.2), shared by the local hub's answers and
 * the gateway's answers to its clients: it lives here, in the module both depend on, so there is one comparison.
 */
public final class EntityTags {

  private EntityTags() {
  }

  /**
   * Weak comparison of an {@code If-None-Match} field against an entity tag (RFC 9110 §8.8.3.2, §13.1.2).
   *
   * @param header the field value, a comma-separated list of entity tags or {@code *}; {@code null} when absent
   * @param etag the current entity tag, quoted, weak ({@code W/"…"}) or strong; {@code null} when there is none
   * @return true when the field is {@code *} or lists the tag, weak or strong; false when either is {@code null}
   */
  public static boolean ifNoneMatch(@Nullable String header, @Nullable String etag) {
    if (header == null || etag == null) {
      return false;
    }
    String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
    for (String candidate : header.split(",")) {
      String c = candidate.trim();
      if (c.equals("*")) {
        return true;
      }
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals(opaque)) {
        return true;
      }
    }
    return false;
  }
}
