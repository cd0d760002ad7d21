package io.playgate.units;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them: a whole number and a unit ({@code 250ms}, {@code 5s}, {@code 90m}, {@code 1h},
 * {@code 7d}), or several in falling order ({@code 1h30m}, {@code 2d 12h}); a bare whole number is milliseconds.
 * {@link #format(Duration)} prints the form {@link #parse(Object)} reads, so what a program prints can be typed back.
 */
public final class Durations {

  private static final String PART = "\\s*(?:(\\d{1,12})\\s*%s)?";
  private static final Pattern DURATION = Pattern.compile("^(?=\\s*\\d)" + PART.formatted("d") + PART.formatted("h")
      + PART.formatted("m(?!s)") + PART.formatted("s") + PART.formatted("ms") + "\\s*$");
  private static final Pattern MILLIS = Pattern.compile("^\\s*(\\d{1,12})\\s*$");

  private Durations() {
  }

  /**
   * @param value text such as {@code 5s} or {@code 1h30m} (units {@code d h m s ms}, any case, each at most once,
   *     largest first), or a non-negative whole number of milliseconds (text or a {@link Number} without fraction)
   * @return the duration, never negative
   * @throws IllegalArgumentException when the value is none of these; the message reads
   *     {@code expected a duration like 250ms, 5s, 2m or 1h, was '…'}
   */
  public static Duration parse(Object value) {
    String text = String.valueOf(value).toLowerCase(Locale.ROOT);
    Matcher bare = MILLIS.matcher(text);
    if (bare.matches()) {
      return Duration.ofMillis(Long.parseLong(bare.group(1)));
    }
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("expected a duration like 250ms, 5s, 2m or 1h, was '" + value + "'");
    }
    return Duration.ofDays(number(m, 1)).plusHours(number(m, 2)).plusMinutes(number(m, 3))
        .plusSeconds(number(m, 4)).plusMillis(number(m, 5));
  }

  /**
   * @param duration a non-negative duration; below a millisecond is dropped
   * @return the shortest form {@link #parse(Object)} reads back: {@code 7d}, {@code 90m} as {@code 1h30m},
   *     {@code 1500ms} as {@code 1s500ms}, zero as {@code 0s}
   * @throws IllegalArgumentException when {@code duration} is negative
   */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative duration: " + duration);
    }
    StringBuilder out = new StringBuilder();
    append(out, duration.toDays(), "d");
    append(out, duration.toHoursPart(), "h");
    append(out, duration.toMinutesPart(), "m");
    append(out, duration.toSecondsPart(), "s");
    append(out, duration.toMillisPart(), "ms");
    return out.length() == 0 ? "0s" : out.toString();
  }

  private static void append(StringBuilder out, long amount, String unit) {
    if (amount > 0) {
      out.append(amount).append(unit);
    }
  }

  private static long number(Matcher m, int group) {
    return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
  }
}
