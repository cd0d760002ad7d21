package io.playgate.hub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The simulator's command line: loopback by default, its own host setting, and clear errors. */
class HubSimulatorOptionsTest {

  @Test
  void defaultsAreLoopback() {
    HubSimulatorOptions o = HubSimulatorOptions.parse(List.of(), Map.of());
    assertThat(o.host()).isEqualTo("127.0.0.1");
    assertThat(o.port()).isEqualTo(9090);
    assertThat(o.adminHost()).isEqualTo("127.0.0.1");
    assertThat(o.adminPort()).isEqualTo(9091);
    assertThat(o.catalog()).isEqualTo(Path.of("conf/catalog"));
    assertThat(o.publicBaseUrl()).isNull();
    assertThat(o.maxAge()).isEqualTo(Duration.ofSeconds(300));
    assertThat(o.apiKey()).isNull();
  }

  @Test
  void everyOptionInBothSpellings() {
    HubSimulatorOptions o = HubSimulatorOptions.parse(List.of("--host", "0.0.0.0", "--port=18393", "--admin-host",
        "::1", "--admin-port", "0", "--catalog", "x/cat", "--public-base-url=http://localhost:18393/",
        "--max-age", "1m30s"), Map.of(HubSimulatorOptions.ENV_API_KEY, "k3y"));
    assertThat(o).isEqualTo(new HubSimulatorOptions("0.0.0.0", 18393, "::1", 0, Path.of("x/cat"),
        "http://localhost:18393", Duration.ofSeconds(90), "k3y"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--port 70000           | --port:",
      "--port eighty          | --port:",
      "--admin-host 0.0.0.0   | --admin-host:",
      "--admin-host 10.0.0.1  | --admin-host:",
      "--max-age soon         | --max-age:",
      "--max-age 2d           | --max-age:",
      "--public-base-url ftp://x | --public-base-url:",
      "--hots 127.0.0.1       | --hots:",
      "--port                 | --port:",
      "hub                    | hub:",
  })
  void badArgumentsNameTheOption(String line, String prefix) {
    assertThatThrownBy(() -> HubSimulatorOptions.parse(List.of(line.trim().split(" +")), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(prefix);
  }
}
