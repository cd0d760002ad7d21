package io.playgate.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.playgate.gateway.hub.WebHubClient;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.hub.simulator.FaultSettings;
import io.playgate.hub.simulator.HubFaults.Answer;
import io.playgate.hub.simulator.HubFaults;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * Every hostile hub answer, through a real gateway on its embedded local hub with fault injection: 502 or 504 with
 * a problem body that echoes nothing of the hub, nothing cached as a success (the next request after the failure TTL
 * asks the hub again and succeeds), and exactly one structured {@code hub.fail} log line naming the hub status and
 * the reason per hub call. Each case runs three times in a row.
 *
 * <p>This class runs in its own failsafe execution with {@code -Xmx96m} (see gateway/pom.xml): a gzip bomb that
 * inflates to 1 GiB, an 8 MiB body, an endless body and a slow drip must all end with bounded memory.
 */
class HostileHubIT {

  private static final int ROUNDS = 3;

  /** Collects the hub client's log lines. */
  static final class Lines extends AppenderBase<ILoggingEvent> {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent e) {
      lines.add(e.getFormattedMessage());
    }
  }

  @RegisterExtension
  final GatewayExtension gateway = GatewayExtension.embedded().fakeClock()
      .with("hub.timeout", "1s").with("hub.breakerMaxFailures", "1000").with("server.accessLog", "false");
  private final Lines log = new Lines();

  @BeforeEach
  void captureHubLog() {
    log.start();
    ((Logger) LoggerFactory.getLogger(WebHubClient.class)).addAppender(log);
  }

  @AfterEach
  void detachHubLog() {
    ((Logger) LoggerFactory.getLogger(WebHubClient.class)).detachAppender(log);
  }

  private List<String> failLines(String id) {
    return log.lines.stream().filter(l -> l.startsWith("hub.fail id=" + id + " ")).toList();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "HTML               | 0     | 502 | status=200 content-type 'text/html",
      "TRUNCATED_JSON     | 0     | 502 | status=200 body is not valid JSON",
      "MISSING_FIELDS     | 0     | 502 | status=200 title is missing",
      "WRONG_TYPES        | 0     | 502 | status=200 width is not a positive integer",
      "WRONG_CONTENT_TYPE | 0     | 502 | status=200 content-type 'text/plain",
      "REDIRECT           | 0     | 502 | status=302 redirect",
      "OVERSIZE           | 0     | 502 | decoded body larger than",
      "GZIP_BOMB          | 0     | 502 | decoded body larger than",
      "ENDLESS            | 0     | 502 | decoded body larger than",
      "NORMAL             | 50    | 504 | no complete answer within the deadline",
  })
  void hostileAnswersEndInAProblemAndNothingIsCached(Answer answer, long dripMillis, int status, String reason)
      throws Exception {
    String id = "v1";
    gateway.localHub().resetCounts();
    FaultSettings fault = FaultSettings.NONE.withAnswer(answer).withDrip(Duration.ofMillis(dripMillis))
        .withIds(Set.of(id));
    for (int round = 1; round <= ROUNDS; round++) {
      HubFaults.of(gateway.localHub()).set(fault);
      String target = round % 2 == 1
          ? "/oembed?url=" + URLEncoder.encode(gateway.base() + "/media/" + id, StandardCharsets.UTF_8)
          : "/embed/" + id;
      long start = System.nanoTime();
      HttpResponse<String> r = Http.get(gateway.base() + target);
      assertThat(r.statusCode()).as(answer + " round " + round).isEqualTo(status);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
      JsonObject problem = Http.json(r);
      assertThat(problem.getInteger("status")).isEqualTo(status);
      assertThat(r.body()).doesNotContain("<html").doesNotContain("720px").doesNotContain("127.0.0.1:1")
          .doesNotContain("Exception");
      assertThat(gateway.localHub().requestCount(id)).isEqualTo(round);
      // exactly one structured line per hub call, naming the hub status and the reason
      List<String> lines = failLines(id);
      assertThat(lines).hasSize(round);
      assertThat(lines.get(round - 1)).contains("failure=").contains("gatewayStatus=" + status).contains(reason);
      // past the failure TTL the fault is still on: the next round must reach the hub again
      gateway.ticker().advance(Duration.ofSeconds(3));
    }
    // the hub recovers: a success is fetched (nothing hostile was cached as one)
    HubFaults.of(gateway.localHub()).reset();
    HttpResponse<String> ok = Http.get(gateway.base() + "/embed/" + id);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(gateway.localHub().requestCount(id)).isEqualTo(ROUNDS + 1);
    Runtime rt = Runtime.getRuntime();
    System.out.println("hostile." + answer + (dripMillis > 0 ? ".drip" : "") + " maxHeapMiB=" + rt.maxMemory() / (1 << 20)
        + " usedMiB=" + (rt.totalMemory() - rt.freeMemory()) / (1 << 20));
  }
}
