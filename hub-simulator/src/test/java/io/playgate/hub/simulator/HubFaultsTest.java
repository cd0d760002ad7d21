package io.playgate.hub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playgate.hub.simulator.HubFaults.Answer;
import io.playgate.hub.simulator.FaultSettings;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** FaultSettings: copies, JSON round trip, validation; latency jitter bounds; the admin's loopback rule. */
class HubFaultsTest {

  @Test
  void noneChangesNothing() {
    assertThat(FaultSettings.NONE.isNone()).isTrue();
    assertThat(FaultSettings.NONE.affects("anything")).isTrue();
    assertThat(FaultSettings.NONE.toJson()).isEqualTo(new JsonObject("{\"latency\":\"0ms\",\"latencyJitter\":\"0ms\","
        + "\"errorRate\":0.0,\"errorStatus\":503,\"outage\":false,\"dripInterval\":\"0ms\",\"answer\":\"NORMAL\",\"ids\":[]}"));
    HubFaults faults = new HubFaults();
    faults.set(FaultSettings.NONE.withOutage(true));
    faults.reset();
    assertThat(faults.get()).isEqualTo(FaultSettings.NONE);
  }

  @Test
  void copiesAndRoundTrip() {
    FaultSettings s = FaultSettings.NONE.withLatency(Duration.ofMillis(300)).withLatencyJitter(Duration.ofSeconds(2))
        .withErrorRate(0.25, 502).withOutage(true).withDrip(Duration.ofMillis(5)).withAnswer(Answer.GZIP_BOMB)
        .withIds(Set.of("t2", "t1"));
    assertThat(s.isNone()).isFalse();
    assertThat(s.affects("t1")).isTrue();
    assertThat(s.affects("v1")).isFalse();
    JsonObject json = s.toJson();
    assertThat(json.getString("latency")).isEqualTo("300ms");
    assertThat(json.getString("latencyJitter")).isEqualTo("2000ms");
    assertThat(json.getJsonArray("ids").getList()).containsExactly("t1", "t2");
    assertThat(FaultSettings.fromJson(json)).isEqualTo(s);
    assertThat(FaultSettings.fromJson(new JsonObject(json.encode()))).isEqualTo(s);
  }

  @Test
  void absentFieldsAreOffAndUnitsAreTheConfigUnits() {
    FaultSettings s = FaultSettings.fromJson(new JsonObject("{\"latency\":\"2s\",\"dripInterval\":7,\"answer\":\"truncated_json\"}"));
    assertThat(s).isEqualTo(FaultSettings.NONE.withLatency(Duration.ofSeconds(2)).withDrip(Duration.ofMillis(7))
        .withAnswer(Answer.TRUNCATED_JSON));
    assertThat(FaultSettings.fromJson(new JsonObject())).isEqualTo(FaultSettings.NONE);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"errorRate\":1.5}                | errorRate",
      "{\"errorRate\":-0.1}               | errorRate",
      "{\"errorRate\":\"half\"}           | errorRate",
      "{\"errorStatus\":404}              | errorStatus",
      "{\"errorStatus\":600}              | errorStatus",
      "{\"errorStatus\":503.5}            | errorStatus",
      "{\"latency\":\"fast\"}             | latency",
      "{\"latency\":\"-5ms\"}             | latency",
      "{\"latency\":\"2h\"}               | latency",
      "{\"latencyJitter\":true}           | latencyJitter",
      "{\"dripInterval\":\"1 fortnight\"} | dripInterval",
      "{\"outage\":\"yes\"}               | outage",
      "{\"answer\":\"TEAPOT\"}            | answer",
      "{\"ids\":\"t1\"}                   | ids",
      "{\"ids\":[\"\"]}                   | ids",
      "{\"ids\":[1]}                      | ids",
      "{\"latncy\":\"5ms\"}               | latncy",
  })
  void badValuesNameTheField(String json, String field) {
    assertThatThrownBy(() -> FaultSettings.fromJson(new JsonObject(json)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(field + ":");
  }

  @Test
  void constructorChecksToo() {
    assertThatThrownBy(() -> FaultSettings.NONE.withErrorRate(Double.NaN, 503)).hasMessageStartingWith("errorRate:");
    assertThatThrownBy(() -> FaultSettings.NONE.withLatency(Duration.ofMillis(-1))).hasMessageStartingWith("latency:");
    assertThatThrownBy(() -> FaultSettings.NONE.withAnswer(null)).hasMessageStartingWith("answer:");
    assertThatThrownBy(() -> FaultSettings.NONE.withIds(null)).hasMessageStartingWith("ids:");
  }

  @Test
  void delayIsLatencyPlusUniformJitter() {
    FaultSettings s = FaultSettings.NONE.withLatency(Duration.ofMillis(100)).withLatencyJitter(Duration.ofMillis(10));
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      long d = HubFaults.delayMillis(s);
      assertThat(d).isBetween(100L, 110L);
      seen.add(d);
    }
    assertThat(seen).hasSize(11);
    assertThat(HubFaults.delayMillis(FaultSettings.NONE)).isZero();
  }

  @Test
  void errorRateExtremes() {
    for (int i = 0; i < 100; i++) {
      assertThat(HubFaults.rollError(FaultSettings.NONE)).isFalse();
      assertThat(HubFaults.rollError(FaultSettings.NONE.withErrorRate(1, 500))).isTrue();
    }
  }

  @ParameterizedTest
  @CsvSource({"localhost, true", "127.0.0.1, true", "127.1.2.3, true", "::1, true", "[::1], true",
      "0.0.0.0, false", "10.0.0.1, false", "127.0.0.256, false", "example.com, false", "::, false", "128.0.0.1, false"})
  void adminHostMustBeLoopback(String host, boolean loopback) {
    assertThat(HubAdmin.isLoopback(host)).isEqualTo(loopback);
  }
}
