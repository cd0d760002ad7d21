package io.playgate.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.playgate.gateway.hub.HubClient;
import io.playgate.gateway.hub.HubResponse;
import io.playgate.gateway.hub.MediaItemParser;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the callers waiting for one hub request are released: on their own Vert.x context, one context after the
 * other (one task per context, not one per caller), and all of them even when one caller's handler throws. Two
 * verticle contexts share one event loop, so the order in which the loop runs their callers shows the grouping.
 */
class WaitersTest {

  private static final int PER_CONTEXT = 25;

  private final List<Promise<HubResponse>> calls = new CopyOnWriteArrayList<>();
  private final HubClient hub = new HubClient() {
    @Override
    public Future<HubResponse> fetch(String id, String ifNoneMatch) {
      Promise<HubResponse> p = Promise.promise();
      calls.add(p);
      return p.future();
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  };
  private final MediaCache cache = MediaCache.create(hub, new MediaCacheOptions(1 << 20, Duration.ofSeconds(1),
      Duration.ofHours(1), Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(600),
      Duration.ofSeconds(30), Duration.ofSeconds(2)), Ticker.systemTicker());
  private Vertx vertx;
  private final List<Context> contexts = new ArrayList<>();

  @BeforeEach
  void twoContextsOnOneEventLoop() throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    for (int i = 0; i < 2; i++) {
      vertx.deployVerticle(new AbstractVerticle() {
        @Override
        public void start() {
          contexts.add(context);
        }
      }).await(10, TimeUnit.SECONDS);
    }
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static HubResponse answer() {
    return new HubResponse(MediaItemParser.parse(new JsonObject().put("id", "a").put("kind", "track")
        .put("title", "A").put("pageUrl", "https://hub.example/a").toBuffer(), "a"), "\"e1\"", 120L, false);
  }

  /** Joins callers alternately from the two contexts and waits until every one of them is waiting. */
  private void joinAlternately(int perContext, Handler handler) throws InterruptedException {
    CountDownLatch joined = new CountDownLatch(1);
    for (int i = 0; i < perContext; i++) {
      for (int c = 0; c < contexts.size(); c++) {
        Context ctx = contexts.get(c);
        String name = "ctx" + c;
        ctx.runOnContext(v -> cache.get("a").onComplete(ar -> handler.handle(name, ctx, ar.succeeded())));
      }
    }
    contexts.get(0).runOnContext(v -> joined.countDown());
    assertThat(joined.await(10, TimeUnit.SECONDS)).isTrue();
  }

  private interface Handler {
    void handle(String contextName, Context expected, boolean succeeded);
  }

  @Test
  void eachContextsCallersAreReleasedTogetherOnThatContext() throws Exception {
    List<String> order = new CopyOnWriteArrayList<>();
    List<Boolean> onOwnContext = new CopyOnWriteArrayList<>();
    CountDownLatch released = new CountDownLatch(2 * PER_CONTEXT);
    joinAlternately(PER_CONTEXT, (name, expected, succeeded) -> {
      order.add(name);
      onOwnContext.add(Vertx.currentContext() == expected && succeeded);
      released.countDown();
    });
    assertThat(calls).hasSize(1);
    calls.get(0).complete(answer()); // on the test thread, as a hub client's answer arrives off these contexts
    assertThat(released.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(onOwnContext).hasSize(2 * PER_CONTEXT).containsOnly(true);
    int switches = 0;
    for (int i = 1; i < order.size(); i++) {
      switches += order.get(i).equals(order.get(i - 1)) ? 0 : 1;
    }
    assertThat(switches).as("context switches in the release order %s", order).isEqualTo(1);
    assertThat(cache.inflightCount()).isZero();
  }

  @Test
  void aCallerWhoseHandlerThrowsDoesNotKeepTheOthersWaiting() throws Exception {
    CountDownLatch released = new CountDownLatch(2 * PER_CONTEXT - 2);
    List<String> seen = new CopyOnWriteArrayList<>();
    Set<String> thrownFor = ConcurrentHashMap.newKeySet();
    joinAlternately(PER_CONTEXT, (name, expected, succeeded) -> {
      seen.add(name);
      if (thrownFor.add(name)) {
        throw new IllegalStateException("a handler bug in the first caller on " + name);
      }
      released.countDown();
    });
    calls.get(0).complete(answer());
    assertThat(released.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).hasSize(2 * PER_CONTEXT);
  }
}
