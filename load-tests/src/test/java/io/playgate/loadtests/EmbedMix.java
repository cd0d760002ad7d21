package io.playgate.loadtests;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * The embed traffic of a catalogue, open model: requests arrive at a fixed rate whatever the answer times, each a
 * Zipf draw (s = 1) over the catalogue's ids and a uniform draw over the id's eight variants ({@link Mix}). A
 * warm-up asks for every variant of every id once first, so the measured part sees the cache full (eight requests
 * per id: skip it with {@code -DwarmUpUsers=0} on a million-item catalogue).
 *
 * <p>System properties (and defaults): {@code rate} requests per second (1500; meant to be half of the peak this
 * machine sustains, load-tests/README.md), {@code durationSeconds} (60), {@code warmUpUsers} (8; 0 skips the
 * warm-up), {@code rampUpSeconds} (10: the arrival rate ramps from 1 to {@code rate} before the measured part; 0 for
 * none), {@code p99Millis} bound on the measured requests' 99th percentile (2), {@code catalog}, {@code seed},
 * {@code zipfExponent} and the URLs of {@link Settings}. Fails the run on any failed request or a p99 over the bound.
 */
public class EmbedMix extends Simulation {

  private final int rate = Settings.integer("rate", 1500, 1, 1_000_000);
  private final Duration duration = Settings.seconds("durationSeconds", 60, 86_400);
  private final int warmUpUsers = Settings.integer("warmUpUsers", 8, 0, 1024);
  private final Duration rampUp = Duration.ofSeconds(Settings.integer("rampUpSeconds", 10, 0, 3600));
  private final int p99Millis = Settings.integer("p99Millis", 2, 0, 60_000);
  private final Mix mix = Mix.fromSettings();

  {
    setUp(mix.warmedUp(warmUpUsers, rate, rampUp,
            scenario("embed mix").exec(mix.request()).injectOpen(constantUsersPerSec(rate).during(duration))))
        .protocols(Protocols.gateway())
        .assertions(
            global().failedRequests().count().is(0L),
            details(Mix.GROUP).responseTime().percentile(99).lte(p99Millis));
  }
}
