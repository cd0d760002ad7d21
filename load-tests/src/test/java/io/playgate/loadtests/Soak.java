package io.playgate.loadtests;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.Simulation;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@link EmbedMix} traffic for a long time (30 minutes by default) at half of peak, watching for leaks: the
 * gateway's heap after a full GC is sampled every {@code heapSampleSeconds} through {@code jcmd} ({@link
 * HeapSampler}; the gateway's pid comes from {@code load-tests/gatling.sh}) and must stay flat; errors must stay at 0
 * and the measured requests' p99 under its bound for the whole run (the report's percentiles-over-time chart shows
 * whether it drifted). The heap verdict is the check of a last request, {@code heap after GC is flat}: a heap that
 * grew fails that request, so the run's failed-request assertion fails and the report says by how much.
 *
 * <p>System properties (and defaults): {@code gatewayPid} (required), {@code rate} (1500), {@code durationSeconds}
 * (1800), {@code heapSampleSeconds} (60), {@code heapGrowthPercent} (10), {@code p99Millis} (2),
 * {@code warmUpUsers} (8; 0 skips the warm-up), {@code rampUpSeconds} (10: the arrival rate ramps from 1 to
 * {@code rate} before the measured part; 0 for none), {@code heapLog} (load-tests/target/gatling/soak-heap.tsv),
 * {@code catalog}, {@code seed}, {@code zipfExponent} and the URLs of {@link Settings}.
 */
public class Soak extends Simulation {

  private final int rate = Settings.integer("rate", 1500, 1, 1_000_000);
  private final Duration duration = Settings.seconds("durationSeconds", 1800, 7 * 86_400);
  private final int warmUpUsers = Settings.integer("warmUpUsers", 8, 0, 1024);
  private final Duration rampUp = Duration.ofSeconds(Settings.integer("rampUpSeconds", 10, 0, 3600));
  private final int p99Millis = Settings.integer("p99Millis", 2, 0, 60_000);
  private final int heapGrowthPercent = Settings.integer("heapGrowthPercent", 10, 0, 1000);
  private final HeapSampler heap = new HeapSampler(
      Settings.integer("gatewayPid", 0, 1, Integer.MAX_VALUE),
      Settings.seconds("heapSampleSeconds", 60, 86_400),
      Path.of(Settings.text("heapLog", "load-tests/target/gatling/soak-heap.tsv")));
  private final Mix mix = Mix.fromSettings();

  {
    setUp(mix.warmedUp(warmUpUsers, rate, rampUp,
            scenario("soak").exec(session -> {
              heap.startOnce();
              return session;
            }).exec(mix.request()).injectOpen(constantUsersPerSec(rate).during(duration))
            .andThen(scenario("heap check").exec(http("heap after GC is flat").get("/health/live")
                .check(bodyString().transform(body -> heap.verdict(heapGrowthPercent)).is("flat")))
                .injectOpen(atOnceUsers(1)))))
        .protocols(Protocols.gateway())
        .assertions(
            global().failedRequests().count().is(0L),
            details(Mix.GROUP).responseTime().percentile(99).lte(p99Millis));
  }

  @Override
  public void after() {
    try {
      heap.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
