package io.playgate.hub.simulator;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.playgate.hub.local.LocalHub;
import io.playgate.hub.local.MediaAnswerHook;
import io.playgate.hub.local.MediaExchange;
import io.playgate.units.Durations;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fault injection for the local hub's metadata answers, as its {@link MediaAnswerHook} ({@code GET /hub/v1/media/{id}}; media files under
 * {@code /hub/files} are never affected), switchable at run time so tests and load tests can play a slow, failing,
 * down or hostile hub. Thread-safe: {@link #set} swaps one immutable {@link FaultSettings}, which applies to the
 * requests that arrive after it.
 *
 * <p>For an affected request (its id in {@link FaultSettings#ids()}, or any id when that set is empty) the hub, in
 * this order:
 * <ol>
 *   <li>waits {@code latency} plus a uniformly random extra in [0, {@code latencyJitter}] (a Vert.x timer; the
 *       event loop never sleeps);</li>
 *   <li>with {@code outage}, closes the TCP connection without sending a single response byte (a FIN, not a
 *       reset: the client sees the connection closed before a response, as when a hub process dies mid-request;
 *       the port still accepts connections, so this is not "connection refused");</li>
 *   <li>with probability {@code errorRate}, answers {@code errorStatus} with a small {@code application/problem+json}
 *       body;</li>
 *   <li>otherwise sends the {@link Answer}, its body written one byte every {@code dripInterval} when that is not
 *       zero (NORMAL and the other in-memory bodies; OVERSIZE, GZIP_BOMB and ENDLESS stream at full speed).</li>
 * </ol>
 * Faults apply to {@code GET}; {@code HEAD} is answered normally after the latency. The hub counts every metadata
 * request per id whether or not a fault answers it ({@link LocalHub#requestCount(String)}).
 */
public final class HubFaults implements MediaAnswerHook {

  /** What an affected {@code GET /v1/media/{id}} answers once latency, outage and errors have had their turn. */
  public enum Answer {
    /** The real answer: 200 MediaItem JSON (304 on a matching {@code If-None-Match}), or 404/410/403. */
    NORMAL,
    /** 200 {@code text/html}: a maintenance page where JSON belongs. */
    HTML,
    /** 200 {@code application/json}, {@code ETag} and {@code max-age} included, with the real JSON cut in half. */
    TRUNCATED_JSON,
    /** 200 {@code application/json}: the real MediaItem without its required {@code title} and {@code pageUrl}. */
    MISSING_FIELDS,
    /** 200 {@code application/json}: the real MediaItem with {@code "width": "720px"} and {@code "height": "480px"}. */
    WRONG_TYPES,
    /** 200 with the real, valid MediaItem JSON but {@code Content-Type: text/plain}. */
    WRONG_CONTENT_TYPE,
    /** 302 to {@code http://127.0.0.1:1/hub/v1/media/{id}} (an open-redirect target nothing listens on). */
    REDIRECT,
    /**
     * 200 {@code application/json}, chunked, no {@code Content-Length}: the real MediaItem with a padding field of
     * {@link #OVERSIZE_BYTES} bytes in front, streamed with back-pressure, never held in memory.
     */
    OVERSIZE,
    /**
     * 200 {@code application/json} with {@code Content-Encoding: gzip}: about 1 MiB on the wire that inflates to
     * {@link #BOMB_INFLATED_BYTES} bytes (1 GiB of spaces, then a small JSON object), streamed from a
     * few KiB of precomputed deflate blocks computed once per JVM on a worker thread.
     */
    GZIP_BOMB,
    /** 200 {@code application/json}, chunked, never ends: padding written with back-pressure until the client goes. */
    ENDLESS;

    /**
     * @return true for answers that rewrite the real MediaItem and so need an id the catalogue serves (others ids
     *     get their normal 404/410/403)
     */
    boolean needsItem() {
      return this == TRUNCATED_JSON || this == MISSING_FIELDS || this == WRONG_TYPES || this == WRONG_CONTENT_TYPE
          || this == OVERSIZE;
    }
  }

  /** Size of the padding an {@link Answer#OVERSIZE} body carries in front of the real MediaItem: 8 MiB. */
  public static final long OVERSIZE_BYTES = 8L * 1024 * 1024;

  /** What an {@link Answer#GZIP_BOMB} body inflates to: 1 GiB of spaces, then {@code {"id":"bomb","kind":"track"}}. */
  public static final long BOMB_INFLATED_BYTES = 1024L * 1024 * 1024 + HubFaultAnswers.BOMB_SUFFIX.length;

  /** Longest latency, jitter or drip interval accepted: 1 hour. */
  public static final Duration MAX_DURATION = Duration.ofHours(1);

  /**
   * One immutable fault configuration.
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
      if (d == null || d.isNegative() || d.compareTo(MAX_DURATION) > 0) {
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

  private final AtomicReference<FaultSettings> settings = new AtomicReference<>(FaultSettings.NONE);

  HubFaults() {
  }

  /**
   * The fault injection of a local hub: the one it answers through already, or a new, all-off one made its
   * {@link LocalHub#answerHook(io.playgate.hub.local.MediaAnswerHook) answer hook} now.
   *
   * @param hub the local hub (embedded in a test gateway, or the simulator's own)
   * @return the hub's fault injection, whose settings apply to requests arriving after each {@link #set}
   */
  public static HubFaults of(LocalHub hub) {
    synchronized (hub) {
      if (hub.answerHook() instanceof HubFaults faults) {
        return faults;
      }
      HubFaults faults = new HubFaults();
      hub.answerHook(faults);
      return faults;
    }
  }

  /** @return the settings in force */
  public FaultSettings get() {
    return settings.get();
  }

  /**
   * @param s the settings for requests arriving from now on
   * @throws NullPointerException when {@code s} is null
   */
  public void set(FaultSettings s) {
    settings.set(Objects.requireNonNull(s, "settings"));
  }

  /** Turns every fault off. */
  public void reset() {
    settings.set(FaultSettings.NONE);
  }

  /** Applies the settings in force to one media request, in the order of the class comment. */
  @Override
  public void answer(MediaExchange exchange) {
    FaultSettings s = settings.get();
    if (s.isNone() || !s.affects(exchange.id())) {
      exchange.answer();
      return;
    }
    long delay = delayMillis(s);
    if (delay > 0) {
      exchange.context().vertx().setTimer(delay, t -> faulty(exchange, s));
    } else {
      faulty(exchange, s);
    }
  }

  /** (Latency already waited) outage, error, answer. */
  private static void faulty(MediaExchange exchange, FaultSettings s) {
    HttpServerResponse resp = exchange.context().response();
    if (resp.closed()) {
      return;
    }
    if (exchange.context().request().method() == HttpMethod.HEAD) {
      exchange.answer();
      return;
    }
    if (s.outage()) {
      exchange.context().request().connection().close();
      return;
    }
    if (rollError(s)) {
      exchange.problem(s.errorStatus(), HttpResponseStatus.valueOf(s.errorStatus()).reasonPhrase(),
          "injected fault (errorRate " + s.errorRate() + ")");
      return;
    }
    if (s.answer() == Answer.NORMAL || (s.answer().needsItem() && !exchange.servable())) {
      exchange.answer((r, body) -> HubFaultAnswers.body(exchange.context().vertx(), r, body, s.dripInterval()));
    } else {
      HubFaultAnswers.send(exchange.context().vertx(), resp, s.answer(), exchange.id(),
          exchange.servable() ? exchange.entry() : null, exchange.cacheControl(), s.dripInterval());
    }
  }

  /**
   * @param s the settings in force
   * @return the delay before answering in milliseconds: latency plus a uniform random extra in [0, jitter]
   */
  static long delayMillis(FaultSettings s) {
    long jitter = s.latencyJitter().toMillis();
    return s.latency().toMillis() + (jitter > 0 ? ThreadLocalRandom.current().nextLong(jitter + 1) : 0);
  }

  /**
   * @param s the settings in force
   * @return true when this request should get the injected error
   */
  static boolean rollError(FaultSettings s) {
    return s.errorRate() > 0 && (s.errorRate() >= 1 || ThreadLocalRandom.current().nextDouble() < s.errorRate());
  }
}
