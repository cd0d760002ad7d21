package io.playgate.gateway.metrics;

import io.playgate.gateway.options.ConfigReader;
import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * Bounds of {@code playgate_player_events_total} (beacons of {@code POST /events}): the {@value #KEY} section of
 * {@code conf/gateway.yaml}. The first so many distinct values keep their name as a label, later ones count as
 * {@value PlayerEventCounter#OTHER}, so {@code /metrics} cannot be grown without limit.
 *
 * @param eventOrigins distinct embedding origins kept by name, 0..100,000
 * @param eventMediaIds distinct media ids kept by name, 0..1,000,000
 */
public record MetricsOptions(int eventOrigins, int eventMediaIds) {

  /** The configuration section these options are read from. */
  public static final String KEY = "metrics";
  /** Default {@link #eventOrigins()}: 200 origins. */
  public static final int DEFAULT_EVENT_ORIGINS = 200;
  /** Default {@link #eventMediaIds()}: 5000 media ids. */
  public static final int DEFAULT_EVENT_MEDIA_IDS = 5000;

  /** Options with every default, as {@code conf/gateway.yaml} ships them. */
  public MetricsOptions() {
    this(DEFAULT_EVENT_ORIGINS, DEFAULT_EVENT_MEDIA_IDS);
  }

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException when a bound is out of range
   */
  public MetricsOptions {
    if (eventOrigins < 0 || eventOrigins > 100_000 || eventMediaIds < 0 || eventMediaIds > 1_000_000) {
      throw new IllegalArgumentException("invalid metrics options");
    }
  }

  /**
   * Reads and checks {@code eventOrigins} (0..100,000) and {@code eventMediaIds} (0..1,000,000).
   *
   * @param json the {@value #KEY} section
   * @return the options
   * @throws io.playgate.gateway.options.ConfigException naming the bad key, e.g. {@code metrics.eventOrigins}
   */
  public static MetricsOptions fromJson(@Nullable JsonObject json) {
    ConfigReader m = ConfigReader.of(KEY, json);
    return new MetricsOptions(m.intIn("eventOrigins", 0, 100_000), m.intIn("eventMediaIds", 0, 1_000_000));
  }

  /** @return the {@value #KEY} section, as {@link #fromJson} reads it */
  public JsonObject toJson() {
    return new JsonObject().put("eventOrigins", eventOrigins).put("eventMediaIds", eventMediaIds);
  }
}
