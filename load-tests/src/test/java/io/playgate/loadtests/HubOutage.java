package io.playgate.loadtests;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A hub outage under steady load: a remote-mode gateway in front of the hub simulator, whose {@code max-age} is cut
 * to 5 s ({@code load-tests/gatling.sh} starts it so) so that every cached entry turns stale during the outage.
 * Every variant of {@code cachedIds} ids is cached first; then requests for them arrive at {@code rate} per second
 * while, {@code beforeSeconds} in, the simulator's admin API switches on a full outage ({@code {"outage": true}}:
 * connections closed without an answer) for {@code outageSeconds}, then off again. Halfway through the outage one
 * request for an id the gateway never cached shows what such a request gets (a 502 or 504 problem) and how fast.
 *
 * <p>System properties (and defaults): {@code cachedIds} (16), {@code rate} (500), {@code rampUpSeconds} (10: the
 * rate ramps from 1 before the measured load, outside its group; 0 for none), {@code outageSeconds} (60),
 * {@code beforeSeconds} (10), {@code afterSeconds} (10), {@code p99Millis} (50, for the cached requests),
 * {@code uncachedMaxMillis} (2000), {@code catalog}, {@code seed} and the URLs of {@link Settings}. Fails the run
 * on any error for a cached id, a p99 over its bound, or an uncached id answered otherwise or slower.
 */
public class HubOutage extends Simulation {

  private static final String CACHED = "cached";
  private static final String UNCACHED = "uncached id during the outage";
  private static final String RAMP = "ramp-up";

  private final int cachedIds = Settings.integer("cachedIds", 16, 1, 100_000);
  private final int rate = Settings.integer("rate", 500, 1, 1_000_000);
  private final Duration outage = Settings.seconds("outageSeconds", 60, 86_400);
  private final Duration before = Settings.seconds("beforeSeconds", 10, 3600);
  private final Duration after = Settings.seconds("afterSeconds", 10, 3600);
  private final Duration rampUp = Duration.ofSeconds(Settings.integer("rampUpSeconds", 10, 0, 3600));
  private final int p99Millis = Settings.integer("p99Millis", 50, 0, 60_000);
  private final int uncachedMaxMillis = Settings.integer("uncachedMaxMillis", 2000, 0, 600_000);
  private final String admin = Settings.hubAdminUrl();
  private final List<String> ids = CatalogIds.shuffled();

  {
    if (ids.size() < cachedIds + 1) {
      throw new IllegalArgumentException("-DcachedIds=" + cachedIds + ": the catalogue has " + ids.size() + " ids");
    }
    List<Map<String, Object>> cached = ids.subList(0, cachedIds).stream()
        .flatMap(id -> Variant.of(Settings.publicBaseUrl(), id).stream())
        .map(variant -> Map.<String, Object>of("route", variant.name(), "path", variant.path())).toList();
    Duration load = before.plus(outage).plus(after);
    // the rate ramps up outside the measured group first: an open model's sudden start is a queue of its own
    PopulationBuilder measured = scenario("steady load").feed(listFeeder(cached).circular())
        .exec(group(CACHED).on(http("#{route}").get("#{path}")))
        .injectOpen(constantUsersPerSec(rate).during(load));
    PopulationBuilder outageSwitch = outageSwitch(ids.get(cachedIds)).injectOpen(atOnceUsers(1));
    PopulationBuilder afterWarmUp = rampUp.isZero()
        ? warmUp(cached).injectOpen(atOnceUsers(1)).andThen(measured, outageSwitch)
        : warmUp(cached).injectOpen(atOnceUsers(1)).andThen(scenario("ramp-up").feed(listFeeder(cached).circular())
            .exec(group(RAMP).on(http("#{route}").get("#{path}")))
            .injectOpen(rampUsersPerSec(1).to(rate).during(rampUp)).andThen(measured, outageSwitch));
    setUp(afterWarmUp)
        .protocols(Protocols.gateway())
        .assertions(
            global().failedRequests().count().is(0L),
            details(CACHED).responseTime().percentile(99).lte(p99Millis),
            details(UNCACHED).responseTime().max().lte(uncachedMaxMillis));
  }

  private ScenarioBuilder warmUp(List<Map<String, Object>> cached) {
    return scenario("warm-up")
        .exec(http("hub faults off").delete(admin + "/faults").check(status().is(200)))
        .foreach(cached, "variant").on(http("warm-up").get("#{variant.path}"));
  }

  private ScenarioBuilder outageSwitch(String uncachedId) {
    Duration half = outage.dividedBy(2);
    return scenario("outage switch")
        .pause(before)
        .exec(http("hub outage on").put(admin + "/faults").asJson().body(StringBody("{\"outage\":true}"))
            .check(status().is(200)))
        .pause(half)
        .exec(http(UNCACHED).get("/embed/" + uncachedId).check(status().in(502, 504)))
        .pause(outage.minus(half))
        .exec(http("hub outage off").delete(admin + "/faults").check(status().is(200)));
  }
}
