package io.playgate.gateway.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.playgate.gateway.cache.SharedEntry;
import io.playgate.gateway.cache.SharedLevel;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The cache's second level on Redis (ARCHITECTURE.md, "The cache's second level"; docs/operators.md, "The shared
 * cache level"), in the manner of JetCache's and J2Cache's two-level caches and of Varnish's shard director (one node
 * fetches each key for the cluster):
 * <ul>
 *   <li>an entry per media id under {@code {prefix}media:{id}} ({@link SharedEntryFormat}), kept ({@code PX}) for its
 *       freshness plus the longer stale window;</li>
 *   <li>a lease per id being fetched, {@code SET {prefix}lease:{id} <nodeId> NX PX <leaseTime>}: the node that sets
 *       it asks the hub and renews it every third of a lease while the call runs; the others wait;</li>
 *   <li>the holder writes the entry, deletes its lease and publishes the id on {@code {prefix}media:done}, in one
 *       script; each node holds one subscription ({@link RedisLink#dedicated}) and wakes its waiters for that id.
 *       A waiter not woken within {@code leaseTime} tries to set the lease itself (it is gone when its holder died)
 *       and fetches on taking it; after {@code leaseWait} it fetches on its own.</li>
 * </ul>
 * Every call goes through {@link RedisLink} (deadline, breaker): Redis down, slow or holding garbage under our key is
 * a miss or {@link SharedLevel.Turn#ALONE}, never an error; while this node's subscription is down it takes no
 * leases. Meters: {@code playgate.cache.lookups{level=l2,result=hit|miss}}, {@code playgate.cache.l2.garbage},
 * {@code playgate.cache.lease{outcome=won|took_over|waited|alone}}, {@code playgate.cache.lease.wait}.
 * Thread-safe; futures complete on an event loop of the Redis client or a timer of {@code vertx}.
 */
public final class RedisSharedLevel implements SharedLevel {

  /**
   * Writes the entry (when given), deletes the lease if it is still ours, and wakes the waiting nodes when there is
   * something to read or a lease was let go.
   */
  private static final String PUBLISH = """
      if ARGV[1] ~= '' then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
      local released = 0
      if redis.call('GET', KEYS[2]) == ARGV[3] then released = redis.call('DEL', KEYS[2]) end
      if ARGV[1] ~= '' or released == 1 then redis.call('PUBLISH', ARGV[4], ARGV[5]) end
      return released""";
  /** Deletes the lease if it is still ours, waking nobody. */
  private static final String RELEASE = """
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0""";
  /** Extends the lease if it is still ours. */
  private static final String RENEW = """
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
      return 0""";

  private final Vertx vertx;
  private final RedisLink redis;
  private final Clock clock;
  private final long leaseMillis;
  private final long leaseWaitMillis;
  private final String channel;
  private final DedicatedConnection subscription;
  private final Map<String, List<Promise<Turn>>> waiting = new ConcurrentHashMap<>();
  private final Map<String, Long> renewals = new ConcurrentHashMap<>();
  private final Counter hits;
  private final Counter misses;
  private final Counter garbage;
  private final Counter won;
  private final Counter tookOver;
  private final Counter waited;
  private final Counter alone;
  private final Timer waitTime;

  private RedisSharedLevel(Vertx vertx, RedisLink redis, MeterRegistry registry, Clock clock) {
    this.vertx = vertx;
    this.redis = redis;
    this.clock = clock;
    this.leaseMillis = redis.options().leaseTime().toMillis();
    this.leaseWaitMillis = redis.options().leaseWait().toMillis();
    this.channel = redis.key("media:done");
    this.hits = lookups(registry, "hit");
    this.misses = lookups(registry, "miss");
    this.garbage = Counter.builder("playgate.cache.l2.garbage")
        .description("values under the shared cache's keys that were not an entry of this version (read as misses)")
        .register(registry);
    this.won = lease(registry, "won");
    this.tookOver = lease(registry, "took_over");
    this.waited = lease(registry, "waited");
    this.alone = lease(registry, "alone");
    this.waitTime = Timer.builder("playgate.cache.lease.wait")
        .description("how long a node waited for another node's hub call (or gave up waiting)").register(registry);
    this.subscription = redis.dedicated("cache-leases", this::subscribe);
  }

  /**
   * @param vertx the Vert.x instance whose timers bound the waits
   * @param redis the cluster's Redis
   * @param registry where the meters go
   * @param clock the wall clock that stamps shared entries ({@link Clock#systemUTC()})
   * @return a second level; its subscription opens in the background (no leases until it is open)
   */
  public static RedisSharedLevel create(Vertx vertx, RedisLink redis, MeterRegistry registry, Clock clock) {
    return new RedisSharedLevel(vertx, redis, registry, clock);
  }

  @Override
  public Future<@Nullable SharedEntry> read(String id) {
    return redis.send(Request.cmd(Command.GET).arg(mediaKey(id))).map(r -> {
      SharedEntry e = r == null ? null : SharedEntryFormat.decode(r.toString(), id, clock.millis());
      if (r != null && e == null) {
        garbage.increment();
      }
      (e == null ? misses : hits).increment();
      return e;
    }).otherwise(e -> {
      misses.increment();
      return null;
    });
  }

  @Override
  public Future<Turn> turn(String id) {
    if (!subscription.isConnected()) {
      alone.increment();
      return Future.succeededFuture(Turn.ALONE);
    }
    Promise<Turn> woken = Promise.promise();
    waiting.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(woken);
    long start = System.nanoTime();
    tryLease(id, woken, start, won);
    return woken.future().onComplete(ar -> {
      waiting.computeIfPresent(id, (k, list) -> {
        list.remove(woken);
        return list.isEmpty() ? null : list;
      });
      long tookNanos = System.nanoTime() - start;
      if (ar.result() != Turn.WON || tookNanos >= TimeUnit.MILLISECONDS.toNanos(leaseMillis)) {
        waitTime.record(tookNanos, TimeUnit.NANOSECONDS); // waited: for an answer, a dead holder, or in vain
      }
    });
  }

  /** Sets the lease if nobody holds it; else waits one lease time for a notification and tries again. */
  private void tryLease(String id, Promise<Turn> woken, long start, Counter outcome) {
    redis.send(Request.cmd(Command.SET).arg(leaseKey(id)).arg(redis.nodeId()).arg("NX").arg("PX").arg(leaseMillis))
        .onComplete(ar -> {
          if (ar.failed()) {
            end(woken, Turn.ALONE, alone);
          } else if (ar.result() != null) {
            if (end(woken, Turn.WON, outcome)) {
              renewWhileFetching(id);
            } else {
              release(id); // woken meanwhile: another node answered
            }
          } else {
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            long next = Math.min(leaseMillis, leaseWaitMillis - elapsedMillis);
            if (next <= 0) {
              end(woken, Turn.ALONE, alone);
            } else if (!woken.future().isComplete()) {
              vertx.setTimer(next, t -> {
                if (!woken.future().isComplete()) {
                  tryLease(id, woken, start, tookOver);
                }
              });
            }
          }
        });
  }

  private static boolean end(Promise<Turn> woken, Turn turn, Counter outcome) {
    if (!woken.tryComplete(turn)) {
      return false;
    }
    outcome.increment();
    return true;
  }

  /** While the hub call runs, the lease is extended every third of a lease, for at most {@code leaseWait}. */
  private void renewWhileFetching(String id) {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(leaseWaitMillis);
    long timer = vertx.setPeriodic(Math.max(30, leaseMillis / 3), t -> {
      if (System.nanoTime() > until) {
        stopRenewing(id);
        return;
      }
      redis.send(Request.cmd(Command.EVAL).arg(RENEW).arg(1).arg(leaseKey(id)).arg(redis.nodeId()).arg(leaseMillis));
    });
    Long before = renewals.put(id, timer);
    if (before != null) {
      vertx.cancelTimer(before);
    }
  }

  private void stopRenewing(String id) {
    Long timer = renewals.remove(id);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }

  @Override
  public void publish(String id, @Nullable SharedEntry entry, Turn turn) {
    long keepMillis = entry == null ? 0 : TimeUnit.NANOSECONDS.toMillis(entry.keepNanos());
    String value = entry == null || keepMillis <= 0 ? "" : SharedEntryFormat.encode(entry, clock.millis());
    stopRenewing(id);
    if (turn == Turn.FILLED && value.isEmpty()) {
      return;
    }
    // also after ALONE: a lease call that ran past its deadline may still have set our lease
    redis.send(Request.cmd(Command.EVAL).arg(PUBLISH).arg(2).arg(mediaKey(id)).arg(leaseKey(id)).arg(value)
        .arg(Math.max(1, keepMillis)).arg(redis.nodeId()).arg(channel).arg(id));
  }

  /** A lease taken after another node had answered: give it back at once, waking nobody. */
  private void release(String id) {
    redis.send(Request.cmd(Command.EVAL).arg(RELEASE).arg(1).arg(leaseKey(id)).arg(redis.nodeId()));
  }

  @Override
  public void close() {
    subscription.close();
    renewals.keySet().forEach(this::stopRenewing);
    waiting.values().forEach(list -> list.forEach(p -> p.tryComplete(Turn.ALONE)));
  }

  /** @return whether the subscription that wakes waiters is open (leases are taken only then) */
  public boolean isListening() {
    return subscription.isConnected();
  }

  private Future<?> subscribe(RedisConnection connection) {
    connection.handler(this::onMessage);
    return connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel));
  }

  private void onMessage(Response message) {
    if (message.size() >= 3 && "message".equals(String.valueOf(message.get(0)))
        && channel.equals(String.valueOf(message.get(1)))) {
      List<Promise<Turn>> woken = waiting.get(String.valueOf(message.get(2)));
      if (woken != null) {
        woken.forEach(p -> {
          if (p.tryComplete(Turn.FILLED)) {
            waited.increment();
          }
        });
      }
    }
  }

  private String mediaKey(String id) {
    return redis.key("media:" + id);
  }

  private String leaseKey(String id) {
    return redis.key("lease:" + id);
  }

  private static Counter lookups(MeterRegistry registry, String result) {
    return Counter.builder("playgate.cache.lookups").tag("level", "l2").tag("result", result)
        .description("cache lookups by level (l1: the node's own, l2: shared in Redis) and result").register(registry);
  }

  private static Counter lease(MeterRegistry registry, String outcome) {
    return Counter.builder("playgate.cache.lease").tag("outcome", outcome)
        .description("turns at the cluster's lease to fetch an id from the hub: won it, took it over from a node that "
            + "stopped renewing it, waited for another node's answer, or fetched alone (no lease to be had in time)")
        .register(registry);
  }
}
