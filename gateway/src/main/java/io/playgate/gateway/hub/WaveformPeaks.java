package io.playgate.gateway.hub;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the peaks JSON of the hub's {@code waveform} extension (ARCHITECTURE.md, "Hub API v1") and draws the levels a
 * player shows from it. The body is a JSON array of numbers from 0 to 1: the largest absolute sample value (relative
 * to full scale) in each window of {@code 1/samplesPerSecond} s, the first window starting at 0 s. Pure and
 * thread-safe; runs on the event loop that received the body (a few thousand numbers at most, bounded below).
 */
public final class WaveformPeaks {

  /** The most levels a player draws, whatever the track's length: about one per 2 to 4 px of a seek bar. */
  public static final int MAX_LEVELS = 120;

  /** The most peaks one body may hold: 10 peaks per second for almost 3 hours. */
  public static final int MAX_PEAKS = 100_000;

  /** The highest {@code samplesPerSecond} the extension allows. */
  public static final int MAX_SAMPLES_PER_SECOND = 1000;

  private WaveformPeaks() {
  }

  /**
   * Resamples the peaks across the track: level {@code i} of {@code n} is the largest peak whose window starts within
   * the {@code i}-th {@code n}-th of the duration, as a whole percent (rounded). Windows past the end of the peaks
   * are silent (0).
   *
   * @param body the peaks JSON as received, at most the hub client's body cap
   * @param samplesPerSecond peaks per second, 1 to {@link #MAX_SAMPLES_PER_SECOND}
   * @param durationMs the track's duration in ms, or {@code null} to use the span of the peaks
   * @return {@code n} levels, {@code n = min(MAX_LEVELS, peaks in the duration)} (at least 1), each 0 to 100
   * @throws IllegalArgumentException naming what is wrong when the body is not such an array, is empty, holds a value
   *     outside [0, 1] or more than {@link #MAX_PEAKS} values
   */
  public static List<Integer> levels(Buffer body, int samplesPerSecond, @Nullable Long durationMs) {
    double[] peaks = peaks(body);
    long spanMs = durationMs != null && durationMs > 0 ? durationMs : peaks.length * 1000L / samplesPerSecond;
    long windows = Math.max(1, Math.min(MAX_LEVELS, spanMs * samplesPerSecond / 1000));
    int n = (int) windows;
    double peaksPerLevel = spanMs * samplesPerSecond / 1000.0 / n;
    List<Integer> levels = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int from = (int) Math.floor(i * peaksPerLevel);
      int to = Math.max(from + 1, (int) Math.floor((i + 1) * peaksPerLevel));
      double max = 0;
      for (int k = from; k < to && k < peaks.length; k++) {
        max = Math.max(max, peaks[k]);
      }
      levels.add((int) Math.round(max * 100));
    }
    return List.copyOf(levels);
  }

  private static double[] peaks(Buffer body) {
    Object parsed;
    try {
      parsed = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw new IllegalArgumentException("peaks are not valid JSON");
    }
    if (!(parsed instanceof JsonArray array) || array.isEmpty()) {
      throw new IllegalArgumentException("peaks are not a non-empty JSON array");
    }
    if (array.size() > MAX_PEAKS) {
      throw new IllegalArgumentException("more than " + MAX_PEAKS + " peaks");
    }
    double[] peaks = new double[array.size()];
    for (int i = 0; i < peaks.length; i++) {
      if (!(array.getValue(i) instanceof Number v) || !(v.doubleValue() >= 0 && v.doubleValue() <= 1)) {
        throw new IllegalArgumentException("peaks[" + i + "] is not a number from 0 to 1");
      }
      peaks[i] = v.doubleValue();
    }
    return peaks;
  }
}
