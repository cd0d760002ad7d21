package io.playgate.gateway.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Redis connection of its own, kept open: for {@code SUBSCRIBE} (a subscribed connection can do nothing else)
 * and for blocking reads ({@code XREAD BLOCK}), which must not hold a connection of the shared pool. When it drops
 * (Redis restarted, network cut) it is opened again after a back-off of 100 ms doubling to 2 s, and its
 * {@link Session} is started again on the new connection: a session re-subscribes, or resumes its stream from the
 * last id it applied, so nothing published while the node was away is lost to a stream reader. One log line when it
 * drops, one when it is back; nothing per retry.
 *
 * <p>Not thread-safe by itself: every callback runs on the event loop of the Vert.x context it was opened on.
 */
public final class DedicatedConnection {

  /** What to do on each fresh connection. */
  @FunctionalInterface
  public interface Session {
    /**
     * Sets the connection's handlers (messages of a subscription) and sends its first commands; called on every
     * (re)connect.
     *
     * @param connection the fresh connection; it is closed by the keeper, never by the session
     * @return completes once the session runs (e.g. the subscription is confirmed); a failure drops the connection
     *     and tries again after the back-off
     */
    Future<?> start(RedisConnection connection);
  }

  private static final Logger LOG = LoggerFactory.getLogger(DedicatedConnection.class);
  private static final long FIRST_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 2000;

  private final Vertx vertx;
  private final Redis client;
  private final String purpose;
  private final String safeUrl;
  private final Session session;
  private volatile @Nullable RedisConnection current;
  private long backoffMillis = FIRST_BACKOFF_MILLIS;
  private boolean wasConnected;
  private boolean lostLogged;
  private volatile boolean closed;

  private DedicatedConnection(Vertx vertx, Redis client, String purpose, String safeUrl, Session session) {
    this.vertx = vertx;
    this.client = client;
    this.purpose = purpose;
    this.safeUrl = safeUrl;
    this.session = session;
  }

  static DedicatedConnection open(Vertx vertx, Redis client, String purpose, String safeUrl, Session session) {
    DedicatedConnection keeper = new DedicatedConnection(vertx, client, purpose, safeUrl, session);
    keeper.connect();
    return keeper;
  }

  /** @return whether a connection is open and its session started */
  public boolean isConnected() {
    return current != null;
  }

  /**
   * Gives up on a connection the session no longer trusts (a blocking read that never came back, an error reply it
   * cannot go on after): it is closed and a fresh one opened after the back-off, as after a drop.
   *
   * @param connection the connection the session was started with; ignored when it is no longer the current one
   * @param why a few words for the log line
   */
  public void restart(RedisConnection connection, String why) {
    dropped(connection, why);
  }

  /** @return completes once the connection is closed; it is not opened again */
  public Future<Void> close() {
    closed = true;
    RedisConnection c = current;
    current = null;
    return (c == null ? Future.<Void>succeededFuture() : c.close().otherwiseEmpty()).eventually(client::close);
  }

  private void connect() {
    if (closed) {
      return;
    }
    client.connect().compose(c -> {
      c.exceptionHandler(e -> dropped(c, e.toString())).endHandler(v -> dropped(c, "closed by the server"));
      return session.start(c).map(c).onFailure(e -> c.close());
    }).onSuccess(this::started).onFailure(e -> retryLater(e.toString()));
  }

  private void started(RedisConnection c) {
    if (closed) {
      c.close();
      return;
    }
    current = c;
    backoffMillis = FIRST_BACKOFF_MILLIS;
    if (lostLogged) {
      LOG.info("redis.connection purpose={} url={} open again", purpose, safeUrl);
    }
    wasConnected = true;
    lostLogged = false;
  }

  private void dropped(RedisConnection c, String why) {
    if (current != c) {
      return;
    }
    current = null;
    c.close();
    retryLater(why);
  }

  private void retryLater(String why) {
    if (closed) {
      return;
    }
    if (!lostLogged) {
      LOG.warn("redis.connection purpose={} url={} {}: {}; retrying with back-off", purpose, safeUrl,
          wasConnected ? "lost" : "cannot open", why);
      lostLogged = true;
    }
    long delay = backoffMillis;
    backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
    vertx.setTimer(delay, t -> connect());
  }
}
