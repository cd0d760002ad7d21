package io.playgate.hub.simulator;

import io.playgate.hub.simulator.HubFaults.Answer;

import io.playgate.units.Durations;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One immutable fault configuration of {@link HubFaults}.
 *
 * @param latency fixed delay before answering, in [0, 1h]; zero for none
 * @param latencyJitter upper bound of a uniformly random extra delay, in [0, 1h]; zero for none
 * @param errorRate fraction of requests answered with {@code errorStatus}, in [0, 1]
 * @param errorStatus the status of injected errors, in [500, 599]
 * @param outage when true every affected request loses its connection without a response
 * @param dripInterval when not zero, bodies go out one byte per interval, in [0, 1h]
 * @param answer what the hub answers (never null)
 * @param ids the affected ids; empty means every id (never null; copied)
 * @throws IllegalArgumentException naming the field when a value is out of range or null
 */
public record FaultSettings(Duration latency, Duration latencyJitter, double errorRate, int errorStatus,
                            boolean outage, Duration dripInterval, Answer answer, Set<String> ids) {

  /** No fault at all: the hub behaves normally. */
  public static final FaultSettings NONE = new FaultSettings(Duration.ZERO, Duration.ZERO, 0, 503, false,
      Duration.ZERO, Answer.NORMAL, Set.of());

  /** Checks every field. */
  public FaultSettings {
    duration("latency", latency);
    duration("latencyJitter", latencyJitter);
    duration("dripInterval", dripInterval);
    if (!(errorRate >= 0 && errorRate <= 1)) {
      throw new IllegalArgumentException("errorRate: must be in [0, 1], was " + errorRate);
    }
    if (errorStatus < 500 || errorStatus > 599) {
      throw new IllegalArgumentException("errorStatus: must be in [500, 599], was " + errorStatus);
    }
    if (answer == null) {
      throw new IllegalArgumentException("answer: must not be null");
    }
    if (ids == null || ids.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("ids: must be a set of ids, without null");
    }
    ids = Set.copyOf(ids);
  }

  private static void duration(String field, Duration d) {
    if (d == null || d.isNegative() || d.compareTo(HubFaults.MAX_DURATION) > 0) {
      throw new IllegalArgumentException(field + ": must be a duration in [0, 1h], was " + d);
    }
  }

  /**
   * @param latency see {@link #latency()}
   * @return a copy with that latency
   */
  public FaultSettings withLatency(Duration latency) {
    return new FaultSettings(latency, latencyJitter, errorRate, errorStatus, outage, dripInterval, answer, ids);
  }

  /**
   * @param jitter see {@link #latencyJitter()}
   * @return a copy with that jitter
   */
  public FaultSettings withLatencyJitter(Duration jitter) {
    return new FaultSettings(latency, jitter, errorRate, errorStatus, outage, dripInterval, answer, ids);
  }

  /**
   * @param rate fraction in [0, 1] of requests to fail
   * @param status status in [500, 599] they get
   * @return a copy with that error rate and status
   */
  public FaultSettings withErrorRate(double rate, int status) {
    return new FaultSettings(latency, latencyJitter, rate, status, outage, dripInterval, answer, ids);
  }

  /**
   * @param outage see {@link #outage()}
   * @return a copy with that outage flag
   */
  public FaultSettings withOutage(boolean outage) {
    return new FaultSettings(latency, latencyJitter, errorRate, errorStatus, outage, dripInterval, answer, ids);
  }

  /**
   * @param interval see {@link #dripInterval()}; zero turns drip off
   * @return a copy with that drip interval
   */
  public FaultSettings withDrip(Duration interval) {
    return new FaultSettings(latency, latencyJitter, errorRate, errorStatus, outage, interval, answer, ids);
  }

  /**
   * @param answer see {@link #answer()}
   * @return a copy with that answer
   */
  public FaultSettings withAnswer(Answer answer) {
    return new FaultSettings(latency, latencyJitter, errorRate, errorStatus, outage, dripInterval, answer, ids);
  }

  /**
   * @param ids see {@link #ids()}
   * @return a copy affecting only those ids (all when empty)
   */
  public FaultSettings withIds(Set<String> ids) {
    return new FaultSettings(latency, latencyJitter, errorRate, errorStatus, outage, dripInterval, answer, ids);
  }

  /**
   * @param id a media id
   * @return true when this configuration applies to requests for it
   */
  public boolean affects(String id) {
    return ids.isEmpty() || ids.contains(id);
  }

  /** @return true when these settings change nothing */
  public boolean isNone() {
    return latency.isZero() && latencyJitter.isZero() && errorRate == 0 && !outage && dripInterval.isZero()
        && answer == Answer.NORMAL;
  }

  /**
   * @return {@code {"latency":"300ms","latencyJitter":"0ms","errorRate":0.0,"errorStatus":503,"outage":false,
   *     "dripInterval":"0ms","answer":"NORMAL","ids":[]}}; durations in milliseconds, ids sorted
   */
  public JsonObject toJson() {
    return new JsonObject()
        .put("latency", latency.toMillis() + "ms")
        .put("latencyJitter", latencyJitter.toMillis() + "ms")
        .put("errorRate", errorRate)
        .put("errorStatus", errorStatus)
        .put("outage", outage)
        .put("dripInterval", dripInterval.toMillis() + "ms")
        .put("answer", answer.name())
        .put("ids", new JsonArray(ids.stream().sorted().toList()));
  }

  /**
   * Reads the shape {@link #toJson()} writes; absent fields keep their {@link #NONE} value, so
   * {@code {"outage": true}} is a whole configuration. Durations are strings in the gateway configuration's units
   * ({@code "300ms"}, {@code "2s"}, {@code "1m30s"}; {@link Durations}) or whole milliseconds; {@code answer} is an {@link Answer} name, any case.
   *
   * @param json the settings
   * @return the settings
   * @throws IllegalArgumentException naming the field for an unknown field, a wrong type or a value out of range
   */
  public static FaultSettings fromJson(JsonObject json) {
    if (json == null) {
      throw new IllegalArgumentException("settings: expected a JSON object");
    }
    Set<String> known = NONE.toJson().fieldNames();
    for (String f : json.fieldNames()) {
      if (!known.contains(f)) {
        throw new IllegalArgumentException(f + ": unknown field (known: " + String.join(", ", known) + ")");
      }
    }
    return new FaultSettings(
        durationField(json, "latency", NONE.latency),
        durationField(json, "latencyJitter", NONE.latencyJitter),
        numberField(json, "errorRate", NONE.errorRate).doubleValue(),
        intField(json, "errorStatus", NONE.errorStatus),
        booleanField(json, "outage", NONE.outage),
        durationField(json, "dripInterval", NONE.dripInterval),
        answerField(json, NONE.answer),
        idsField(json));
  }

  private static Duration durationField(JsonObject json, String field, Duration fallback) {
    Object v = json.getValue(field);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof String) && !(v instanceof Integer) && !(v instanceof Long)) {
      throw new IllegalArgumentException(field + ": expected a duration like \"300ms\" or \"2s\", was " + v);
    }
    try {
      return Durations.parse(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage());
    }
  }

  private static Number numberField(JsonObject json, String field, Number fallback) {
    Object v = json.getValue(field);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException(field + ": expected a number, was " + v);
    }
    return n;
  }

  private static int intField(JsonObject json, String field, int fallback) {
    Number n = numberField(json, field, fallback);
    if (n.doubleValue() != Math.rint(n.doubleValue()) || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(field + ": expected an integer, was " + n);
    }
    return n.intValue();
  }

  private static boolean booleanField(JsonObject json, String field, boolean fallback) {
    Object v = json.getValue(field);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean b)) {
      throw new IllegalArgumentException(field + ": expected true or false, was " + v);
    }
    return b;
  }

  private static Answer answerField(JsonObject json, Answer fallback) {
    Object v = json.getValue("answer");
    if (v == null) {
      return fallback;
    }
    try {
      return Answer.valueOf(String.valueOf(v).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("answer: expected one of " + java.util.Arrays.toString(Answer.values())
          + ", was " + v);
    }
  }

  private static Set<String> idsField(JsonObject json) {
    Object v = json.getValue("ids");
    if (v == null) {
      return Set.of();
    }
    if (!(v instanceof JsonArray a)) {
      throw new IllegalArgumentException("ids: expected an array of media ids, was " + v);
    }
    Set<String> ids = new LinkedHashSet<>();
    for (Object o : a) {
      if (!(o instanceof String s) || s.isEmpty()) {
        throw new IllegalArgumentException("ids: expected non-empty strings, found " + o);
      }
      ids.add(s);
    }
    return ids;
  }
}
