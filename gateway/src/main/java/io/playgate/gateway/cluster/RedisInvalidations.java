package io.playgate.gateway.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.playgate.gateway.cache.InvalidationBus;
import io.playgate.gateway.cache.MediaCache;
import io.playgate.gateway.hub.MediaItem;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takedowns and updates shared by every node (ARCHITECTURE.md, "Takedown propagation") over one Redis Stream,
 * {@code {keyPrefix}invalidations}, not pub/sub: a pub/sub message sent while a node's connection is down is lost to
 * that node, a stream entry is still there when it reconnects and reads on from the last id it applied.
 * <ul>
 *   <li><b>Publish</b> ({@link #publish}): one {@code XADD … MAXLEN ~ }{@link ClusterOptions#invalidationsMaxLength()}
 *       with the fields {@code v} (format {@value #FORMAT}), {@code kind} ({@code removed}|{@code updated}),
 *       {@code ids} (space-separated media ids) and {@code origin} ({@link RedisLink#nodeId()}), pipelined after a
 *       {@code DEL} of the ids' second-level entries ({@code {keyPrefix}media:{id}}), so no node reads the old item
 *       from Redis afterwards.</li>
 *   <li><b>Apply</b>: a {@link DedicatedConnection} reads the stream with {@code XREAD BLOCK} from the last id this
 *       node applied, and applies each entry of another origin to the node's {@link MediaCache} (which never
 *       publishes). The first read starts at the stream id of {@code now - cache.negativeTtl}, so a node that
 *       starts (or restarts) also learns the takedowns the cluster still remembers; it remembers each for a full
 *       {@code negativeTtl} from when it applies it. After a drop the read resumes at the last applied id.</li>
 * </ul>
 * Meters: {@code playgate.cluster.invalidations{direction=sent|applied}} (events, not ids) and
 * {@code playgate.cluster.takedown.lag} (time from an entry's id, the Redis clock when it was added, to this node
 * applying it; entries older than the node's start are not timed).
 */
public final class RedisInvalidations implements InvalidationBus {

  /** The format of a stream entry; entries of another format are skipped. */
  static final String FORMAT = "1";
  /** The stream's name within the gateway's keys. */
  static final String STREAM = "invalidations";
  private static final Logger LOG = LoggerFactory.getLogger(RedisInvalidations.class);
  private static final long BLOCK_MILLIS = 5000;
  private static final int READ_COUNT = 100;

  private final RedisLink redis;
  private final MediaCache cache;
  private final Duration remembered;
  private final String stream;
  private final long startedMillis = System.currentTimeMillis();
  private final Counter sent;
  private final Counter applied;
  private final Timer lag;
  private volatile @Nullable String lastId;
  private @Nullable DedicatedConnection reader;

  private RedisInvalidations(RedisLink redis, MediaCache cache, MeterRegistry registry) {
    this.redis = redis;
    this.cache = cache;
    this.remembered = cache.options().negativeTtl();
    this.stream = redis.key(STREAM);
    this.sent = events(registry, "sent");
    this.applied = events(registry, "applied");
    this.lag = Timer.builder("playgate.cluster.takedown.lag")
        .description("time from a takedown or update entering the stream to this node applying it")
        .publishPercentiles(0.5, 0.99).register(registry);
  }

  /**
   * Creates the bus and starts reading the stream on a connection of its own.
   *
   * @param redis the cluster's Redis
   * @param cache this node's media cache, where other nodes' events are applied
   * @param registry where the meters go
   * @return the running bus; {@link #close()} stops reading
   */
  public static RedisInvalidations start(RedisLink redis, MediaCache cache, MeterRegistry registry) {
    RedisInvalidations bus = new RedisInvalidations(redis, cache, registry);
    bus.reader = redis.dedicated("invalidations", bus::read);
    return bus;
  }

  @Override
  public Future<Void> publish(Kind kind, List<String> ids) {
    List<Request> batch = new ArrayList<>(2);
    Request del = Request.cmd(Command.DEL);
    ids.forEach(id -> del.arg(redis.key("media:" + id)));
    batch.add(del);
    batch.add(Request.cmd(Command.XADD).arg(stream).arg("MAXLEN").arg("~")
        .arg(redis.options().invalidationsMaxLength()).arg("*")
        .arg("v").arg(FORMAT).arg("kind").arg(kind.name().toLowerCase(Locale.ROOT))
        .arg("ids").arg(String.join(" ", ids)).arg("origin").arg(redis.nodeId()));
    return redis.batch(batch).<Void>mapEmpty().onSuccess(v -> sent.increment());
  }

  /** @return whether the stream reader's connection is open now */
  public boolean isReading() {
    DedicatedConnection r = reader;
    return r != null && r.isConnected();
  }

  /** @return completes once the reader's connection is closed */
  public Future<Void> close() {
    DedicatedConnection r = reader;
    return r == null ? Future.succeededFuture() : r.close();
  }

  /** A session of the reader: on every (re)connect, read on from the last applied id. */
  private Future<?> read(RedisConnection connection) {
    if (lastId == null) {
      lastId = (System.currentTimeMillis() - remembered.toMillis()) + "-0";
    }
    // a PING first, so the connection counts as open only once Redis has answered on it
    return connection.send(Request.cmd(Command.PING)).timeout(BLOCK_MILLIS, TimeUnit.MILLISECONDS)
        .onSuccess(pong -> readNext(connection));
  }

  private void readNext(RedisConnection connection) {
    Request xread = Request.cmd(Command.XREAD).arg("COUNT").arg(READ_COUNT).arg("BLOCK").arg(BLOCK_MILLIS)
        .arg("STREAMS").arg(stream).arg(lastId);
    // a connection cut without a FIN never answers: give up on it a little after the block ends
    connection.send(xread).timeout(BLOCK_MILLIS + 2000, TimeUnit.MILLISECONDS).onComplete(ar -> {
      DedicatedConnection keeper = reader;
      if (ar.succeeded()) {
        applyAll(ar.result());
        readNext(connection);
      } else if (keeper != null) {
        // dropped, no answer (a connection cut without a FIN) or an error reply: a fresh connection starts this
        // session again (nothing happens when the keeper has already seen the drop)
        keeper.restart(connection, ar.cause().toString());
      }
    });
  }

  private void applyAll(@Nullable Response reply) {
    if (reply == null) {
      return; // the block ended without an entry
    }
    Response entries;
    try {
      entries = reply.isMap() ? reply.get(stream) : reply.size() > 0 ? reply.get(0).get(1) : null;
    } catch (RuntimeException e) {
      LOG.warn("cluster.invalidations unexpected XREAD reply: {}", e.toString());
      return;
    }
    if (entries == null) {
      return;
    }
    for (Response entry : entries) {
      try {
        String id = entry.get(0).toString();
        lastId = id;
        apply(id, entry.get(1));
      } catch (RuntimeException e) {
        LOG.warn("cluster.invalidations skipped an entry after {}: {}", lastId, e.toString());
      }
    }
  }

  private void apply(String entryId, Response fields) {
    String format = field(fields, "v");
    String origin = field(fields, "origin");
    String kind = field(fields, "kind");
    String ids = field(fields, "ids");
    if (!FORMAT.equals(format) || kind == null || ids == null || redis.nodeId().equals(origin)) {
      return;
    }
    List<String> valid = Arrays.stream(ids.split(" ")).filter(id -> MediaItem.ID.matcher(id).matches()).toList();
    if ("removed".equals(kind)) {
      cache.takedown(valid);
    } else if ("updated".equals(kind)) {
      cache.invalidate(valid);
    } else {
      return;
    }
    applied.increment();
    long addedMillis = Long.parseLong(entryId.substring(0, entryId.indexOf('-')));
    if (addedMillis >= startedMillis) {
      lag.record(Math.max(0, System.currentTimeMillis() - addedMillis), TimeUnit.MILLISECONDS);
    }
  }

  /** A field of an entry: a flat array of names and values (RESP2 and RESP3), or a map. */
  private static @Nullable String field(Response fields, String name) {
    if (fields.isMap()) {
      Response v = fields.get(name);
      return v == null ? null : v.toString();
    }
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      if (name.equals(fields.get(i).toString())) {
        return fields.get(i + 1).toString();
      }
    }
    return null;
  }

  private static Counter events(MeterRegistry registry, String direction) {
    return Counter.builder("playgate.cluster.invalidations").tag("direction", direction)
        .description("takedown and update events shared through Redis: sent by this node, applied from others")
        .register(registry);
  }
}
