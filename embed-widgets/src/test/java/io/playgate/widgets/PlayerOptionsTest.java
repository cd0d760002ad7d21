package io.playgate.widgets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlayerOptionsTest {

  private static PlayerOptions parse(Map<String, String> q) {
    return PlayerOptions.parse(q::get);
  }

  @Test
  void defaultsWhenAbsent() {
    assertThat(parse(Map.of())).isEqualTo(PlayerOptions.DEFAULTS);
    assertThat(PlayerOptions.DEFAULTS.query()).isEmpty();
  }

  @Test
  void canonicalQueryInFixedOrder() {
    PlayerOptions o = parse(Map.of("dnt", "1", "color", "FF5500", "theme", "DARK", "start", "30", "autoplay", "1"));
    assertThat(o.query()).isEqualTo("autoplay=1&start=30&theme=dark&color=ff5500&dnt=1");
  }

  @Test
  void rejectsBadValuesNamingTheParameter() {
    assertThatThrownBy(() -> parse(Map.of("color", "red"))).hasMessageStartingWith("color:");
    assertThatThrownBy(() -> parse(Map.of("color", "#ff5500"))).hasMessageStartingWith("color:");
    assertThatThrownBy(() -> parse(Map.of("autoplay", "yes"))).hasMessageStartingWith("autoplay:");
    assertThatThrownBy(() -> parse(Map.of("start", "-1"))).hasMessageStartingWith("start:");
    assertThatThrownBy(() -> parse(Map.of("start", "99999999999"))).hasMessageStartingWith("start:");
    assertThatThrownBy(() -> parse(Map.of("theme", "blue"))).hasMessageStartingWith("theme:");
    assertThatThrownBy(() -> parse(Map.of("layout", "huge"))).hasMessageStartingWith("layout:");
  }

  @Test
  void layoutParsedAndCarriedInTheQuery() {
    assertThat(parse(Map.of("layout", "LARGE")).layout()).isEqualTo(PlayerOptions.Layout.LARGE);
    assertThat(parse(Map.of("layout", "compact", "dnt", "1")).query()).isEqualTo("dnt=1&layout=compact");
    assertThat(PlayerOptions.Layout.forMaxHeight(351)).isEqualTo(PlayerOptions.Layout.COMPACT);
    assertThat(PlayerOptions.Layout.forMaxHeight(352)).isEqualTo(PlayerOptions.Layout.LARGE);
    assertThat(PlayerOptions.DEFAULTS.withLayout(PlayerOptions.Layout.LARGE).query()).isEqualTo("layout=large");
  }

  @Test
  void facadeClickLeadsToAutoplayWithoutFacade() {
    PlayerOptions o = parse(Map.of("facade", "1", "color", "00ff00"));
    assertThat(o.afterFacadeClick().query()).isEqualTo("autoplay=1&color=00ff00");
  }
}
