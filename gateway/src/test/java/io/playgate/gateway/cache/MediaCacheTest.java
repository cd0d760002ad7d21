package io.playgate.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.playgate.gateway.hub.HubClient;
import io.playgate.gateway.hub.HubException;
import io.playgate.gateway.hub.HubFailure;
import io.playgate.gateway.hub.HubResponse;
import io.playgate.gateway.hub.MediaItemParser;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Cache semantics with a fake clock and an in-memory hub whose answers the test releases by hand. */
class MediaCacheTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final Ticker ticker = nanos::get;
  private final List<Promise<HubResponse>> calls = new ArrayList<>();
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
  private final MediaCache cache = MediaCache.create(hub,
      new MediaCacheOptions(1 << 20, Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofSeconds(60)), ticker);

  private static HubResponse answer(long maxAge) {
    return new HubResponse(MediaItemParser.parse(new JsonObject().put("id", "a").put("kind", "track").put("title", "A")
        .put("pageUrl", "https://hub.example/a").toBuffer(), "a"), "\"e1\"", maxAge, false);
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void concurrentMissesCoalesceIntoOneHubCall() {
    List<Future<CachedMedia>> waiters = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      waiters.add(cache.get("a"));
    }
    assertThat(calls).hasSize(1);
    assertThat(waiters).allMatch(f -> !f.isComplete());
    calls.get(0).complete(answer(120));
    assertThat(waiters).allMatch(Future::succeeded);
    assertThat(waiters.get(0).result().remainingSeconds()).isEqualTo(120);
  }

  @Test
  void entryLivesForTheHubsMaxAge() {
    cache.get("a");
    calls.get(0).complete(answer(120));
    advance(Duration.ofSeconds(100));
    Future<CachedMedia> hit = cache.get("a");
    assertThat(calls).hasSize(1);
    assertThat(hit.result().remainingSeconds()).isEqualTo(20);
    advance(Duration.ofSeconds(21));
    cache.get("a");
    assertThat(calls).hasSize(2);
  }

  @Test
  void maxAgeIsClamped() {
    cache.get("a");
    calls.get(0).complete(answer(999_999));
    assertThat(cache.get("a").result().remainingSeconds()).isEqualTo(3600);
  }

  @Test
  void failuresAreNotCached() {
    Future<CachedMedia> first = cache.get("a");
    calls.get(0).fail(new HubException(HubFailure.UNAVAILABLE, "a", "status=503"));
    assertThat(first.failed()).isTrue();
    Future<CachedMedia> second = cache.get("a");
    assertThat(calls).hasSize(2);
    calls.get(1).complete(answer(60));
    assertThat(second.succeeded()).isTrue();
  }

  @Test
  void variantsAreRenderedOnceAndDieWithTheEntry() {
    cache.get("a");
    calls.get(0).complete(answer(60));
    CachedMedia entry = cache.get("a").result();
    AtomicLong renders = new AtomicLong();
    entry.variant("k", renders::incrementAndGet);
    entry.variant("k", renders::incrementAndGet);
    assertThat(renders.get()).isEqualTo(1);
    cache.invalidate("a");
    cache.get("a");
    calls.get(1).complete(answer(60));
    assertThat(cache.get("a").result().variantCount()).isZero();
  }
}
