package io.playgate.gateway.cache;

import io.vertx.core.Future;
import org.jspecify.annotations.Nullable;

/**
 * The cache's second level, shared by the nodes of a cluster (ARCHITECTURE.md, "The cache's second level"), and the
 * lease that lets one node fetch a key for all of them. {@link MediaCache} asks it after a first-level miss and
 * before the hub, and tells it every hub answer. Implemented outside this package (on Redis); {@link #NONE}, when no
 * second level is configured, finds nothing and lets every node fetch on its own.
 *
 * <p>Contract for implementations: no method fails or throws for trouble of the level itself (down, slow, garbage):
 * it answers "nothing shared" ({@code null}, {@link Turn#ALONE}) so the node goes on with its first level and the hub;
 * every future completes within a bounded time. Futures may complete on any thread; {@link MediaCache} does not
 * assume a context.
 */
public interface SharedLevel {

  /** Who fetches a key from the hub, as {@link #turn(String)} decides it. */
  enum Turn {
    /** This node holds the lease: fetch from the hub, then {@link #publish} (which releases it). */
    WON,
    /** Another node answered (or gave up) meanwhile: read the level again. */
    FILLED,
    /** No lease could be had or waited for (no second level, it failed, or the wait ran out): fetch on your own. */
    ALONE
  }

  /** No second level: nothing is found, every node fetches on its own, nothing is written. */
  SharedLevel NONE = new SharedLevel() {
    @Override
    public Future<@Nullable SharedEntry> read(String id) {
      return Future.succeededFuture(null);
    }

    @Override
    public Future<Turn> turn(String id) {
      return Future.succeededFuture(Turn.ALONE);
    }

    @Override
    public void publish(String id, @Nullable SharedEntry entry, Turn turn) {
    }

    @Override
    public void close() {
    }
  };

  /**
   * @param id a media id
   * @return the shared entry, or {@code null} when there is none, it cannot be read in time, or it is not one this
   *     version understands (another format version, a foreign or truncated value); never fails
   */
  Future<@Nullable SharedEntry> read(String id);

  /**
   * Takes the lease to fetch {@code id} from the hub, or waits (notified, with a bounded wait) while another node
   * holds it.
   *
   * @param id a media id
   * @return {@link Turn#WON} when this node now holds the lease (also after taking over one whose holder stopped
   *     renewing it); {@link Turn#FILLED} when the holder released it; {@link Turn#ALONE} otherwise; never fails
   */
  Future<Turn> turn(String id);

  /**
   * Tells the level what the hub answered: writes {@code entry} (if any) and, after {@link Turn#WON}, releases the
   * lease and notifies the nodes waiting for it. Fire and forget.
   *
   * @param id a media id
   * @param entry what to share, or {@code null} for nothing (a hub failure that is not remembered)
   * @param turn the turn this node fetched on
   */
  void publish(String id, @Nullable SharedEntry entry, Turn turn);

  /** Stops listening for other nodes' notifications; waiting turns end as {@link Turn#ALONE}. */
  void close();
}
