package io.playgate.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaveformPeaksTest {

  private static Buffer peaks(String json) {
    return Buffer.buffer(json);
  }

  @Test
  void aShortTrackKeepsOneLevelPerPeak() {
    // 0.5 s at 10 peaks per second: 5 windows, each its own level, in whole percent
    assertThat(WaveformPeaks.levels(peaks("[0, 0.25, 1, 0.504, 0.1]"), 10, 500L)).containsExactly(0, 25, 100, 50, 10);
  }

  @Test
  void aLongTrackIsResampledToTheLargestPeakOfEachStretch() {
    // 240 peaks over 24 s: 120 levels of two peaks each; each level is the louder of its pair
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 240; i++) {
      json.append(i == 0 ? "" : ",").append(i % 2 == 0 ? "0.1" : String.valueOf((i % 100) / 100.0));
    }
    List<Integer> levels = WaveformPeaks.levels(peaks(json.append(']').toString()), 10, 24_000L);
    assertThat(levels).hasSize(WaveformPeaks.MAX_LEVELS);
    assertThat(levels.get(0)).isEqualTo(10);      // max(0.1, 0.01)
    assertThat(levels.get(1)).isEqualTo(10);      // max(0.1, 0.03)
    assertThat(levels.get(30)).isEqualTo(61);     // max(0.1, 0.61)
  }

  @Test
  void peaksShorterThanTheTrackLeaveItsEndSilent() {
    // 1 s of peaks for a 2 s track: the second half has no peaks
    assertThat(WaveformPeaks.levels(peaks("[0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5]"), 10, 2_000L))
        .hasSize(20).startsWith(50, 50).endsWith(0, 0);
  }

  @Test
  void withoutADurationThePeaksSpanTheTrack() {
    assertThat(WaveformPeaks.levels(peaks("[0.2, 0.4, 0.6]"), 1, null)).containsExactly(20, 40, 60);
  }

  @Test
  void rejectsWhatIsNotAnArrayOfPeaks() {
    assertBad("{\"peaks\": [0.1]}", "not a non-empty JSON array");
    assertBad("[]", "not a non-empty JSON array");
    assertBad("[0.1, 1.5]", "peaks[1] is not a number from 0 to 1");
    assertBad("[0.1, -0.1]", "peaks[1]");
    assertBad("[0.1, \"0.2\"]", "peaks[1]");
    assertBad("[0.1, ", "not valid JSON");
    assertBad("[" + String.join(",", Collections.nCopies(WaveformPeaks.MAX_PEAKS + 1, "0")) + "]",
        "more than " + WaveformPeaks.MAX_PEAKS + " peaks");
  }

  private static void assertBad(String body, String reasonPart) {
    assertThatThrownBy(() -> WaveformPeaks.levels(peaks(body), 10, 10_000L))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reasonPart);
  }
}
