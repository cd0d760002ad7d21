package io.playgate.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.playgate.gateway.hub.Visibility;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts player events in {@code playgate_player_events_total{media, event, origin}}, with a bounded label set:
 * the first {@code maxOrigins} distinct origins keep their name and every later one counts as {@code other}, and
 * likewise for public media ids beyond {@code maxMediaIds}. A private or unlisted id is never a label value and
 * always counts as {@code other}, so neither its name nor a slot is given away. So the registry (and
 * {@code /metrics}) holds at most {@code (maxMediaIds + 1) × 7 × (maxOrigins + 1)} series, whatever beacons arrive.
 * Thread-safe.
 */
public final class PlayerEventCounter {

  /** The label value of everything beyond a cap, and of non-public media. */
  public static final String OTHER = "other";
  /** Meter name (Prometheus: {@code playgate_player_events_total}). */
  public static final String METER = "playgate.player.events";

  private final MeterRegistry registry;
  private final int maxOrigins;
  private final int maxMediaIds;
  private final Set<String> origins = ConcurrentHashMap.newKeySet();
  private final Set<String> mediaIds = ConcurrentHashMap.newKeySet();

  /**
   * @param registry where the counters live
   * @param maxOrigins distinct origins kept by name, {@code >= 0}
   * @param maxMediaIds distinct public media ids kept by name, {@code >= 0}
   */
  public PlayerEventCounter(MeterRegistry registry, int maxOrigins, int maxMediaIds) {
    if (maxOrigins < 0 || maxMediaIds < 0) {
      throw new IllegalArgumentException("caps are >= 0");
    }
    this.registry = registry;
    this.maxOrigins = maxOrigins;
    this.maxMediaIds = maxMediaIds;
  }

  /**
   * @param e a validated event, counted once
   * @param visibility the visibility of its media item: only {@link Visibility#PUBLIC} ids are named
   */
  public void count(PlayerEvent e, Visibility visibility) {
    String media = visibility == Visibility.PUBLIC ? bounded(mediaIds, e.mediaId(), maxMediaIds) : OTHER;
    Counter.builder(METER)
        .description("Player analytics beacons (POST /events) by media id, event and embedding origin")
        .tag("media", media)
        .tag("event", e.event())
        .tag("origin", bounded(origins, e.origin(), maxOrigins))
        .register(registry)
        .increment();
  }

  private static String bounded(Set<String> seen, String value, int max) {
    if (seen.contains(value)) {
      return value;
    }
    synchronized (seen) {
      if (seen.size() < max) {
        seen.add(value);
        return value;
      }
    }
    return seen.contains(value) ? value : OTHER;
  }
}
