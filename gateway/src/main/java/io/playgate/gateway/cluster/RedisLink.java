package io.playgate.gateway.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one way to Redis (vertx-redis-client, a pooled client over {@link ClusterOptions#url()}): every call has
 * the deadline {@link ClusterOptions#deadline()} ({@code Future.timeout}: the client has no per-command timeout), and
 * a vertx-circuit-breaker keeps a failing Redis out of the request path: after {@value #FAILURES_TO_OPEN} failed calls
 * within a second every call fails at once with {@link RedisUnavailableException} for
 * {@link ClusterOptions#retryAfter()}, then one probe call is let through; its success closes the breaker. Callers
 * treat any failure as "no Redis now" and go on with their first level and the hub.
 *
 * <p>Only failures that say Redis is unwell count (refused or dropped connections, deadlines); an error reply
 * ({@code -WRONGTYPE}, {@code -NOSCRIPT} …) is Redis answering and does not. One log line per state change:
 * {@code redis.down} at WARN when the breaker first opens, {@code redis.up} at INFO when it closes again (with how
 * long Redis was away); nothing per request. Meters: {@code playgate.redis.errors{kind=timeout|connection|reply}}
 * and {@code playgate.redis.up} (1 or 0).
 *
 * <p>Thread-safe; the futures complete on the Vert.x context of the caller (or an event loop of the client when
 * called off a context).
 */
public final class RedisLink {

  /** Failed calls within {@value #FAILURE_WINDOW_MILLIS} ms that mark Redis as down. */
  static final int FAILURES_TO_OPEN = 3;
  private static final long FAILURE_WINDOW_MILLIS = 1000;
  private static final long WARM_UP_MILLIS = 5000;
  private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);

  private final Vertx vertx;
  private final ClusterOptions options;
  private final Redis client;
  private final CircuitBreaker breaker;
  private final String nodeId = randomNodeId();
  private final AtomicLong downSinceMillis = new AtomicLong(-1);
  private final Counter timeouts;
  private final Counter connectionErrors;
  private final Counter replyErrors;
  private final Future<Void> warmedUp;

  private RedisLink(Vertx vertx, ClusterOptions options, MeterRegistry registry) {
    this.vertx = vertx;
    this.options = options;
    this.client = Redis.createClient(vertx, clientOptions(options, options.maxPoolSize()));
    this.breaker = CircuitBreaker.create("playgate-redis", vertx, new CircuitBreakerOptions()
            .setMaxFailures(FAILURES_TO_OPEN)
            .setFailuresRollingWindow(FAILURE_WINDOW_MILLIS)
            .setResetTimeout(options.retryAfter().toMillis())
            .setTimeout(-1)
            .setMaxRetries(0)
            .setFallbackOnFailure(false))
        .failurePolicy(f -> f.failed() && !(f.cause() instanceof Response))
        .openHandler(v -> markDown())
        .closeHandler(v -> markUp());
    this.timeouts = errors(registry, "timeout");
    this.connectionErrors = errors(registry, "connection");
    this.replyErrors = errors(registry, "reply");
    Gauge.builder("playgate.redis.up", this, link -> link.isUp() ? 1 : 0)
        .description("1 while the node uses Redis, 0 while it runs on its own because Redis failed")
        .register(registry);
    this.warmedUp = warmUp();
  }

  /**
   * Opens the first pooled connection (connect and protocol handshake) without the call deadline, so the first
   * request that needs Redis does not pay for it.
   */
  private Future<Void> warmUp() {
    return client.send(Request.cmd(Command.PING)).timeout(WARM_UP_MILLIS, TimeUnit.MILLISECONDS).<Void>mapEmpty()
        .onFailure(e -> LOG.warn("redis.warmup url={} failed: {}; calls will try again", options.safeUrl(), e.toString()));
  }

  /**
   * @return completes once the first connection is open (or failed to open within {@value #WARM_UP_MILLIS} ms: the
   *     node goes on, and later calls try again); never fails
   */
  public Future<Void> warmedUp() {
    return warmedUp.otherwiseEmpty();
  }

  /**
   * @param vertx the Vert.x instance whose event loops run the client and the breaker's timers
   * @param options the Redis to use; {@link ClusterOptions#enabled()} must be true
   * @param registry where the link's meters go
   * @return a link; no connection is opened until the first call
   * @throws IllegalArgumentException when no URL is configured
   */
  public static RedisLink create(Vertx vertx, ClusterOptions options, MeterRegistry registry) {
    if (!options.enabled()) {
      throw new IllegalArgumentException("cache.redis.url is not set");
    }
    return new RedisLink(vertx, options, registry);
  }

  /**
   * Sends one command within the deadline.
   *
   * @param request the command
   * @return the reply ({@code null} for a nil reply); failed with {@link RedisUnavailableException} while Redis is
   *     marked down, with a {@link TimeoutException} past the deadline, with the connection's error, or with the
   *     error reply (a {@link Response} that is also a {@link Throwable})
   */
  public Future<@Nullable Response> send(Request request) {
    return this.<@Nullable Response>guarded(() -> client.send(request));
  }

  /**
   * Sends several commands in one round trip (pipelined, not a transaction) within one deadline.
   *
   * @param requests the commands, in order
   * @return the replies in the same order (a nil reply is {@code null}); failures as {@link #send(Request)}
   */
  public Future<List<@Nullable Response>> batch(List<Request> requests) {
    return guarded(() -> client.batch(requests));
  }

  private <T> Future<T> guarded(java.util.function.Supplier<Future<T>> call) {
    return breaker.<T>execute(() -> call.get().timeout(options.deadline().toMillis(), TimeUnit.MILLISECONDS))
        .recover(this::classify);
  }

  private <T> Future<T> classify(Throwable e) {
    if (e instanceof OpenCircuitException) {
      return Future.failedFuture(new RedisUnavailableException("redis marked down: not asked"));
    }
    (e instanceof TimeoutException ? timeouts : e instanceof Response ? replyErrors : connectionErrors).increment();
    return Future.failedFuture(e);
  }

  /** @return a {@code PING} through the deadline and the breaker: fails as {@link #send(Request)} does */
  public Future<Void> ping() {
    return send(Request.cmd(Command.PING)).mapEmpty();
  }

  /**
   * A connection of its own (not from the pool) for subscriptions and blocking stream reads, re-opened after it drops.
   *
   * @param purpose a word for the logs, e.g. {@code takedowns}
   * @param onConnect called on every (re)connect with the fresh connection, before it is handed any message
   * @return the connection's keeper; {@link DedicatedConnection#close()} stops it
   */
  public DedicatedConnection dedicated(String purpose, DedicatedConnection.Session onConnect) {
    return DedicatedConnection.open(vertx, Redis.createClient(vertx, clientOptions(options, 1)), purpose,
        options.safeUrl(), onConnect);
  }

  /**
   * @param name the key's name within this gateway's keys, e.g. {@code media:big-buck-bunny}
   * @return the Redis key: {@link ClusterOptions#keyPrefix()} + {@code name}
   */
  public String key(String name) {
    return options.keyPrefix() + name;
  }

  /** @return this node's random id for this process (16 hex digits), e.g. to name a lease's holder */
  public String nodeId() {
    return nodeId;
  }

  /** @return whether the node uses Redis now (false while the breaker is open after failures) */
  public boolean isUp() {
    return downSinceMillis.get() < 0;
  }

  /** @return {@code "up"} or {@code "down"}, for {@code /health/ready} data */
  public String state() {
    return isUp() ? "up" : "down";
  }

  /** @return the options in use */
  public ClusterOptions options() {
    return options;
  }

  /** @return completes when the pooled client and the breaker are closed */
  public Future<Void> close() {
    breaker.close();
    return client.close();
  }

  private void markDown() {
    if (downSinceMillis.compareAndSet(-1, System.currentTimeMillis())) {
      LOG.warn("redis.down url={} : the node goes on with its own cache and the hub, and probes Redis every {} ms",
          options.safeUrl(), options.retryAfter().toMillis());
    }
  }

  private void markUp() {
    long since = downSinceMillis.getAndSet(-1);
    if (since >= 0) {
      LOG.info("redis.up url={} after {} ms without it", options.safeUrl(), System.currentTimeMillis() - since);
    }
  }

  private static Counter errors(MeterRegistry registry, String kind) {
    return Counter.builder("playgate.redis.errors").tag("kind", kind)
        .description("Redis calls that failed: past the deadline, connection trouble, or an error reply")
        .register(registry);
  }

  private static RedisOptions clientOptions(ClusterOptions options, int poolSize) {
    return new RedisOptions().setConnectionString(options.url()).setMaxPoolSize(poolSize)
        .setMaxPoolWaiting(1024).setMaxWaitingHandlers(4096);
  }

  private static String randomNodeId() {
    byte[] b = new byte[8];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
