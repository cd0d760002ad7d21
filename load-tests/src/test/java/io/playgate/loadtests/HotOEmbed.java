package io.playgate.loadtests;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.Simulation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One cached oEmbed answer, closed model: a constant number of users, each sending the same {@code GET /oembed} back
 * to back (a new user replaces one that has sent its {@code requestsPerUser}), over shared keep-alive connections.
 * One request first puts the item into the cache. This is the hottest path the gateway has; its req/s in the report
 * is the peak the other simulations take half of.
 *
 * <p>System properties (and defaults): {@code id} (ck-t1, a Chinook track), {@code users} (64),
 * {@code requestsPerUser} (20), {@code durationSeconds} (30), {@code p99Millis} (50), {@code minRequestsPerSecond}
 * (1000; a floor for the whole run's mean throughput) and the URLs of {@link Settings}. Fails the run on any failed
 * request, a p99 over its bound or a mean throughput under its floor.
 */
public class HotOEmbed extends Simulation {

  private final String id = Settings.text("id", "ck-t1");
  private final int users = Settings.integer("users", 64, 1, 100_000);
  private final int requestsPerUser = Settings.integer("requestsPerUser", 20, 1, 1_000_000);
  private final Duration duration = Settings.seconds("durationSeconds", 30, 86_400);
  private final int p99Millis = Settings.integer("p99Millis", 50, 0, 60_000);
  private final int minRequestsPerSecond = Settings.integer("minRequestsPerSecond", 1000, 0, 10_000_000);
  private final String path = "/oembed?url="
      + URLEncoder.encode(Settings.publicBaseUrl() + "/media/" + id, StandardCharsets.UTF_8) + "&format=json";

  {
    setUp(scenario("cache it").exec(http("first").get(path)).injectOpen(atOnceUsers(1))
        .andThen(scenario("hot oembed").exec(repeat(requestsPerUser).on(http("hot oembed").get(path)))
            .injectClosed(constantConcurrentUsers(users).during(duration))))
        .protocols(Protocols.gateway())
        .assertions(
            global().failedRequests().count().is(0L),
            global().responseTime().percentile(99).lte(p99Millis),
            global().requestsPerSec().gte((double) minRequestsPerSecond));
  }
}
