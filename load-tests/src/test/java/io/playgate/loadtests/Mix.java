package io.playgate.loadtests;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
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
    double exponent = Settings.integer("zipfExponent", 100, 0, 500) / 100.0;
    Zipf zipf = new Zipf(ids.size(), exponent, Settings.integer("seed", 12, 0, Integer.MAX_VALUE));
    Iterator<Map<String, Object>> draws = Stream.generate(() -> draw(zipf)).iterator();
    return group(GROUP).on(feed(draws).exec(http("#{route}").get("#{path}")));
  }

  private Map<String, Object> draw(Zipf zipf) {
    String id = ids.get(zipf.next());
    List<Variant> variants = Variant.of(publicBaseUrl, id);
    Variant variant = variants.get(ThreadLocalRandom.current().nextInt(variants.size()));
    return Map.of("route", variant.name(), "path", variant.path());
  }

  /**
   * The measured population, after a warm-up that asks for every variant of every id once so that the measured
   * requests find the cache full: the paths are dealt to {@code warmUpUsers} users, who go through their share one
   * request at a time (request name {@code warm-up}, outside the group {@value #GROUP}).
   *
   * @param warmUpUsers 0 (no warm-up: {@code measured} is returned as it is) or more
   * @param measured the injected scenario to run once the warm-up is over
   */
  PopulationBuilder warmedUp(int warmUpUsers, PopulationBuilder measured) {
    return warmUpUsers == 0 ? measured : warmUp(warmUpUsers).injectOpen(atOnceUsers(warmUpUsers)).andThen(measured);
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
