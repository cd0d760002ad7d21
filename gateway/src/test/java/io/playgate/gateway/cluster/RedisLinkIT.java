package io.playgate.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.LogCapture;
import io.playgate.gateway.testing.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link RedisLink} against a real {@code redis-server}: calls within the deadline, a slow Redis cut off at the
 * deadline, an outage that marks Redis down once (one log line) and skips it at once until it is back, recovery by
 * itself, error replies that are not an outage, and {@code redis} in the readiness data of a gateway that uses it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisLinkIT {

  @RegisterExtension
  @Order(1)
  static final RedisServer redis = new RedisServer();

  @RegisterExtension
  @Order(2)
  static final GatewayExtension gateway = GatewayExtension.embedded().with("cache.redis.url", redis::url);

  private Vertx vertx;
  private SimpleMeterRegistry registry;
  private RedisLink link;

  @BeforeEach
  void open() throws Exception {
    if (!redis.isRunning()) {
      redis.start();
    }
    vertx = Vertx.vertx();
    registry = new SimpleMeterRegistry();
    // a deadline with room for a busy 2-core machine; the slow case pauses Redis far longer
    link = RedisLink.create(vertx, new ClusterOptions(redis.url(), Duration.ofMillis(250), Duration.ofMillis(200),
        "t:", 4), registry);
    done(link.warmedUp());
  }

  @AfterEach
  void close() throws Exception {
    link.close().await(5, TimeUnit.SECONDS);
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  @Order(1)
  void commandsGoThroughWithinTheDeadline() throws Exception {
    done(link.send(Request.cmd(Command.SET).arg(link.key("a")).arg("1")));
    Response got = done(link.send(Request.cmd(Command.GET).arg(link.key("a"))));
    assertThat(got.toString()).isEqualTo("1");
    assertThat(redis.command("GET", "t:a")).isEqualTo("1");
    assertThat(done(link.send(Request.cmd(Command.GET).arg(link.key("missing"))))).isNull();
    assertThat(link.isUp()).isTrue();
    assertThat(link.nodeId()).matches("[0-9a-f]{16}");
  }

  @Test
  @Order(2)
  void aSlowRedisIsCutOffAtTheDeadline() throws Exception {
    redis.command("CLIENT", "PAUSE", "1500", "ALL");
    long start = System.nanoTime();
    Throwable failure = failureOf(link.send(Request.cmd(Command.GET).arg(link.key("a"))));
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(failure).isInstanceOf(TimeoutException.class);
    assertThat(tookMillis).isBetween(240L, 1200L);
    assertThat(registry.get("playgate.redis.errors").tag("kind", "timeout").counter().count()).isEqualTo(1);
  }

  @Test
  @Order(3)
  void errorRepliesAreNotAnOutage() throws Exception {
    done(link.send(Request.cmd(Command.SET).arg(link.key("text")).arg("not a number")));
    for (int i = 0; i < 5; i++) {
      assertThat(failureOf(link.send(Request.cmd(Command.INCR).arg(link.key("text"))))).isInstanceOf(Response.class);
    }
    assertThat(link.isUp()).isTrue();
    assertThat(registry.get("playgate.redis.errors").tag("kind", "reply").counter().count()).isEqualTo(5);
  }

  @Test
  @Order(4)
  void anOutageIsLoggedOnceSkippedAtOnceAndEndsByItself() throws Exception {
    try (LogCapture log = LogCapture.of(RedisLink.class.getName(), Level.INFO)) {
      redis.stop();
      for (int i = 0; i < RedisLink.FAILURES_TO_OPEN; i++) {
        assertThat(failureOf(link.send(Request.cmd(Command.PING)))).isNotNull();
      }
      assertThat(link.isUp()).isFalse();
      long start = System.nanoTime();
      for (int i = 0; i < 100; i++) {
        assertThat(failureOf(link.send(Request.cmd(Command.PING)))).isInstanceOf(RedisUnavailableException.class);
      }
      assertThat((System.nanoTime() - start) / 1_000_000).as("100 skipped calls, ms").isLessThan(1000);
      redis.start();
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
        link.send(Request.cmd(Command.PING));
        return link.isUp();
      });
      assertThat(log.events()).extracting(ILoggingEvent::getFormattedMessage)
          .filteredOn(m -> m.startsWith("redis.")).hasSize(2)
          .satisfiesExactly(m -> assertThat(m).startsWith("redis.down url=redis://127.0.0.1:" + redis.port()),
              m -> assertThat(m).startsWith("redis.up url=redis://127.0.0.1:" + redis.port()));
      assertThat(log.events()).noneMatch(e -> e.getLevel() == Level.ERROR);
    }
  }

  @Test
  @Order(5)
  void readinessSaysWhetherTheNodeUsesRedisAndStaysReady() throws Exception {
    JsonObject up = Http.json(Http.get(gateway.base() + "/health/ready"));
    assertThat(up.getString("status")).isEqualTo("UP");
    assertThat(up.getJsonArray("checks").getJsonObject(0).getJsonObject("data").getString("redis")).isEqualTo("up");
    redis.stop();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
      JsonObject ready = Http.json(Http.get(gateway.base() + "/health/ready"));
      return "down".equals(ready.getJsonArray("checks").getJsonObject(0).getJsonObject("data").getString("redis"))
          && "UP".equals(ready.getString("status"));
    });
  }

  private static <T> T done(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static Throwable failureOf(Future<?> f) throws Exception {
    try {
      f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
  }
}
