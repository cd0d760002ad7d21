package io.playgate.gateway.testing;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.playgate.gateway.app.Playgate;
import io.playgate.gateway.cache.MediaCache;
import io.playgate.gateway.metrics.GatewayMetrics;
import io.playgate.hub.local.LocalHub;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real gateway for integration tests, declared where a test class needs it; this extension owns its Vert.x
 * instance and its lifecycle, and hands the test what it needs (URLs, the running {@link Playgate}, its cache and
 * local hub, the fake clock, a scripted hub).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final GatewayExtension gateway = GatewayExtension.embedded().with("hub.maxAge", "60s").fakeClock();
 * }</pre>
 *
 * <p>Where it is registered says how long a gateway lives:
 * <ul>
 *   <li>on a {@code static} field, one gateway serves the whole class: started the first time a {@code @BeforeAll}
 *       method asks for it, or else just before the first test (never inside a test's own timing), and stopped
 *       after the class;</li>
 *   <li>on an instance field, each test gets a fresh gateway (fresh Vert.x, fresh fake clock), started before its
 *       {@code @BeforeEach} methods and stopped after it; an {@link Overlay} on the test adds keys for that test.</li>
 * </ul>
 *
 * <p>Configuration is made by {@link TestGateway#config(Map)}: the real {@code conf/gateway.yaml} defaults, port 0 on
 * 127.0.0.1, the test catalogue, then the keys declared here, then the test's overlay. Gateways started with
 * {@link #another(Map)} are stopped after the test (or the class) that started them.
 */
public final class GatewayExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
    AfterAllCallback {

  private enum Scope { CLASS, TEST }

  private final Map<String, Supplier<String>> declared = new LinkedHashMap<>();
  private Duration scriptedMaxAge;
  private boolean fakeClock;
  private boolean metered;
  private Supplier<VertxOptions> vertxOptions;

  private Scope scope;
  private String ownerId;
  private boolean inTest;
  private Vertx vertx;
  private Playgate playgate;
  private FakeTicker ticker;
  private ScriptedHub scriptedHub;
  private final List<Playgate> othersOfClass = new ArrayList<>();
  private final List<Playgate> othersOfTest = new ArrayList<>();

  private GatewayExtension() {
  }

  /** @return a gateway on its embedded local hub, serving the test catalogue ({@link TestGateway#testCatalog()}) */
  public static GatewayExtension embedded() {
    return new GatewayExtension();
  }

  /**
   * @param hubUrl the remote hub's base URL ({@code hub.url}), asked for when the gateway starts, so it may name a
   *     server a {@code @BeforeAll} method starts
   * @return a gateway in {@code hub.mode: remote}
   */
  public static GatewayExtension remote(Supplier<String> hubUrl) {
    return new GatewayExtension().with("hub.mode", "remote").with("hub.url", hubUrl);
  }

  /**
   * @param maxAge the {@code max-age} of the hub's 200 and 304 answers, whole seconds
   * @return a gateway in {@code hub.mode: remote} in front of a {@link ScriptedHub} started on the same Vert.x
   *     (see {@link #scriptedHub()})
   */
  public static GatewayExtension remoteScripted(Duration maxAge) {
    GatewayExtension e = new GatewayExtension();
    e.scriptedMaxAge = maxAge;
    return e;
  }

  /**
   * @param key a configuration key path, e.g. {@code partners.anonymous.capacity}
   * @param value its value, as {@code -Dplaygate.<key>} would give it
   * @return this
   */
  public GatewayExtension with(String key, String value) {
    return with(key, () -> value);
  }

  /**
   * @param key a configuration key path
   * @param value gives the value when the gateway starts (after any {@code @BeforeAll} method that started the
   *     gateway's dependencies), e.g. a canary's port or a catalogue the class builds
   * @return this
   */
  public GatewayExtension with(String key, Supplier<String> value) {
    declared.put(key, value);
    return this;
  }

  /**
   * @param catalog the embedded hub's catalogue folder ({@code hub.catalog})
   * @return this
   */
  public GatewayExtension catalog(Path catalog) {
    return with("hub.catalog", catalog.toString());
  }

  /** @return this, serving the real demo catalogue ({@link TestGateway#demoCatalog()}) instead of the test one */
  public GatewayExtension demoCatalog() {
    return catalog(TestGateway.demoCatalog());
  }

  /** @return this, with the media cache reading a {@link FakeTicker} (see {@link #ticker()}), not the system clock */
  public GatewayExtension fakeClock() {
    fakeClock = true;
    return this;
  }

  /**
   * @return this, built as {@code Main} builds it: one {@link GatewayMetrics} registry and a Vert.x instance that
   *     reports into it (so Vert.x's own meters are on {@code /metrics})
   */
  public GatewayExtension metered() {
    metered = true;
    return this;
  }

  /**
   * @param options the options of the gateway's Vert.x instance, asked for when it starts (e.g. its DNS resolver)
   * @return this
   */
  public GatewayExtension vertxOptions(Supplier<VertxOptions> options) {
    vertxOptions = options;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // also called for @Nested classes: the outermost class that registered it owns the per-class gateway
    if (ownerId == null) {
      ownerId = context.getUniqueId();
      scope = Scope.CLASS;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Map<String, String> overlay = Overlay.Entries.of(context.getRequiredTestMethod());
    if (scope == Scope.CLASS) {
      if (!overlay.isEmpty()) {
        throw new ExtensionConfigurationException("@Overlay on " + context.getRequiredTestMethod().getName()
            + " needs a gateway per test: register GatewayExtension on an instance field, not a static one");
      }
      playgate();
    } else {
      scope = Scope.TEST;
      start(overlay);
    }
    inTest = true;
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    inTest = false;
    try {
      stopAll(othersOfTest);
    } finally {
      if (scope == Scope.TEST) {
        stop();
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (scope == Scope.CLASS && context.getUniqueId().equals(ownerId)) {
      stop();
    }
  }

  /** @return the running gateway (a per-class one starts here if it has not yet) */
  public Playgate playgate() {
    if (playgate == null) {
      if (scope != Scope.CLASS) {
        throw new IllegalStateException("the gateway starts before each test; it is not there outside one");
      }
      start(Map.of());
    }
    return playgate;
  }

  /** @return the gateway's Vert.x instance, closed with the gateway */
  public Vertx vertx() {
    playgate();
    return vertx;
  }

  /** @return the public base URL the gateway emits, {@code http://localhost:<port>} unless configured */
  public String base() {
    return playgate().publicBaseUrl();
  }

  /** @return the public listener by address, {@code http://127.0.0.1:<port>}, whatever the public base URL says */
  public String loopbackBase() {
    return "http://127.0.0.1:" + port();
  }

  /** @return the management listener's base URL, {@code http://127.0.0.1:<port>}, where {@code /metrics} is */
  public String managementBase() {
    return TestGateway.managementBase(playgate());
  }

  /** @return the public listener's port */
  public int port() {
    return playgate().port();
  }

  /** @return the management listener's port */
  public int managementPort() {
    return playgate().managementPort();
  }

  /** @return the embedded hub, or {@code null} in remote mode */
  public LocalHub localHub() {
    return playgate().localHub();
  }

  /** @return the gateway's media cache */
  public MediaCache cache() {
    return playgate().cache();
  }

  /** @return the gateway's meter registry */
  public MeterRegistry meterRegistry() {
    return playgate().meterRegistry();
  }

  /**
   * @return the media cache's clock
   * @throws IllegalStateException unless declared with {@link #fakeClock()}
   */
  public FakeTicker ticker() {
    playgate();
    if (ticker == null) {
      throw new IllegalStateException("declare the gateway with fakeClock() to move its clock");
    }
    return ticker;
  }

  /**
   * @return the hub the gateway fetches from
   * @throws IllegalStateException unless declared with {@link #remoteScripted(Duration)}
   */
  public ScriptedHub scriptedHub() {
    playgate();
    if (scriptedHub == null) {
      throw new IllegalStateException("declare the gateway with GatewayExtension.remoteScripted(maxAge)");
    }
    return scriptedHub;
  }

  /**
   * Starts a second gateway on this one's Vert.x and clock (e.g. a remote-mode node in front of this one's
   * {@code /hub}), stopped after the current test, or after the class when started outside a test.
   *
   * @param overrides its configuration overrides, see {@link TestGateway#config(Map)}; nothing declared here applies
   * @return the running gateway
   */
  public Playgate another(Map<String, String> overrides) {
    Playgate other = TestGateway.start(vertx(), overrides, clock());
    (inTest ? othersOfTest : othersOfClass).add(other);
    return other;
  }

  private void start(Map<String, String> overlay) {
    if (metered && vertxOptions != null) {
      throw new ExtensionConfigurationException("metered() builds its own Vert.x options; drop vertxOptions(...)");
    }
    GatewayMetrics metrics = metered ? GatewayMetrics.create() : null;
    vertx = metrics != null ? metrics.createVertx()
        : vertxOptions != null ? Vertx.vertx(vertxOptions.get()) : Vertx.vertx();
    ticker = fakeClock ? new FakeTicker() : null;
    try {
      Map<String, String> config = new LinkedHashMap<>();
      if (scriptedMaxAge != null) {
        scriptedHub = ScriptedHub.start(vertx, scriptedMaxAge.toSeconds());
        config.put("hub.mode", "remote");
        config.put("hub.url", scriptedHub.url());
      }
      declared.forEach((key, value) -> config.put(key, value.get()));
      config.putAll(overlay);
      playgate = metrics != null ? TestGateway.start(vertx, config, clock(), metrics)
          : TestGateway.start(vertx, config, clock());
    } catch (RuntimeException e) {
      vertx.close();
      vertx = null;
      throw e;
    }
  }

  private Ticker clock() {
    return ticker != null ? ticker : Ticker.systemTicker();
  }

  private void stop() throws Exception {
    try {
      stopAll(othersOfClass);
      if (playgate != null) {
        playgate.stop().await(10, TimeUnit.SECONDS);
      }
    } finally {
      playgate = null;
      scriptedHub = null;
      if (vertx != null) {
        Vertx closing = vertx;
        vertx = null;
        closing.close().await(10, TimeUnit.SECONDS);
      }
    }
  }

  private static void stopAll(List<Playgate> gateways) throws Exception {
    try {
      for (Playgate g : gateways) {
        g.stop().await(10, TimeUnit.SECONDS);
      }
    } finally {
      gateways.clear();
    }
  }
}
