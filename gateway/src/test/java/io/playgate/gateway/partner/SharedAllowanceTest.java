package io.playgate.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SharedAllowance}: batches from the shared buckets, a remembered refusal, and the node's share alone. */
class SharedAllowanceTest {

  private static final RateLimit LIMIT = new RateLimit(60, Duration.ofMinutes(1));

  /** A store with a given stock, no refill; counts the takes. */
  private static class Store implements SharedBuckets {
    long stock;
    boolean up = true;
    int nodes = 3;
    final List<Long> takes = new ArrayList<>();

    @Override
    public Future<Grant> take(String name, RateLimit limit, long tokens) {
      takes.add(tokens);
      if (!up) {
        return Future.failedFuture(new IllegalStateException("down"));
      }
      long granted = Math.min(tokens, stock);
      stock -= granted;
      return Future.succeededFuture(new Grant(granted, granted > 0 ? 0 : 1000));
    }

    @Override
    public boolean available() {
      return up;
    }

    @Override
    public int liveNodes() {
      return nodes;
    }
  }

  private final long[] nanos = {0};
  private final TimeMeter clock = new TimeMeter() {
    @Override
    public long currentTimeNanos() {
      return nanos[0];
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }
  };

  private static int admitted(SharedAllowance allowance, int requests) {
    int allowed = 0;
    for (int i = 0; i < requests; i++) {
      allowed += allowance.acquire().result().allowed() ? 1 : 0;
    }
    return allowed;
  }

  @Test
  void takesInBatchesAndNeverMoreThanTheStoreGives() {
    Store store = new Store();
    store.stock = 60;
    SharedAllowance allowance = new SharedAllowance("acme", LIMIT, store, clock);
    assertThat(admitted(allowance, 100)).isEqualTo(60);
    assertThat(SharedAllowance.batchSize(60, 3)).isEqualTo(2);
    assertThat(store.takes).hasSize(31).allMatch(n -> n == 2); // 30 batches, then one refusal remembered for 1 s
    nanos[0] += 1_000_000_000L;
    admitted(allowance, 1);
    assertThat(store.takes).hasSize(32);
  }

  @Test
  void requestsWaitingOnATakeAreServedByFurtherTakesUntilTheBucketIsEmpty() {
    Store store = new Store() {
      @Override
      public Future<Grant> take(String name, RateLimit limit, long tokens) {
        long granted = Math.min(tokens, stock);
        stock -= granted;
        takes.add(tokens);
        return Future.succeededFuture(new Grant(granted, granted > 0 ? 0 : 1000));
      }
    };
    store.stock = 5;
    SharedAllowance allowance = new SharedAllowance("acme", LIMIT, store, clock);
    assertThat(admitted(allowance, 10)).isEqualTo(5);
    assertThat(store.stock).isZero();
  }

  @Test
  void aloneANodeAdmitsItsShare() {
    Store store = new Store();
    store.up = false;
    SharedAllowance allowance = new SharedAllowance("acme", LIMIT, store, clock);
    assertThat(admitted(allowance, 50)).isEqualTo(20);
    assertThat(store.takes).isEmpty();
  }

  @Test
  void aFailedTakeFallsBackToTheShare() {
    Store store = new Store() {
      @Override
      public boolean available() {
        return true;
      }
    };
    store.up = false;
    SharedAllowance allowance = new SharedAllowance("acme", LIMIT, store, clock);
    assertThat(admitted(allowance, 50)).isEqualTo(20);
  }
}
