package io.playgate.gateway.options;

import io.playgate.units.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the human units used in {@code gateway.yaml}: durations such as {@code 250ms}, {@code 5s}, {@code 2m},
 * {@code 1h}, {@code 1d}, {@code 1h30m} (read by {@link Durations}, which the hub simulator shares), and byte sizes
 * such as {@code 512B}, {@code 64KiB}, {@code 1MiB}, {@code 2GiB} (binary, 1024) or {@code 10KB}, {@code 5MB},
 * {@code 1GB} (decimal, 1000). A bare integer is milliseconds for a duration and bytes for a size.
 * {@link #sizeText(long)} writes a size back in the same units (and {@link Durations#format} a duration), so that an
 * options object's {@code toJson()} reads back to an equal object.
 */
public final class Units {

  private static final Pattern SIZE = Pattern.compile("^(\\d{1,15})\\s*(b|kb|kib|mb|mib|gb|gib)?$");

  private Units() {
  }

  /**
   * @param key dotted key, for the error message
   * @param value a string like {@code 5s} or {@code 1h30m} ({@link Durations#parse(Object)}), or a non-negative whole
   *     number of milliseconds
   * @return the duration, never negative
   * @throws ConfigException when the value is not a duration
   */
  public static Duration duration(String key, Object value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, e.getMessage());
    }
  }

  /**
   * @param key dotted key, for the error message
   * @param value a string like {@code 64MiB}, or a non-negative whole number of bytes
   * @return the size in bytes, never negative
   * @throws ConfigException when the value is not a size or overflows a {@code long}
   */
  public static long bytes(String key, Object value) {
    Matcher m = SIZE.matcher(String.valueOf(value).trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new ConfigException(key, "expected a size like 512KiB, 64MiB or 1GB, was '" + value + "'");
    }
    long n = Long.parseLong(m.group(1));
    long unit = switch (m.group(2) == null ? "b" : m.group(2)) {
      case "kb" -> 1000L;
      case "kib" -> 1024L;
      case "mb" -> 1000L * 1000;
      case "mib" -> 1024L * 1024;
      case "gb" -> 1000L * 1000 * 1000;
      case "gib" -> 1024L * 1024 * 1024;
      default -> 1L;
    };
    try {
      return Math.multiplyExact(n, unit);
    } catch (ArithmeticException e) {
      throw new ConfigException(key, "size too large: '" + value + "'");
    }
  }

  /**
   * @param bytes a non-negative size in bytes
   * @return its text in the largest binary unit that holds it exactly, e.g. {@code 64MiB}, {@code 16KiB}, {@code 100B}
   */
  public static String sizeText(long bytes) {
    long[] units = {1L << 30, 1L << 20, 1L << 10};
    String[] names = {"GiB", "MiB", "KiB"};
    for (int i = 0; i < units.length; i++) {
      if (bytes != 0 && bytes % units[i] == 0) {
        return bytes / units[i] + names[i];
      }
    }
    return bytes + "B";
  }
}
