package io.playgate.loadtests;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The embed mix shared by {@link EmbedMix} and {@link Soak}: ids of a catalogue drawn with Zipf's law, each request
 * one of the id's eight {@link Variant}s drawn uniformly, all in the Gatling group {@value #GROUP} so assertions and
 * the report can tell the measured requests from the warm-up.
 */
final class Mix {

  /** The group of the measured requests. */
  static final String GROUP = "mix";
  /** The group of the requests sent while the arrival rate ramps up to the measured one. */
  static final String RAMP_GROUP = "ramp-up";

  private final List<String> ids;
  private final String publicBaseUrl;

  private Mix(List<String> ids, String publicBaseUrl) {
    this.ids = ids;
    this.publicBaseUrl = publicBaseUrl;
  }

  /** The catalogue of the {@code catalog} property ({@link CatalogIds#shuffled()}) behind {@code publicBaseUrl}. */
  static Mix fromSettings() {
    return new Mix(CatalogIds.shuffled(), Settings.publicBaseUrl());
  }

  /**
   * One measured request: a Zipf draw (exponent from the {@code zipfExponent} property in hundredths, default 100,
   * that is s = 1.00), then one of the id's variants, uniformly.
   */
  ChainBuilder request() {
    return request(GROUP);
  }

  private ChainBuilder request(String groupName) {
    double exponent = Settings.integer("zipfExponent", 100, 0, 500) / 100.0;
    Zipf zipf = new Zipf(ids.size(), exponent, Settings.integer("seed", 12, 0, Integer.MAX_VALUE));
    Iterator<Map<String, Object>> draws = Stream.generate(() -> draw(zipf)).iterator();
    return group(groupName).on(feed(draws).exec(http("#{route}").get("#{path}")));
  }

  private Map<String, Object> draw(Zipf zipf) {
    String id = ids.get(zipf.next());
    List<Variant> variants = Variant.of(publicBaseUrl, id);
    Variant variant = variants.get(ThreadLocalRandom.current().nextInt(variants.size()));
    return Map.of("route", variant.name(), "path", variant.path());
  }

  /**
   * The measured population, after a warm-up that asks for every variant of every id once so that the measured
   * requests find the cache full (the paths are dealt to {@code warmUpUsers} users, who go through their share one
   * request at a time; request name {@code warm-up}, outside the group {@value #GROUP}), then a ramp of the arrival
   * rate from 1 to {@code rate} users a second over {@code rampUp} (group {@value #RAMP_GROUP}, also outside): an
   * open model's sudden start is a queue of its own (the client's new connections, the client's and the gateway's JIT
   * for a new traffic shape) that a fixed-rate measurement should not include.
   *
   * @param warmUpUsers 0 (no warm-up) or more
   * @param rate the measured arrival rate, users (requests) a second, {@code >= 1}
   * @param rampUp how long the ramp lasts; {@link Duration#ZERO} for none
   * @param measured the injected scenario to run once the warm-up and the ramp are over
   */
  PopulationBuilder warmedUp(int warmUpUsers, int rate, Duration rampUp, PopulationBuilder measured) {
    PopulationBuilder ramped = rampUp.isZero() ? measured : scenario("ramp-up").exec(request(RAMP_GROUP))
        .injectOpen(rampUsersPerSec(1).to(rate).during(rampUp)).andThen(measured);
    return warmUpUsers == 0 ? ramped : warmUp(warmUpUsers).injectOpen(atOnceUsers(warmUpUsers)).andThen(ramped);
  }

  private ScenarioBuilder warmUp(int users) {
    List<List<String>> shares = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      shares.add(new ArrayList<>());
    }
    int i = 0;
    for (String id : ids) {
      for (Variant variant : Variant.of(publicBaseUrl, id)) {
        shares.get(i++ % users).add(variant.path());
      }
    }
    AtomicInteger next = new AtomicInteger();
    return scenario("warm-up").exec(session -> session.set("share", shares.get(next.getAndIncrement() % users)))
        .foreach("#{share}", "path").on(exec(http("warm-up").get("#{path}")));
  }
}
