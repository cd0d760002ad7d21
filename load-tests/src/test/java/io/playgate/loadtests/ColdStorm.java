package io.playgate.loadtests;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Coalescing under storms of first requests, counted at the hub: a remote-mode gateway in front of the hub simulator
 * (load-tests/README.md, "The hub simulator"), whose answers are held back by a latency fault so that the requests
 * of a storm wait together. First {@code oneIdRequests} requests at once for one uncached id, then
 * {@code manyIds} uncached ids at once with {@code requestsPerId} requests each; the requests of an id go round its
 * eight {@link Variant}s. Before: the simulator's counters are zeroed ({@code DELETE /admin/counts}) and the latency
 * switched on; after: {@code GET /admin/counts} must show exactly one metadata request for every id the hub was asked
 * for (the storms' ids, and the albums their share pages name), and the latency is switched off.
 *
 * <p>System properties (and defaults): {@code oneIdRequests} (2000), {@code manyIds} (100), {@code requestsPerId}
 * (20), {@code hubLatencyMillis} (300), {@code slackMillis} (2000: the slowest answer of a storm may take the hub's
 * latency plus this), {@code seed} (picks the ids; each run of {@code load-tests/gatling.sh} starts a fresh
 * gateway, so any ids are uncached), {@code catalog} and the URLs of {@link Settings}. Fails the run on any failed
 * request (a hub count other than 1 fails the request {@code hub calls per id}) or a storm slower than its bound.
 * The many-ids storm also meets the gateway's hub connection pool ({@code hub.maxPoolSize} 32, {@code hub.timeout}
 * 5 s, docs/operators.md): ids beyond the pool wait for a connection, so {@code manyIds} × latency / 32 must stay
 * well under 5 s (500 ids at 1 s time out: 504s, then the circuit breaker opens).
 */
public class ColdStorm extends Simulation {

  private static final String ONE = "cold: one id";
  private static final String MANY = "cold: many ids";

  private final int oneIdRequests = Settings.integer("oneIdRequests", 2000, 1, 100_000);
  private final int manyIds = Settings.integer("manyIds", 100, 1, 100_000);
  private final int requestsPerId = Settings.integer("requestsPerId", 20, 1, 1000);
  private final int hubLatencyMillis = Settings.integer("hubLatencyMillis", 300, 0, 60_000);
  private final int slackMillis = Settings.integer("slackMillis", 2000, 0, 600_000);
  private final String admin = Settings.hubAdminUrl();
  private final String publicBaseUrl = Settings.publicBaseUrl();
  private final List<String> ids = CatalogIds.shuffled();

  {
    if (ids.size() < manyIds + 1) {
      throw new IllegalArgumentException("-DmanyIds=" + manyIds + ": the catalogue has " + ids.size() + " ids");
    }
    List<Map<String, Object>> one = requests(ids.subList(0, 1), oneIdRequests);
    List<Map<String, Object>> many = requests(ids.subList(1, 1 + manyIds), requestsPerId);
    setUp(prepare().injectOpen(atOnceUsers(1))
        .andThen(storm(ONE, one).injectOpen(atOnceUsers(one.size())))
        .andThen(storm(MANY, many).injectOpen(atOnceUsers(many.size())))
        .andThen(verify().injectOpen(atOnceUsers(1))))
        .protocols(Protocols.gateway())
        .assertions(
            global().failedRequests().count().is(0L),
            details(ONE).responseTime().max().lte(hubLatencyMillis + slackMillis),
            details(MANY).responseTime().max().lte(hubLatencyMillis + slackMillis));
  }

  private ScenarioBuilder prepare() {
    return scenario("prepare the hub")
        .exec(http("hub counts zeroed").delete(admin + "/counts").check(status().is(204)))
        .exec(http("hub latency on").put(admin + "/faults").asJson()
            .body(StringBody("{\"latency\":\"" + hubLatencyMillis + "ms\"}")).check(status().is(200)));
  }

  private static ScenarioBuilder storm(String name, List<Map<String, Object>> requests) {
    return scenario(name).feed(listFeeder(requests).queue()).exec(http(name).get("#{path}"));
  }

  private ScenarioBuilder verify() {
    return scenario("count hub calls")
        .exec(http("hub calls per id").get(admin + "/counts")
            .check(jmesPath("total").saveAs("hubCalls"), jmesPath("ids").ofMap().transform(this::notOnce).is("")))
        .exec(session -> {
          System.out.println("hub calls: " + session.getString("hubCalls") + " in total, for "
              + (1 + manyIds) + " storm ids (and the albums their share pages name)");
          return session;
        })
        .exec(http("hub latency off").delete(admin + "/faults").check(status().is(200)));
  }

  /** {@code perId} requests for each id, round the id's variants, in a shuffled order. */
  private List<Map<String, Object>> requests(List<String> stormIds, int perId) {
    List<Map<String, Object>> requests = new ArrayList<>();
    for (String id : stormIds) {
      List<Variant> variants = Variant.of(publicBaseUrl, id);
      for (int i = 0; i < perId; i++) {
        requests.add(Map.of("path", variants.get(i % variants.size()).path()));
      }
    }
    Collections.shuffle(requests, new Random(Settings.integer("seed", 12, 0, Integer.MAX_VALUE)));
    return requests;
  }

  /** The ids asked for other than once, as {@code id=count, …} (empty when every id was asked for once). */
  private String notOnce(Map<String, Object> counts) {
    Map<String, Object> offenders = new TreeMap<>();
    ids.subList(0, 1 + manyIds).forEach(id -> offenders.put(id, 0));
    counts.forEach(offenders::put);
    offenders.values().removeIf(count -> count instanceof Number n && n.longValue() == 1);
    return offenders.isEmpty() ? "" : offenders.toString();
  }
}
