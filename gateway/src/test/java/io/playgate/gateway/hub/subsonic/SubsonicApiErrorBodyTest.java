package io.playgate.gateway.hub.subsonic;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.hub.HubClientOptions;
import io.playgate.gateway.hub.HubException;
import io.playgate.gateway.hub.HubFailure;
import io.playgate.gateway.hub.SubsonicOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A media call ({@code stream}) that the server answers with an API error instead of media: the error body is read
 * up to {@code hub.maxBodySize} and no further. No real server sends an endless error body, so this one is a small
 * local server answering as the Subsonic API documentation's "Error handling" describes, with a body that never ends.
 */
class SubsonicApiErrorBodyTest {

  private static final String PING = "{\"subsonic-response\":{\"status\":\"ok\",\"version\":\"1.10.2\"}}";
  private static final String NOT_FOUND = "{\"subsonic-response\":{\"status\":\"failed\",\"version\":\"1.10.2\","
      + "\"error\":{\"code\":70,\"message\":\"Song not found\"}}}";
  private static final long CAP = 64 * 1024;

  private Vertx vertx;
  private HttpServer server;
  private final AtomicLong sent = new AtomicLong();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  @BeforeEach
  void startServer() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(req -> {
      HttpServerResponse resp = req.response().putHeader("Content-Type", "application/json");
      if (req.path().endsWith("/ping.view")) {
        resp.end(PING);
      } else if ("endless".equals(req.getParam("id"))) {
        resp.setChunked(true).closeHandler(v -> closed.complete(null));
        resp.write(NOT_FOUND.substring(0, NOT_FOUND.length() - 3) + " ");
        writeForever(resp);
      } else {
        resp.end(NOT_FOUND);
      }
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Spaces until the client goes away, at the pace the client reads. */
  private void writeForever(HttpServerResponse resp) {
    Buffer chunk = Buffer.buffer(" ".repeat(16 * 1024));
    while (!resp.writeQueueFull() && !closed.isDone()) {
      resp.write(chunk);
      sent.addAndGet(chunk.length());
    }
    if (!closed.isDone()) {
      resp.drainHandler(v -> writeForever(resp));
    }
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private SubsonicApi api() {
    String url = "http://127.0.0.1:" + server.actualPort();
    SubsonicOptions options = new SubsonicOptions(url, "alice", "pw", List.of(), SubsonicOptions.DEFAULT_MAX_ART_BYTES,
        SubsonicOptions.DEFAULT_PLAYBACK_WINDOW);
    HubClientOptions defaults = HubClientOptions.defaults(() -> url);
    HubClientOptions limits = HubClientOptions.fromJson(defaults.toJson().put("maxBodySize", CAP));
    assertThat(limits.maxBodyBytes()).isEqualTo(CAP);
    return new SubsonicApi(vertx, options, limits);
  }

  private static HubFailure failureOf(SubsonicApi api, String id) throws Exception {
    try {
      api.open("stream", Map.of("id", id), MultiMap.caseInsensitiveMultiMap()).toCompletionStage()
          .toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(HubException.class);
      return ((HubException) e.getCause()).failure();
    }
    throw new AssertionError("a media call answered with an API error succeeded");
  }

  @Test
  void aShortErrorAnswerIsReadAndMapped() throws Exception {
    assertThat(failureOf(api(), "missing")).isEqualTo(HubFailure.NOT_FOUND);
  }

  @Test
  void anEndlessErrorAnswerIsCutAtTheCap() throws Exception {
    assertThat(failureOf(api(), "endless")).isEqualTo(HubFailure.BAD_RESPONSE);
    closed.get(10, TimeUnit.SECONDS);
    assertThat(sent.get()).as("bytes the server could send before the gateway hung up")
        .isLessThan(CAP + 8L * 1024 * 1024);
  }
}
