package io.playgate.hub.local;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One satisfiable byte range of a representation, from a {@code Range} header (RFC 9110 §14.1.2).
 *
 * @param first offset of the first byte, {@code 0 <= first <= last}
 * @param last offset of the last byte, inclusive, {@code last < size}
 * @param size full representation size in bytes
 */
public record ByteRange(long first, long last, long size) {

  /** The outcome of reading a {@code Range} header against a representation of known size. */
  public sealed interface Outcome permits Full, Partial, Unsatisfiable {
  }

  /** No usable range: absent, not {@code bytes}, malformed, or several ranges. Serve the whole body with 200. */
  public record Full() implements Outcome {
  }

  /** @param range the one range to serve with 206 */
  public record Partial(ByteRange range) implements Outcome {
  }

  /** A well-formed range that lies outside the representation: 416 with {@code Content-Range: bytes *}{@code /size}. */
  public record Unsatisfiable() implements Outcome {
  }

  /** @return the number of bytes in the range */
  public long length() {
    return last - first + 1;
  }

  /** @return the {@code Content-Range} value, e.g. {@code bytes 0-1/1000} (RFC 9110 §14.4) */
  public String contentRange() {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /**
   * Reads a {@code Range} header. Forms: {@code bytes=first-last}, {@code bytes=first-} and the suffix form
   * {@code bytes=-n} (the last n bytes). A multi-range request is answered with the full body, which §14.2
   * permits. Numbers too large for a {@code long} saturate.
   *
   * @param header the header value, or {@code null}
   * @param size the representation size in bytes, {@code >= 0}
   * @return full, partial or unsatisfiable
   */
  public static Outcome parse(@Nullable String header, long size) {
    if (header == null) {
      return new Full();
    }
    String h = header.trim();
    int eq = h.indexOf('=');
    if (eq < 0 || !h.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("bytes")) {
      return new Full();
    }
    String spec = h.substring(eq + 1).trim();
    if (spec.contains(",")) {
      return new Full();
    }
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return new Full();
    }
    String a = spec.substring(0, dash).trim();
    String b = spec.substring(dash + 1).trim();
    if (!a.matches("\\d*") || !b.matches("\\d*") || (a.isEmpty() && b.isEmpty())) {
      return new Full();
    }
    if (a.isEmpty()) {
      long suffix = number(b);
      if (suffix == 0 || size == 0) {
        return new Unsatisfiable();
      }
      long first = Math.max(0, size - suffix);
      return new Partial(new ByteRange(first, size - 1, size));
    }
    long first = number(a);
    Long last = b.isEmpty() ? null : number(b);
    if (last != null && last < first) {
      return new Full();
    }
    if (first >= size) {
      return new Unsatisfiable();
    }
    long end = last == null ? size - 1 : Math.min(last, size - 1);
    return new Partial(new ByteRange(first, end, size));
  }

  private static long number(String digits) {
    String d = digits.replaceFirst("^0+(?=\\d)", "");
    return d.length() > 18 ? Long.MAX_VALUE : Long.parseLong(d);
  }
}
