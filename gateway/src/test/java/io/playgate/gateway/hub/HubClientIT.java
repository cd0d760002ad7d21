package io.playgate.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The WebHubClient against a real HTTP server on loopback that answers like a broken or hostile hub. Each answer
 * must end in the right {@link HubFailure} within the deadline, and through a remote-mode gateway in a problem body.
 */
class HubClientIT {

  private static final long MAX_BODY = 64 * 1024;
  private static Vertx vertx;
  private static HttpServer server;
  private static String base;
  private static HubClient client;
  private static final AtomicInteger redirectTargetHits = new AtomicInteger();
  private static Buffer bomb;
  /** A remote-mode gateway in front of the hostile hub below (started once the hub listens). */
  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.remote(() -> base).with("hub.timeout", "500ms")
      .with("oembed.schemes", "https://hub.example/track/{id}");

  private static JsonObject item(String id) {
    return new JsonObject().put("id", id).put("kind", "track").put("title", "T " + id).put("pageUrl", "https://hub.example/" + id);
  }

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 16; i++) {
        out.write(zeros);
      }
    }
    bomb = Buffer.buffer(gz.toByteArray());
    server = vertx.createHttpServer().requestHandler(req -> {
      String id = req.path().substring(req.path().lastIndexOf('/') + 1);
      HttpServerResponse resp = req.response();
      switch (id) {
        case "ok" -> {
          if ("\"v1\"".equals(req.getHeader("If-None-Match"))) {
            resp.setStatusCode(304).putHeader("ETag", "\"v1\"").putHeader("Cache-Control", "max-age=90").end();
          } else {
            resp.putHeader("Content-Type", "application/json; charset=utf-8").putHeader("ETag", "\"v1\"")
                .putHeader("Cache-Control", "public, max-age=120").end(item("ok").encode());
          }
        }
        case "html" -> resp.putHeader("Content-Type", "text/html").end("<html><body>Welcome</body></html>");
        case "htmljson" -> resp.putHeader("Content-Type", "application/json").end("<html><body>Welcome</body></html>");
        case "truncated" -> resp.putHeader("Content-Type", "application/json").end("{\"id\":\"truncated\",\"kind\":\"tr");
        case "missing" -> resp.putHeader("Content-Type", "application/json").end(item("missing").copy().put("title", (String) null).encode());
        case "wrongtype" -> resp.putHeader("Content-Type", "application/json").end(item("wrongtype").put("width", "720px").encode());
        case "textplain" -> resp.putHeader("Content-Type", "text/plain").end(item("textplain").encode());
        case "redirect" -> resp.setStatusCode(302).putHeader("Location", base + "/v1/media/target").end();
        case "target" -> {
          redirectTargetHits.incrementAndGet();
          resp.putHeader("Content-Type", "application/json").end(item("redirect").encode());
        }
        case "big" -> resp.putHeader("Content-Type", "application/json").end("{\"pad\":\"" + "x".repeat(2 << 20) + "\"}");
        case "bomb" -> resp.putHeader("Content-Type", "application/json").putHeader("Content-Encoding", "gzip").end(bomb);
        case "slow" -> vertx.setTimer(3000, t -> resp.putHeader("Content-Type", "application/json").end(item("slow").encode()));
        case "drip" -> {
          resp.setChunked(true).putHeader("Content-Type", "application/json");
          long timer = vertx.setPeriodic(50, t -> resp.write(" "));
          resp.closeHandler(v -> vertx.cancelTimer(timer));
        }
        case "e503" -> resp.setStatusCode(503).end("down for maintenance, see stack trace at Foo.java:12");
        case "e404" -> resp.setStatusCode(404).end();
        case "e410" -> resp.setStatusCode(410).end();
        case "e403" -> resp.setStatusCode(403).end();
        case "e418" -> resp.setStatusCode(418).end();
        default -> resp.setStatusCode(500).end();
      }
    });
    server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + server.actualPort();
    client = WebHubClient.create(vertx, new HubClientOptions(() -> base, Duration.ofSeconds(1), Duration.ofMillis(500),
        MAX_BODY, 8));
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static HubFailure failureOf(String id) throws Exception {
    Future<HubResponse> f = client.fetch(id, null);
    try {
      f.await(5, TimeUnit.SECONDS);
    } catch (HubException e) {
      return e.failure();
    }
    throw new AssertionError("expected a failure for " + id + " but got " + f.result());
  }

  @Test
  void okWithEtagAndMaxAge() throws Exception {
    HubResponse r = client.fetch("ok", null).await(5, TimeUnit.SECONDS);
    assertThat(r.item().title()).isEqualTo("T ok");
    assertThat(r.etag()).isEqualTo("\"v1\"");
    assertThat(r.maxAgeSeconds()).isEqualTo(120L);
    HubResponse revalidated = client.fetch("ok", "\"v1\"").await(5, TimeUnit.SECONDS);
    assertThat(revalidated.notModified()).isTrue();
    assertThat(revalidated.maxAgeSeconds()).isEqualTo(90L);
  }

  @ParameterizedTest
  @CsvSource({
      "html, BAD_RESPONSE", "htmljson, BAD_RESPONSE", "truncated, BAD_RESPONSE", "missing, BAD_RESPONSE",
      "wrongtype, BAD_RESPONSE", "textplain, BAD_RESPONSE", "redirect, BAD_RESPONSE", "big, BAD_RESPONSE",
      "bomb, BAD_RESPONSE", "slow, TIMEOUT", "drip, TIMEOUT", "e503, UNAVAILABLE", "e404, NOT_FOUND",
      "e410, REMOVED", "e403, PRIVATE", "e418, BAD_RESPONSE",
  })
  void failuresFormAClosedSet(String id, HubFailure expected) throws Exception {
    long start = System.nanoTime();
    assertThat(failureOf(id)).isEqualTo(expected);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void redirectsAreNeverFollowed() throws Exception {
    failureOf("redirect");
    assertThat(redirectTargetHits.get()).isZero();
  }

  @Test
  void aRefusedConnectionIsRetriedOnceWithJitterButOtherFailuresAreNot() throws Exception {
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(WebHubClient.class);
    ch.qos.logback.classic.Level level = logger.getLevel();
    java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent> appender = new ch.qos.logback.core.AppenderBase<>() {
      @Override
      protected void append(ch.qos.logback.classic.spi.ILoggingEvent e) {
        lines.add(e.getFormattedMessage());
      }
    };
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    HubClient refused = WebHubClient.create(vertx, new HubClientOptions(() -> "http://127.0.0.1:" + closedPort,
        Duration.ofSeconds(1), Duration.ofSeconds(3), MAX_BODY, 2, 10, Duration.ofMillis(40)));
    try {
      long start = System.nanoTime();
      try {
        refused.fetch("ok", null).await(5, TimeUnit.SECONDS);
        throw new AssertionError("expected failure");
      } catch (HubException e) {
        assertThat(e.failure()).isEqualTo(HubFailure.UNAVAILABLE);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited the jittered delay, >= 20 ms")
          .isGreaterThanOrEqualTo(Duration.ofMillis(20));
      assertThat(lines.stream().filter(l -> l.startsWith("hub.retry id=ok "))).hasSize(1);
      assertThat(lines.stream().filter(l -> l.startsWith("hub.fail id=ok "))).hasSize(1);
      // a 503 answer, a timeout or garbage is not a connect error: no retry
      lines.clear();
      assertThat(failureOf("e503")).isEqualTo(HubFailure.UNAVAILABLE);
      assertThat(failureOf("slow")).isEqualTo(HubFailure.TIMEOUT);
      assertThat(lines.stream().filter(l -> l.startsWith("hub.retry"))).isEmpty();
    } finally {
      refused.close();
      logger.setLevel(level);
      logger.detachAppender(appender);
    }
  }

  @Test
  void connectionRefusedIsUnavailable() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    HubClient refused = WebHubClient.create(vertx, new HubClientOptions(() -> "http://127.0.0.1:" + closedPort,
        Duration.ofSeconds(1), Duration.ofSeconds(1), MAX_BODY, 2));
    try {
      refused.fetch("ok", null).await(5, TimeUnit.SECONDS);
      throw new AssertionError("expected failure");
    } catch (HubException e) {
      assertThat(e.failure()).isEqualTo(HubFailure.UNAVAILABLE);
    } finally {
      refused.close();
    }
  }

  @Test
  void aRemoteGatewayAnswersProblemsAndNeverEchoesTheHub() throws Exception {
    for (String[] c : new String[][] {{"ok", "200"}, {"html", "502"}, {"e503", "502"}, {"slow", "504"},
        {"e403", "401"}, {"e410", "404"}, {"bomb", "502"}}) {
      var r = Http.get(gateway.base() + "/oembed?url="
          + URLEncoder.encode("https://hub.example/track/" + c[0], StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as(c[0]).isEqualTo(Integer.parseInt(c[1]));
      assertThat(r.body()).doesNotContain("Welcome").doesNotContain("Foo.java").doesNotContain("maintenance");
    }
    assertThat(Http.get(gateway.base() + "/embed/html").statusCode()).isEqualTo(502);
    assertThat(Http.get(gateway.base() + "/media/drip").statusCode()).isEqualTo(504);
  }
}
