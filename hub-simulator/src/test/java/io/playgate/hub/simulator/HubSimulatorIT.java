package io.playgate.hub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator listens where it says: on loopback unless told otherwise, and what it reports is the address it bound.
 * Every probe stays inside 127.0.0.0/8, which is loopback as a whole on Linux: a server bound to {@code *} answers on
 * 127.0.0.2 too, one bound to 127.0.0.1 does not.
 */
class HubSimulatorIT {

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static HubSimulator run(String... args) throws Exception {
    List<String> all = new java.util.ArrayList<>(List.of("--port", "0", "--admin-port", "0",
        "--catalog", Http.testCatalog().toString()));
    all.addAll(List.of(args));
    return HubSimulator.start(vertx, HubSimulatorOptions.parse(all, Map.of())).await(10, TimeUnit.SECONDS);
  }

  @Test
  void bindsLoopbackByDefaultAndSaysSo() throws Exception {
    HubSimulator sim = run();
    try {
      assertThat(sim.boundHost()).isEqualTo("127.0.0.1");
      assertThat(sim.describe().get(0))
          .startsWith("playgate hub simulator bound to 127.0.0.1:" + sim.port() + ", serving http://127.0.0.1:"
              + sim.port() + "/hub");
      assertThat(Http.get("http://127.0.0.1:" + sim.port() + "/hub/v1/media/t1").statusCode()).isEqualTo(200);
      assertThat(Http.json(Http.get("http://127.0.0.1:" + sim.port() + "/hub/v1/media/t1")).getJsonArray("streams")
          .getJsonObject(0).getString("url")).startsWith("http://127.0.0.1:" + sim.port() + "/hub/files/");
      assertThat(accepts("127.0.0.1", sim.port())).isTrue();
      assertThatThrownBy(() -> accepts("127.0.0.2", sim.port())).isInstanceOf(ConnectException.class);
    } finally {
      sim.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aNameIsReportedAsTheAddressItResolvedTo() throws Exception {
    HubSimulator sim = run("--host", "localhost");
    try {
      assertThat(sim.boundHost()).isIn("127.0.0.1", "::1");
      assertThat(sim.describe().get(0)).doesNotContain("localhost").contains(sim.boundHost().equals("::1")
          ? "[::1]:" + sim.port() : "127.0.0.1:" + sim.port());
    } finally {
      sim.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void allInterfacesOnlyWhenAskedAndReportedAsSuch() throws Exception {
    HubSimulator sim = run("--host", "0.0.0.0");
    try {
      assertThat(sim.boundHost()).isEqualTo("0.0.0.0");
      assertThat(sim.describe().get(0)).contains("bound to 0.0.0.0:" + sim.port() + " (all interfaces)");
      assertThat(accepts("127.0.0.2", sim.port())).isTrue();
    } finally {
      sim.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theAdminApiIsOnLoopbackAndReportedWithItsPort() throws Exception {
    HubSimulator sim = run();
    try {
      assertThat(sim.describe().get(1)).isEqualTo("playgate hub simulator fault injection admin on http://127.0.0.1:"
          + sim.adminPort() + "/admin/faults (loopback only)");
      assertThat(Http.get("http://127.0.0.1:" + sim.adminPort() + "/admin/faults").statusCode()).isEqualTo(200);
      assertThatThrownBy(() -> accepts("127.0.0.2", sim.adminPort())).isInstanceOf(ConnectException.class);
    } finally {
      sim.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static boolean accepts(String address, int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), 2000);
      return true;
    }
  }
}
