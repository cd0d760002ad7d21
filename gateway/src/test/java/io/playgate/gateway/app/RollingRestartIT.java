package io.playgate.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.playgate.gateway.testing.GatewayProcess;
import io.playgate.gateway.testing.Nginx;
import io.playgate.gateway.testing.TestGateway;
import io.playgate.hub.simulator.FaultSettings;
import io.playgate.hub.simulator.HubSimulator;
import io.playgate.hub.simulator.HubSimulatorOptions;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A rolling restart loses nothing: three real gateway processes (remote mode, one hub simulator answering after
 * 100 ms) behind Debian's real nginx configured with the README's example ({@link Nginx}), and a client sending
 * 25 requests a second through nginx (cached ids, and unknown ids that each cost a hub call) while each node in turn
 * gets {@code SIGTERM}, drains, exits with status 0 and is started again on its port, the next one only once it is
 * ready again. Every request must get its expected answer: 200 for a catalogue id, 404 for an unknown one.
 */
class RollingRestartIT {

  private static final int NODES = 3;
  /** One request every this many ms: a client loop of 25 requests a second. */
  private static final long INTERVAL_MILLIS = 40;
  private static final List<String> IDS = List.of("t1", "t2", "v1", "a1", "p1");

  private final Vertx vertx = Vertx.vertx();
  private final List<GatewayProcess> nodes = new ArrayList<>();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private HubSimulator hub;
  private Nginx nginx;
  private ScheduledExecutorService client;

  @AfterEach
  void down() throws Exception {
    if (client != null) {
      client.shutdownNow();
    }
    if (nginx != null) {
      nginx.close();
    }
    for (GatewayProcess node : nodes) {
      node.close();
    }
    if (hub != null) {
      hub.close().await(10, TimeUnit.SECONDS);
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void restartingEveryNodeInTurnUnderAClientLoopFailsNoRequest() throws Exception {
    Path dir = Files.createDirectories(TestGateway.root().resolve("gateway/target/process-its/rolling-restart"));
    hub = HubSimulator.start(vertx, new HubSimulatorOptions("127.0.0.1", 0, "127.0.0.1", 0, TestGateway.testCatalog(),
        null, Duration.ofSeconds(60), null)).await(30, TimeUnit.SECONDS);
    hub.faults().set(FaultSettings.NONE.withLatency(Duration.ofMillis(100)));
    List<Integer> ports = List.of(GatewayProcess.freePort(), GatewayProcess.freePort(), GatewayProcess.freePort());
    int publicPort = GatewayProcess.freePort();
    for (int i = 0; i < NODES; i++) {
      nodes.add(GatewayProcess.start(dir.resolve("node" + i + "-0.log"), settings(ports.get(i), publicPort)));
    }
    nodes.forEach(this::warm);
    nginx = Nginx.start(dir.resolve("nginx"), ports, publicPort);

    startClientLoop();
    await().atMost(Duration.ofSeconds(20)).until(() -> answered.get() >= 25);
    long beforeRolling = answered.get();
    for (int i = 0; i < NODES; i++) {
      restart(i, dir, ports.get(i), publicPort);
    }
    long duringRolling = answered.get() - beforeRolling;
    await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() >= beforeRolling + duringRolling + 25);
    client.shutdown();
    assertThat(client.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    await().atMost(Duration.ofSeconds(45)).until(() -> answered.get() + failures.size() == sent.get());

    assertThat(failures).as("failed requests of " + sent.get() + " (nginx: " + nginx.dir() + ")").isEmpty();
    assertThat(duringRolling).as("requests answered while the nodes restarted").isGreaterThanOrEqualTo(100);
  }

  /**
   * Every node: the public base URL is nginx's; the anonymous rate limit is off (all requests come from nginx); hub
   * calls may take long and never open the breaker, so only the restarts can fail a request on a loaded machine.
   */
  private Map<String, String> settings(int port, int publicPort) {
    return Map.of("server.port", String.valueOf(port), "server.publicBaseUrl", "http://localhost:" + publicPort,
        "management.port", "0", "hub.mode", "remote", "hub.url", "http://127.0.0.1:" + hub.port() + "/hub",
        "hub.timeout", "20s", "hub.breakerMaxFailures", "10000", "partners.anonymous.capacity", "0",
        "shutdown.grace", "2s", "shutdown.deadline", "10s");
  }

  /** Each node answers each catalogue id once before the loop starts (bounded): a cold JVM on a loaded machine. */
  private void warm(GatewayProcess node) {
    for (String id : IDS) {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
          .until(() -> node.status("/embed/" + id) == 200);
    }
  }

  /** SIGTERM, a clean exit, a start on the same port, and ready again: all bounded. */
  private void restart(int i, Path dir, int port, int publicPort) throws Exception {
    GatewayProcess old = nodes.get(i);
    old.terminate();
    assertThat(old.awaitExit(Duration.ofSeconds(30))).as("exit status of node " + i + ":\n" + old.log()).isZero();
    assertThat(old.log()).contains("playgate drained: ").contains(" 0 cut");
    GatewayProcess next = GatewayProcess.start(dir.resolve("node" + i + "-1.log"), settings(port, publicPort));
    nodes.set(i, next);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
        .until(() -> next.status("/health/ready") == 200);
  }

  /** Sends one request every {@value #INTERVAL_MILLIS} ms through nginx, without waiting for the previous one. */
  private void startClientLoop() {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    client = Executors.newSingleThreadScheduledExecutor();
    client.scheduleAtFixedRate(() -> {
      long n = sent.getAndIncrement();
      String id = n % 3 == 2 ? "nosuch-" + n : IDS.get((int) (n % IDS.size()));
      int expected = id.startsWith("nosuch-") ? 404 : 200;
      String path = n % 2 == 0 ? "/embed/" + id
          : "/oembed?url=" + URLEncoder.encode("http://localhost:" + nginx.port() + "/media/" + id,
              StandardCharsets.UTF_8);
      http.sendAsync(HttpRequest.newBuilder(URI.create(nginx.base() + path)).timeout(Duration.ofSeconds(40)).build(),
          HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            if (e == null && r.statusCode() == expected) {
              answered.incrementAndGet();
            } else {
              failures.add(path + " -> " + (e != null ? e : r.statusCode() + " (expected " + expected + ")"));
            }
          });
    }, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
  }
}
