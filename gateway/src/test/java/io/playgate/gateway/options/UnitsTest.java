package io.playgate.gateway.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playgate.units.Durations;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {

  @Test
  void units() {
    assertThat(Units.duration("k", "250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Units.duration("k", "2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Units.duration("k", 1500)).isEqualTo(Duration.ofMillis(1500));
    assertThat(Units.bytes("k", "64MiB")).isEqualTo(64L << 20);
    assertThat(Units.bytes("k", "10KB")).isEqualTo(10_000L);
    assertThatThrownBy(() -> Units.bytes("k", "-1")).isInstanceOf(ConfigException.class);
  }

  @Test
  void textReadsBackInTheLargestExactUnit() {
    assertThat(Durations.format(Duration.ofMinutes(10))).isEqualTo("10m");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofDays(7))).isEqualTo("7d");
    assertThat(Units.sizeText(256L << 20)).isEqualTo("256MiB");
    assertThat(Units.sizeText(1000)).isEqualTo("1000B");
    for (Duration d : new Duration[] {Duration.ofMillis(250), Duration.ofSeconds(90), Duration.ofHours(25)}) {
      assertThat(Units.duration("k", Durations.format(d))).isEqualTo(d);
    }
    for (long n : new long[] {0, 1, 1024, 64L << 20, 3L << 30}) {
      assertThat(Units.bytes("k", Units.sizeText(n))).isEqualTo(n);
    }
  }
}
