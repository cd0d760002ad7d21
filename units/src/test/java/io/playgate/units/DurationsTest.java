package io.playgate.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
      "250ms, 250", "5s, 5000", "2m, 120000", "1h, 3600000", "7d, 604800000", "1500, 1500", "0, 0",
      "1h30m, 5400000", "2d 12h, 216000000", "1m30s, 90000", "1s500ms, 1500", "5 S, 5000", "90m, 5400000"})
  void parses(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "-5ms", "1.5s", "30m1h", "1h1h", "ms", "5 fortnights", "1 h 2"})
  void refusesWhatIsNotADuration(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a duration like 250ms, 5s, 2m or 1h, was '" + text + "'");
  }

  @ParameterizedTest
  @CsvSource({"604800000, 7d", "5400000, 1h30m", "3600000, 1h", "90000, 1m30s", "1500, 1s500ms", "250, 250ms",
      "0, 0s", "216000000, 2d12h"})
  void printsWhatPeopleWriteAndReadsItBack(long millis, String text) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }
}
