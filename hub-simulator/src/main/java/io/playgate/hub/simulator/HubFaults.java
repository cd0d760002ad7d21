package io.playgate.hub.simulator;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.playgate.hub.local.LocalHub;
import io.playgate.hub.local.MediaAnswerHook;
import io.playgate.hub.local.MediaExchange;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.Objects;
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
