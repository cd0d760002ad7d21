package io.playgate.gateway.testing;

import com.github.benmanes.caffeine.cache.Ticker;
import io.playgate.gateway.app.Playgate;
import io.playgate.gateway.config.ConfigLoader;
import io.playgate.gateway.config.GatewayConfig;
import io.playgate.gateway.metrics.GatewayMetrics;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Starts real gateways for integration tests: the real {@code conf/gateway.yaml} defaults, port 0 on loopback,
 * one server instance, plus the overrides a test names (as {@code -Dplaygate.*} would). The one place where tests
 * make configuration; integration tests declare a {@link GatewayExtension}, which starts its gateway here.
 */
public final class TestGateway {

  private TestGateway() {
  }

  /** @return the repository root (the folder holding {@code conf/gateway.yaml}) */
  public static Path root() {
    String prop = System.getProperty("playgate.root");
    if (prop != null && Files.isRegularFile(Path.of(prop, "conf/gateway.yaml"))) {
      return Path.of(prop).toAbsolutePath();
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("conf/gateway.yaml"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find conf/gateway.yaml above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  /** @return the test catalogue folder (hostile titles, private, removed and non-embeddable items) */
  public static Path testCatalog() {
    return root().resolve("gateway/src/test/resources/test-catalog");
  }

  /** @return the real demo catalogue folder */
  public static Path demoCatalog() {
    return root().resolve("conf/catalog");
  }

  /**
   * @param overrides key path → value, e.g. {@code hub.mode → remote}
   * @return the validated configuration: defaults, then port 0 on 127.0.0.1 (the management listener too), one
   *     instance, the test catalogue, no anonymous rate limit, then the overrides
   */
  public static GatewayConfig config(Map<String, String> overrides) {
    Properties props = new Properties();
    props.setProperty("playgate.server.host", "127.0.0.1");
    props.setProperty("playgate.server.port", "0");
    props.setProperty("playgate.server.instances", "1");
    props.setProperty("playgate.management.host", "127.0.0.1");
    props.setProperty("playgate.management.port", "0");
    props.setProperty("playgate.hub.catalog", testCatalog().toString());
    // tests send hundreds of requests from one address: no anonymous rate limit unless a test sets one
    props.setProperty("playgate.partners.anonymous.capacity", "0");
    overrides.forEach((k, v) -> props.setProperty("playgate." + k, v));
    Vertx vertx = Vertx.vertx();
    try {
      return ConfigLoader.load(vertx, root().resolve("conf/gateway.yaml"), null, Map.of(), props)
          .await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      vertx.close();
    }
  }

  /**
   * @param gateway a running gateway
   * @return the base URL of its management listener, {@code http://127.0.0.1:<port>}, where {@code /metrics} is
   */
  public static String managementBase(Playgate gateway) {
    return "http://127.0.0.1:" + gateway.managementPort();
  }

  /**
   * Starts a gateway and waits for it.
   *
   * @param vertx the test's Vert.x instance
   * @param overrides configuration overrides, see {@link #config(Map)}
   * @return the running gateway; stop it with {@link Playgate#stop()}
   */
  public static Playgate start(Vertx vertx, Map<String, String> overrides) {
    return start(vertx, overrides, Ticker.systemTicker());
  }

  /**
   * Starts a gateway whose media cache reads a given clock, and waits for it.
   *
   * @param vertx the test's Vert.x instance
   * @param overrides configuration overrides, see {@link #config(Map)}
   * @param ticker the media cache's clock, e.g. a {@link FakeTicker}
   * @return the running gateway; stop it with {@link Playgate#stop()}
   */
  public static Playgate start(Vertx vertx, Map<String, String> overrides, Ticker ticker) {
    try {
      return Playgate.start(vertx, config(overrides), ticker).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts a gateway as {@code Main} builds it, reporting into one meter registry, and waits for it.
   *
   * @param vertx the test's Vert.x instance, built by {@code metrics.createVertx()}
   * @param overrides configuration overrides, see {@link #config(Map)}
   * @param ticker the media cache's clock
   * @param metrics the registry the gateway and {@code vertx} report into
   * @return the running gateway; stop it with {@link Playgate#stop()}
   */
  public static Playgate start(Vertx vertx, Map<String, String> overrides, Ticker ticker, GatewayMetrics metrics) {
    try {
      return Playgate.start(vertx, config(overrides), ticker, metrics).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
