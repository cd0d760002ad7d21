package io.playgate.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.playgate.gateway.testing.GatewayProcess;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code SIGTERM} drains a real gateway process ({@code java -jar gateway/target/playgate-gateway.jar}, remote mode)
 * in front of a hub simulator that answers one id only after 3 s: the request waiting on the hub when the signal
 * arrives is answered 200, {@code /health/ready} answers 503 meanwhile on a new connection (the listener still
 * accepts during {@code shutdown.grace}), and the process exits by itself with status 0, logging one drain line and
 * no ERROR. A request still waiting at {@code shutdown.deadline} is cut: the process still exits, with status 1.
 * A signal the moment the node answers is drained too (the hook is in place before anything listens).
 */
class GracefulShutdownIT {

  private static final Duration SLOW_HUB = Duration.ofSeconds(3);
  private static final Pattern DRAINED = Pattern.compile("playgate drained: (\\d+) requests finished, (\\d+) cut");

  private static Vertx vertx;
  private static HubSimulator hub;
  private static Path dir;
  private GatewayProcess node;

  @BeforeAll
  static void hub() throws Exception {
    vertx = Vertx.vertx();
    hub = HubSimulator.start(vertx, new HubSimulatorOptions("127.0.0.1", 0, "127.0.0.1", 0, TestGateway.testCatalog(),
        null, Duration.ofSeconds(60), null)).await(30, TimeUnit.SECONDS);
    dir = Files.createDirectories(TestGateway.root().resolve("gateway/target/process-its/graceful-shutdown"));
  }

  @AfterAll
  static void down() throws Exception {
    hub.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  private static GatewayProcess start(String name, String deadline) {
    int port = GatewayProcess.freePort();
    Map<String, String> settings = new HashMap<>(Map.of("server.port", String.valueOf(port),
        "server.publicBaseUrl", "http://localhost:" + port, "management.port", "0", "hub.mode", "remote",
        "hub.url", "http://127.0.0.1:" + hub.port() + "/hub", "hub.timeout", "30s"));
    settings.putAll(Map.of("shutdown.grace", "2s", "shutdown.deadline", deadline));
    return GatewayProcess.start(dir.resolve(name + ".log"), settings);
  }

  private static CompletableFuture<HttpResponse<String>> coldOEmbed(GatewayProcess node, String id) {
    String url = URLEncoder.encode("http://localhost:" + node.port() + "/media/" + id, StandardCharsets.UTF_8);
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().sendAsync(
        HttpRequest.newBuilder(URI.create(node.base() + "/oembed?url=" + url)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A {@code GET} on a connection of its own (a new client each time). */
  private static HttpResponse<String> freshGet(GatewayProcess node, String path) throws Exception {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
        HttpRequest.newBuilder(URI.create(node.base() + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aRequestWaitingOnASlowHubIsAnsweredWhileReadinessSaysDrainingThenTheProcessExits() throws Exception {
    hub.faults().set(FaultSettings.NONE.withLatency(SLOW_HUB).withIds(Set.of("t1")));
    node = start("drain", "20s");
    long before = hub.hub().requestCount("t1");
    CompletableFuture<HttpResponse<String>> cold = coldOEmbed(node, "t1");
    // the request now waits on the hub (3 s): the signal arrives while it is in flight
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.hub().requestCount("t1") > before);
    node.terminate();

    HttpResponse<String> ready = await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
        .ignoreExceptions().until(() -> freshGet(node, "/health/ready"), r -> r.statusCode() == 503);
    assertThat(cold).as("readiness is 503 while the cold request still waits on the hub").isNotDone();
    assertThat(ready.body()).contains("\"status\":\"DOWN\"").contains("draining");
    assertThat(ready.headers().firstValue("connection")).hasValue("close");

    HttpResponse<String> answer = cold.get(30, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("\"type\"");
    assertThat(node.awaitExit(Duration.ofSeconds(25))).as("exit status of a clean drain").isZero();

    String log = node.log();
    assertThat(DRAINED.matcher(log).results().count()).as("drain lines in:\n" + log).isEqualTo(1);
    Matcher drained = DRAINED.matcher(log);
    assertThat(drained.find()).isTrue();
    assertThat(Long.parseLong(drained.group(1))).as("the cold request and the readiness checks")
        .isGreaterThanOrEqualTo(2);
    assertThat(drained.group(2)).isEqualTo("0");
    assertThat(log).doesNotContain(" ERROR ");
  }

  @Test
  void aRequestStillWaitingAtTheDeadlineIsCutAndTheProcessStillExits() throws Exception {
    hub.faults().set(FaultSettings.NONE.withLatency(Duration.ofSeconds(25)).withIds(Set.of("t2")));
    node = start("cut", "3s");
    long before = hub.hub().requestCount("t2");
    CompletableFuture<HttpResponse<String>> stuck = coldOEmbed(node, "t2");
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.hub().requestCount("t2") > before);
    long signalled = System.nanoTime();
    node.terminate();

    int status = node.awaitExit(Duration.ofSeconds(15));
    assertThat(status).as("exit status when a request had to be cut").isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(15));
    assertThat(stuck).failsWithin(Duration.ofSeconds(5));
    Matcher drained = DRAINED.matcher(node.log());
    assertThat(drained.find()).as(node.log()).isTrue();
    assertThat(drained.group(2)).isEqualTo("1");
  }

  @Test
  void aSignalAsSoonAsTheNodeAnswersIsDrainedLikeAnyOther() throws Exception {
    node = start("early", "5s");
    node.terminate();

    assertThat(node.awaitExit(Duration.ofSeconds(20))).as("exit status; log:\n" + node.log()).isZero();
    assertThat(DRAINED.matcher(node.log()).results().count()).as(node.log()).isEqualTo(1);
    assertThat(node.log()).doesNotContain("Shutdown in progress").doesNotContain(" ERROR ");
  }
}
