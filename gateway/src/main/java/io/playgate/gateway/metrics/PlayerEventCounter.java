package io.playgate.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.playgate.gateway.hub.Visibility;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts player events in {@code playgate_player_events_total{media, event, origin}}, with a bounded label set that
 * no client can squat or use to expose private media:
 * <ul>
 *   <li>origins: the reserved ones (configured partners' origins) always keep their name; of the {@code maxOrigins}
 *       slots, those the reserved origins do not fill go to the first distinct origins that arrive, and every later
 *       origin counts as {@code other}. So junk origins can fill the first-come slots but never take a partner's.</li>
 *   <li>media ids: the first {@code maxMediaIds} distinct public ids keep their name, later ones count as
 *       {@code other}; a private or unlisted id is never a label value and always counts as {@code other}, so
 *       neither its name nor a slot is given away.</li>
 * </ul>
 * The registry (and {@code /metrics}) thus holds at most
 * {@code (maxMediaIds + 1) × 7 × (max(maxOrigins, reserved) + 1)} series, whatever beacons arrive. Thread-safe.
 */
public final class PlayerEventCounter {

  /** The label value of everything beyond a cap, and of non-public media. */
  public static final String OTHER = "other";
  /** Meter name (Prometheus: {@code playgate_player_events_total}). */
  public static final String METER = "playgate.player.events";

  private final MeterRegistry registry;
  private final Set<String> reservedOrigins;
  private final int firstComeOrigins;
  private final int maxMediaIds;
  private final Set<String> origins = ConcurrentHashMap.newKeySet();
  private final Set<String> mediaIds = ConcurrentHashMap.newKeySet();

  /**
   * @param registry where the counters live
   * @param maxOrigins distinct origins kept by name, reserved ones included, {@code >= 0}
   * @param maxMediaIds distinct public media ids kept by name, {@code >= 0}
   */
  public PlayerEventCounter(MeterRegistry registry, int maxOrigins, int maxMediaIds) {
    this(registry, maxOrigins, maxMediaIds, Set.of());
  }

  /**
   * @param registry where the counters live
   * @param maxOrigins distinct origins kept by name, reserved ones included, {@code >= 0}; when there are more
   *     reserved origins than this, all of them are still named and no first-come slot is left
   * @param maxMediaIds distinct public media ids kept by name, {@code >= 0}
   * @param reservedOrigins origins that always keep their name, as {@code scheme://host[:port]} (http or https,
   *     normalised like a beacon's: lower case, the scheme's default port left out)
   * @throws IllegalArgumentException for a negative cap or a reserved value that is not such an origin
   */
  public PlayerEventCounter(MeterRegistry registry, int maxOrigins, int maxMediaIds,
      Collection<String> reservedOrigins) {
    if (maxOrigins < 0 || maxMediaIds < 0) {
      throw new IllegalArgumentException("caps are >= 0");
    }
    Set<String> reserved = new LinkedHashSet<>();
    for (String origin : reservedOrigins) {
      reserved.add(PlayerEvent.origin(origin));
    }
    this.registry = registry;
    this.reservedOrigins = Set.copyOf(reserved);
    this.firstComeOrigins = Math.max(0, maxOrigins - this.reservedOrigins.size());
    this.maxMediaIds = maxMediaIds;
  }

  /**
   * @param e a validated event, counted once
   * @param visibility the visibility of its media item: only {@link Visibility#PUBLIC} ids are named
   */
  public void count(PlayerEvent e, Visibility visibility) {
    String origin = reservedOrigins.contains(e.origin()) ? e.origin() : bounded(origins, e.origin(), firstComeOrigins);
    String media = visibility == Visibility.PUBLIC ? bounded(mediaIds, e.mediaId(), maxMediaIds) : OTHER;
    Counter.builder(METER)
        .description("Player analytics beacons (POST /events) by media id, event and embedding origin")
        .tag("media", media)
        .tag("event", e.event())
        .tag("origin", origin)
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
