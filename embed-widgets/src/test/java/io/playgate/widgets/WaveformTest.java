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
    assertThat(waveform.path()).isEqualTo("M0.2 0h.6v100h-.6zM1.2 30h.6v40h-.6zM2.2 49h.6v2h-.6zM3.2 33h.6v34h-.6z");
  }

  @Test
  void oddHeightsSitOnHalfUnits() {
    assertThat(new PlayerView.Waveform(List.of(100, 33)).path()).isEqualTo("M0.2 0h.6v100h-.6zM1.2 33.5h.6v33h-.6z");
  }

  @Test
  void refusesLevelsItCannotDraw() {
    assertThatThrownBy(() -> new PlayerView.Waveform(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PlayerView.Waveform(List.of(50, 101))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PlayerView.Waveform(List.of(-1))).isInstanceOf(IllegalArgumentException.class);
  }
}
