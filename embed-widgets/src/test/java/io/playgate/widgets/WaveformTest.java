package io.playgate.widgets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WaveformTest {

  @Test
  void drawsOneCentredBarPerLevelInAViewBoxOfLevelsBy100() {
    PlayerView.Waveform waveform = new PlayerView.Waveform(List.of(50, 20, 0, 17));
    assertThat(waveform.viewBox()).isEqualTo("0 0 4 100");
    // relative to the loudest (50 -> full height), centred on the middle line; silence as a 2-unit line
    assertThat(waveform.path()).isEqualTo("M0.5 0v100M1.5 30v40M2.5 49v2M3.5 33v34");
  }

  @Test
  void oddHeightsSitOnHalfUnits() {
    assertThat(new PlayerView.Waveform(List.of(100, 33)).path()).isEqualTo("M0.5 0v100M1.5 33.5v33");
  }

  @Test
  void refusesLevelsItCannotDraw() {
    assertThatThrownBy(() -> new PlayerView.Waveform(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PlayerView.Waveform(List.of(50, 101))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PlayerView.Waveform(List.of(-1))).isInstanceOf(IllegalArgumentException.class);
  }
}
