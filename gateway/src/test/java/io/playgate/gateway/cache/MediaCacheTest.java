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
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Cache semantics (RFC 9111 freshness, RFC 5861 stale-while-revalidate and stale-if-error, conditional
 * revalidation, negative entries, coalescing, byte weight) with a fake clock and an in-memory hub whose answers the
 * test releases by hand. Windows: ttl from max-age, stale-while-revalidate 30 s, stale-if-error 600 s, negative
 * 30 s, failure 2 s.
 */
class MediaCacheTest {

  private record Call(String id, String ifNoneMatch, Promise<HubResponse> answer) {
  }

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final Ticker ticker = nanos::get;
  private final List<Call> calls = new ArrayList<>();
  private final HubClient hub = new HubClient() {
    @Override
    public Future<HubResponse> fetch(String id, String ifNoneMatch) {
      Promise<HubResponse> p = Promise.promise();
      calls.add(new Call(id, ifNoneMatch, p));
      return p.future();
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  };
  private MediaCache cache = MediaCache.create(hub, new MediaCacheOptions(1 << 20, Duration.ofSeconds(1),
      Duration.ofHours(1), Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(600),
      Duration.ofSeconds(30), Duration.ofSeconds(2)), ticker);

  private static HubResponse answer(String title, String etag, long maxAge) {
    return new HubResponse(MediaItemParser.parse(new JsonObject().put("id", "a").put("kind", "track").put("title", title)
        .put("pageUrl", "https://hub.example/a").toBuffer(), "a"), etag, maxAge, false);
  }

  private static HubResponse answer(long maxAge) {
    return answer("A", "\"e1\"", maxAge);
  }

  private static HubResponse notModified(long maxAge) {
    return new HubResponse(null, "\"e1\"", maxAge, true);
  }

  private static HubException failure(HubFailure f) {
    return new HubException(f, "a", "test");
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  private CachedMedia warm(long maxAge) {
    cache.get("a");
    calls.get(calls.size() - 1).answer().complete(answer(maxAge));
    return cache.get("a").result();
  }

  private static HubFailure failureOf(Future<?> f) {
    assertThat(f.failed()).as("failed").isTrue();
    return ((HubException) f.cause()).failure();
  }

  @Test
  void concurrentMissesCoalesceIntoOneHubCall() {
    List<Future<CachedMedia>> waiters = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      waiters.add(cache.get("a"));
    }
    assertThat(calls).hasSize(1);
    assertThat(cache.inflightCount()).isEqualTo(1);
    assertThat(waiters).allMatch(f -> !f.isComplete());
    calls.get(0).answer().complete(answer(120));
    assertThat(waiters).allMatch(Future::succeeded);
    assertThat(waiters.get(0).result().remainingSeconds()).isEqualTo(120);
    assertThat(cache.inflightCount()).isZero();
  }

  @Test
  void concurrentMissesShareOneFailureAndTheNextTryAsksAgainAfterTheFailureTtl() {
    List<Future<CachedMedia>> waiters = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      waiters.add(cache.get("a"));
    }
    calls.get(0).answer().fail(failure(HubFailure.UNAVAILABLE));
    assertThat(waiters).allSatisfy(w -> assertThat(failureOf(w)).isEqualTo(HubFailure.UNAVAILABLE));
    // remembered for the failure TTL only, never as a success
    assertThat(failureOf(cache.get("a"))).isEqualTo(HubFailure.UNAVAILABLE);
    assertThat(calls).hasSize(1);
    advance(Duration.ofSeconds(2));
    Future<CachedMedia> retry = cache.get("a");
    assertThat(calls).hasSize(2);
    calls.get(1).answer().complete(answer(60));
    assertThat(retry.succeeded()).isTrue();
  }

  @Test
  void freshEntryIsServedWithoutAskingTheHub() {
    warm(120);
    advance(Duration.ofSeconds(100));
    CachedMedia hit = cache.get("a").result();
    assertThat(calls).hasSize(1);
    assertThat(hit.remainingSeconds()).isEqualTo(20);
    assertThat(hit.isFresh()).isTrue();
    assertThat(hit.cacheControl()).isEqualTo("public, max-age=20, stale-while-revalidate=30, stale-if-error=600");
  }

  @Test
  void maxAgeIsClamped() {
    assertThat(warm(999_999).remainingSeconds()).isEqualTo(3600);
  }

  @Test
  void staleWhileRevalidateServesAtOnceAndA304RenewsTheEntryAndKeepsItsVariants() {
    CachedMedia first = warm(120);
    first.variant("k", () -> Rendered.of(Buffer.buffer("page")));
    advance(Duration.ofSeconds(125));
    List<Future<CachedMedia>> during = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      during.add(cache.get("a"));
    }
    // answered at once from the stale entry, one conditional revalidation in flight
    assertThat(during).allSatisfy(f -> assertThat(f.result()).isSameAs(first));
    assertThat(first.remainingSeconds()).isZero();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1).ifNoneMatch()).isEqualTo("\"e1\"");
    calls.get(1).answer().complete(notModified(90));
    CachedMedia renewed = cache.get("a").result();
    assertThat(renewed).isNotSameAs(first);
    assertThat(renewed.item()).isSameAs(first.item());
    assertThat(renewed.remainingSeconds()).isEqualTo(90);
    assertThat(renewed.variantCount()).isEqualTo(1);
    assertThat(calls).hasSize(2);
  }

  @Test
  void staleWhileRevalidateWithNewDataReplacesTheEntryAndItsVariants() {
    CachedMedia first = warm(120);
    first.variant("k", () -> Rendered.of(Buffer.buffer("page")));
    advance(Duration.ofSeconds(121));
    assertThat(cache.get("a").result().item().title()).isEqualTo("A");
    assertThat(calls).hasSize(2);
    calls.get(1).answer().complete(answer("B", "\"e2\"", 60));
    CachedMedia next = cache.get("a").result();
    assertThat(next.item().title()).isEqualTo("B");
    assertThat(next.etag()).isEqualTo("\"e2\"");
    assertThat(next.variantCount()).isZero();
    assertThat(next.remainingSeconds()).isEqualTo(60);
  }

  @Test
  void pastStaleWhileRevalidateCallersWaitForOneRevalidationAndStaleIfErrorCoversAFailure() {
    CachedMedia first = warm(120);
    advance(Duration.ofSeconds(120 + 31));
    List<Future<CachedMedia>> waiters = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      waiters.add(cache.get("a"));
    }
    assertThat(waiters).allMatch(f -> !f.isComplete());
    assertThat(calls).hasSize(2);
    calls.get(1).answer().fail(failure(HubFailure.TIMEOUT));
    assertThat(waiters).allSatisfy(f -> assertThat(f.result()).isSameAs(first));
    // the failure is remembered: within the failure TTL the stale entry is served without asking the hub
    assertThat(cache.get("a").result().item()).isSameAs(first.item());
    assertThat(calls).hasSize(2);
    advance(Duration.ofSeconds(3));
    Future<CachedMedia> again = cache.get("a");
    assertThat(calls).hasSize(3);
    calls.get(2).answer().complete(notModified(120));
    assertThat(again.result().remainingSeconds()).isEqualTo(120);
  }

  @Test
  void staleIfErrorEndsAfterItsWindow() {
    warm(120);
    advance(Duration.ofSeconds(120 + 600));
    Future<CachedMedia> late = cache.get("a");
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1).ifNoneMatch()).as("the entry is gone: a plain fetch").isNull();
    calls.get(1).answer().fail(failure(HubFailure.UNAVAILABLE));
    assertThat(failureOf(late)).isEqualTo(HubFailure.UNAVAILABLE);
  }

  @Test
  void notFoundIsRememberedForTheNegativeTtl() {
    Future<CachedMedia> first = cache.get("a");
    calls.get(0).answer().fail(failure(HubFailure.NOT_FOUND));
    assertThat(failureOf(first)).isEqualTo(HubFailure.NOT_FOUND);
    advance(Duration.ofSeconds(29));
    assertThat(failureOf(cache.get("a"))).isEqualTo(HubFailure.NOT_FOUND);
    assertThat(calls).hasSize(1);
    advance(Duration.ofSeconds(1));
    Future<CachedMedia> appeared = cache.get("a");
    assertThat(calls).hasSize(2);
    calls.get(1).answer().complete(answer(60));
    assertThat(appeared.succeeded()).isTrue();
  }

  @Test
  void aRemovalFoundWhileRevalidatingIsNeverHiddenByTheStaleEntry() {
    warm(120);
    advance(Duration.ofSeconds(120 + 100));
    Future<CachedMedia> f = cache.get("a");
    calls.get(1).answer().fail(failure(HubFailure.REMOVED));
    assertThat(failureOf(f)).isEqualTo(HubFailure.REMOVED);
    assertThat(failureOf(cache.get("a"))).isEqualTo(HubFailure.REMOVED);
    assertThat(calls).hasSize(2);
  }

  @Test
  void privateIsRememberedLikeNotFound() {
    Future<CachedMedia> f = cache.get("a");
    calls.get(0).answer().fail(failure(HubFailure.PRIVATE));
    assertThat(failureOf(f)).isEqualTo(HubFailure.PRIVATE);
    assertThat(failureOf(cache.get("a"))).isEqualTo(HubFailure.PRIVATE);
    assertThat(calls).hasSize(1);
  }

  @Test
  void takedownAnswersRemovedAtOnceAndInvalidateRefetches() {
    warm(120);
    cache.takedown("a");
    assertThat(failureOf(cache.get("a"))).isEqualTo(HubFailure.REMOVED);
    assertThat(calls).hasSize(1);
    cache.invalidate("a");
    Future<CachedMedia> refetch = cache.get("a");
    assertThat(calls).hasSize(2);
    calls.get(1).answer().complete(answer("B", "\"e2\"", 60));
    assertThat(refetch.result().item().title()).isEqualTo("B");
  }

  @Test
  void anAnswerThatArrivesAfterAPurgeAnswersItsWaitersButIsNotStored() {
    Future<CachedMedia> before = cache.get("a");
    cache.invalidate("a");
    calls.get(0).answer().complete(answer(60));
    assertThat(before.succeeded()).isTrue();
    cache.get("a");
    assertThat(calls).hasSize(2);
  }

  @Test
  void variantsAreRenderedOnceCountTowardsTheWeightAndDieWithTheEntry() {
    CachedMedia entry = warm(60);
    long bare = cache.weightedBytes();
    AtomicLong renders = new AtomicLong();
    entry.variant("k", () -> {
      renders.incrementAndGet();
      return Rendered.of(Buffer.buffer(new byte[10_000]));
    });
    entry.variant("k", () -> {
      renders.incrementAndGet();
      return Rendered.of(Buffer.buffer(new byte[10_000]));
    });
    assertThat(renders.get()).isEqualTo(1);
    assertThat(cache.weightedBytes()).isGreaterThanOrEqualTo(bare + 10_000);
    cache.invalidate("a");
    assertThat(cache.weightedBytes()).isZero();
    cache.get("a");
    calls.get(1).answer().complete(answer(60));
    assertThat(cache.get("a").result().variantCount()).isZero();
  }

  @Test
  void theByteBoundEvictsEntriesWhoseVariantsGrewPastIt() {
    cache = MediaCache.create(hub, new MediaCacheOptions(64 * 1024, Duration.ofSeconds(1), Duration.ofHours(1),
        Duration.ofSeconds(60)), ticker);
    CachedMedia entry = warm(60);
    for (int i = 0; i < 10; i++) {
      entry.variant("k" + i, () -> Rendered.of(Buffer.buffer(new byte[10_000])));
    }
    assertThat(cache.weightedBytes()).isLessThanOrEqualTo(64 * 1024);
    assertThat(cache.size()).isZero();
  }

  @Test
  void renderedVariantsCarryAWeakEtagOfTheirBytes() {
    Rendered a = Rendered.around(Buffer.buffer("{\"cache_age\":"), Buffer.buffer("}"));
    Rendered b = Rendered.around(Buffer.buffer("{\"cache_age\":"), Buffer.buffer("}"));
    Rendered c = Rendered.of(Buffer.buffer("other"));
    assertThat(a.etag()).startsWith("W/\"").isEqualTo(b.etag()).isNotEqualTo(c.etag());
    assertThat(a.body("42").toString()).isEqualTo("{\"cache_age\":42}");
  }
}
