package io.playgate.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.playgate.gateway.app.Playgate;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventConditions;
import org.junit.platform.testkit.engine.TestExecutionResultConditions;

/**
 * The fixture's own contract, checked by running small test classes through the JUnit Platform: a gateway on a
 * static field serves the whole class and is stopped after it; one on an instance field is fresh for each test and
 * stopped after it, with the test's {@link Overlay} applied; {@link GatewayExtension#another(Map)} gateways are
 * stopped after their test; an overlay on a per-class gateway is refused. (The small classes are not {@code *IT}, so
 * the build runs them only from here.)
 */
class GatewayExtensionIT {

  /** Gateways the small classes saw, in order. */
  static final List<Playgate> SEEN = new CopyOnWriteArrayList<>();

  static class PerClass {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.embedded();

    @Test
    void first() {
      SEEN.add(gateway.playgate());
    }

    @Test
    void second() {
      SEEN.add(gateway.playgate());
    }
  }

  static class PerTest {
    @RegisterExtension
    final GatewayExtension gateway = GatewayExtension.embedded().fakeClock();

    @BeforeEach
    void seen() {
      SEEN.add(gateway.playgate());
    }

    @Test
    void theClockStartsWhereAFreshFakeTickerDoes() {
      assertThat(gateway.ticker().read()).isEqualTo(new FakeTicker().read());
      gateway.ticker().advance(Duration.ofHours(1));
    }

    @Test
    void anotherGatewayIsStoppedAfterTheTest() {
      SEEN.add(gateway.another(Map.of("hub.mode", "remote", "hub.url", gateway.base() + "/hub")));
      assertThat(gateway.ticker().read()).isEqualTo(new FakeTicker().read());
    }

    @Test
    @Overlay("server.publicBaseUrl=https://play.example/a=b")
    void theOverlayApplies() {
      assertThat(gateway.base()).isEqualTo("https://play.example/a=b");
    }
  }

  static class OverlayOnAPerClassGateway {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.embedded();

    @Test
    @Overlay("server.accessLog=false")
    void refused() {
    }
  }

  private static EngineExecutionResults run(Class<?> testClass) {
    SEEN.clear();
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
  }

  private static void assertStopped(Playgate gateway) {
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), gateway.port()).close())
        .as("port %d after the gateway's lifetime", gateway.port()).isInstanceOf(ConnectException.class);
  }

  @Test
  void aStaticGatewayServesTheWholeClassAndStopsAfterIt() {
    run(PerClass.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    assertThat(SEEN).hasSize(2);
    assertThat(SEEN.get(1)).isSameAs(SEEN.get(0));
    assertStopped(SEEN.get(0));
  }

  @Test
  void anInstanceGatewayIsFreshForEachTestAndStopsAfterIt() {
    run(PerTest.class).testEvents().assertStatistics(s -> s.started(3).succeeded(3));
    assertThat(SEEN).hasSize(4).doesNotHaveDuplicates();
    SEEN.forEach(GatewayExtensionIT::assertStopped);
  }

  @Test
  void anOverlayOnAPerClassGatewayIsRefused() {
    run(OverlayOnAPerClassGateway.class).testEvents().assertThatEvents().haveExactly(1,
        EventConditions.finishedWithFailure(TestExecutionResultConditions.instanceOf(
            ExtensionConfigurationException.class)));
  }
}
