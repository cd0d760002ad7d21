package io.playgate.gateway.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.playgate.gateway.partner.RateLimit;
import io.playgate.gateway.partner.SharedBuckets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The partners' token buckets, one per partner for the whole cluster (ARCHITECTURE.md, "Shared rate limits"): a Lua
 * script ({@value #TAKE}) run with {@code EVALSHA} ({@code EVAL} once after {@code NOSCRIPT}) takes up to N tokens
 * from the hash {@code {keyPrefix}ratelimit:{name}} with Bucket4j's greedy refill ({@code capacity} tokens added in
 * proportion to the time elapsed, {@code capacity / period} per second, capped at {@code capacity}) on the Redis
 * clock ({@code TIME}), so the nodes' clocks do not matter. Every {@link ClusterOptions#heartbeat()} the node adds
 * itself to the sorted set {@code {keyPrefix}nodes} (score: Redis time) and counts the nodes heard within three
 * heartbeats; that count, remembered from the last time Redis answered, splits a limit while Redis is down.
 * Meters: {@code playgate.cluster.ratelimit.batches{outcome=taken|refused|failed}}, {@code playgate.cluster.nodes}.
 */
public final class RedisBuckets implements SharedBuckets {

  /** Takes {@code ARGV[3]} tokens at most; returns {@code {granted, microseconds until one token}}. */
  static final String TAKE = """
      local cap = tonumber(ARGV[1])
      local period = tonumber(ARGV[2])
      local want = tonumber(ARGV[3])
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
      local s = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
      local tokens = tonumber(s[1])
      local ts = tonumber(s[2])
      if tokens == nil or ts == nil then
        tokens = cap
        ts = now
      end
      if now > ts then
        tokens = math.min(cap, tokens + (now - ts) * cap / period)
        ts = now
      end
      local granted = math.min(want, math.floor(tokens))
      tokens = tokens - granted
      redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'ts', string.format('%d', ts))
      redis.call('PEXPIRE', KEYS[1], math.ceil(period / 1000) + 60000)
      local wait = 0
      if granted == 0 then
        wait = math.ceil((1 - tokens) * period / cap)
      end
      return {granted, wait}
      """;

  /** Adds {@code ARGV[1]} to the set with the Redis time, forgets nodes older than {@code ARGV[2]} µs, counts. */
  static final String HEARTBEAT = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
      redis.call('ZADD', KEYS[1], string.format('%d', now), ARGV[1])
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now - tonumber(ARGV[2])))
      redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2]) / 1000))
      return redis.call('ZCARD', KEYS[1])
      """;

  private final RedisLink redis;
  private final String takeSha = sha1(TAKE);
  private final String heartbeatSha = sha1(HEARTBEAT);
  private final Counter taken;
  private final Counter refused;
  private final Counter failed;
  private final long timer;
  private final Vertx vertx;
  private volatile int liveNodes = 1;

  private RedisBuckets(Vertx vertx, RedisLink redis, MeterRegistry registry) {
    this.vertx = vertx;
    this.redis = redis;
    this.taken = batches(registry, "taken");
    this.refused = batches(registry, "refused");
    this.failed = batches(registry, "failed");
    Gauge.builder("playgate.cluster.nodes", this, RedisBuckets::liveNodes)
        .description("live nodes as this node last heard from Redis (heartbeats within three intervals)")
        .register(registry);
    heartbeat();
    this.timer = vertx.setPeriodic(redis.options().heartbeat().toMillis(), id -> heartbeat());
  }

  /**
   * Starts the heartbeat.
   *
   * @param vertx runs the heartbeat timer
   * @param redis the cluster's Redis
   * @param registry where the meters go
   * @return the buckets; {@link #close()} stops the heartbeat and takes the node out of the count
   */
  public static RedisBuckets start(Vertx vertx, RedisLink redis, MeterRegistry registry) {
    return new RedisBuckets(vertx, redis, registry);
  }

  @Override
  public Future<Grant> take(String name, RateLimit limit, long tokens) {
    return eval(takeSha, TAKE, redis.key("ratelimit:" + name), Long.toString(limit.capacity()),
        Long.toString(limit.period().toNanos() / 1000), Long.toString(tokens)).map(r -> {
          long granted = r.get(0).toLong();
          (granted > 0 ? taken : refused).increment();
          return new Grant(granted, granted > 0 ? 0 : (r.get(1).toLong() + 999) / 1000);
        }).onFailure(e -> failed.increment());
  }

  @Override
  public boolean available() {
    return redis.isUp();
  }

  @Override
  public int liveNodes() {
    return liveNodes;
  }

  /** @return completes once the timer is stopped and the node has left the count (or Redis did not answer) */
  public Future<Void> close() {
    vertx.cancelTimer(timer);
    return redis.send(Request.cmd(Command.ZREM).arg(redis.key("nodes")).arg(redis.nodeId())).<Void>mapEmpty()
        .otherwiseEmpty();
  }

  private void heartbeat() {
    long forgetMicros = redis.options().heartbeat().toNanos() / 1000 * 3;
    eval(heartbeatSha, HEARTBEAT, redis.key("nodes"), redis.nodeId(), Long.toString(forgetMicros))
        .onSuccess(r -> liveNodes = Math.max(1, r.toInteger()));
  }

  /** {@code EVALSHA}, and {@code EVAL} (which also loads the script) when Redis does not know it yet. */
  private Future<Response> eval(String sha, String script, String key, String... args) {
    return redis.send(withArgs(Request.cmd(Command.EVALSHA).arg(sha).arg(1).arg(key), args))
        .recover(e -> e instanceof Response error && error.toString().startsWith("NOSCRIPT")
            ? redis.send(withArgs(Request.cmd(Command.EVAL).arg(script).arg(1).arg(key), args))
            : Future.failedFuture(e))
        .compose(r -> r == null ? Future.failedFuture(new IllegalStateException("nil from a script"))
            : Future.succeededFuture(r));
  }

  private static Request withArgs(Request request, String... args) {
    for (String a : args) {
      request.arg(a);
    }
    return request;
  }

  private static Counter batches(MeterRegistry registry, String outcome) {
    return Counter.builder("playgate.cluster.ratelimit.batches").tag("outcome", outcome)
        .description("token batches this node asked the cluster's buckets for: taken, refused (empty), failed")
        .register(registry);
  }

  private static String sha1(String script) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
          .digest(script.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
  }
}
