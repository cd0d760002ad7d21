package io.playgate.gateway.http;

import io.playgate.gateway.options.ConfigReader;
import io.playgate.units.Durations;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the gateway drains on {@code SIGTERM}: the {@value #KEY} section of {@code conf/gateway.yaml}. Both durations
 * count from the signal. During the grace, {@code /health/ready} answers 503 while the listener still accepts
 * connections and answers requests (with {@code Connection: close}), so a load balancer that polls readiness stops
 * sending before the port closes; then the listener closes and requests in flight get until the deadline to finish.
 * See docs/operators.md "Stopping and restarting a node".
 *
 * @param grace how long new connections are still accepted after the signal, 0..1 min
 * @param deadline when requests still in flight are cut and the process exits, counted from the signal,
 *     {@code grace}..10 min
 */
public record ShutdownOptions(Duration grace, Duration deadline) {

  /** The configuration section these options are read from. */
  public static final String KEY = "shutdown";
  /** Default {@link #grace()}: 2 s, a little more than a load balancer's usual readiness poll of 1 s. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);
  /** Default {@link #deadline()}: 10 s, twice the default hub timeout ({@code hub.timeout}) after the grace. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);

  /** Options with every default, as {@code conf/gateway.yaml} ships them. */
  public ShutdownOptions() {
    this(DEFAULT_GRACE, DEFAULT_DEADLINE);
  }

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException for a negative grace or a deadline before the grace's end
   */
  public ShutdownOptions {
    if (Objects.requireNonNull(grace, "grace").isNegative() || Objects.requireNonNull(deadline, "deadline")
        .compareTo(grace) < 0) {
      throw new IllegalArgumentException("invalid shutdown options");
    }
  }

  /**
   * Reads and checks the {@value #KEY} section: {@code grace} (0..1 min) and {@code deadline} (0..10 min, not
   * shorter than {@code grace}).
   *
   * @param json the section
   * @return the options
   * @throws io.playgate.gateway.options.ConfigException naming the first bad key, e.g. {@code shutdown.deadline}
   */
  public static ShutdownOptions fromJson(@Nullable JsonObject json) {
    ConfigReader s = ConfigReader.of(KEY, json);
    Duration grace = s.durationIn("grace", Duration.ZERO, Duration.ofMinutes(1));
    Duration deadline = s.durationIn("deadline", Duration.ZERO, Duration.ofMinutes(10));
    if (deadline.compareTo(grace) < 0) {
      throw s.invalid("deadline", "must not be shorter than shutdown.grace (" + Durations.format(grace) + ")");
    }
    return new ShutdownOptions(grace, deadline);
  }

  /** @return the {@value #KEY} section, as {@link #fromJson} reads it */
  public JsonObject toJson() {
    return new JsonObject().put("grace", Durations.format(grace)).put("deadline", Durations.format(deadline));
  }
}
