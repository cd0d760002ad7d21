package io.playgate.gateway.partner;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.playgate.gateway.http.ProblemException;
import io.playgate.gateway.http.ProblemHandler;
import io.playgate.gateway.http.QueryParams;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates partners and applies token-bucket rate limits (Bucket4j) before a capability handler runs.
 * <ul>
 *   <li>A key arrives as {@code Authorization: Bearer <key>} (RFC 6750 §2.1) or as the query parameter
 *       {@code access_token} (RFC 6750 §2.3, as Facebook's oEmbed takes it); the header wins when both are sent. An
 *       unknown key is 401 with {@code WWW-Authenticate: Bearer realm="playgate", error="invalid_token"} (RFC 6750
 *       §3) and a problem body; it never falls back to the anonymous limit.</li>
 *   <li>A known key draws from its partner's bucket, shared by all its callers.</li>
 *   <li>Without a key a caller draws from the bucket of its client address: the last comma-separated entry of the
 *       configured trusted proxy header ({@code partners.clientIpHeader}) when that is set and present, else the TCP
 *       peer address. The header is ignored entirely when not configured, so a client cannot pick its own bucket.
 *       Client buckets live in a Caffeine cache bounded by {@code partners.maxTrackedClients} and dropped after
 *       {@code partners.clientIdle} without a request. A capacity of 0 switches the anonymous limit off.</li>
 *   <li>An empty bucket is 429 with {@code Retry-After} (whole seconds until a token is back, RFC 9110 §10.2.3) and a
 *       problem body.</li>
 * </ul>
 * Meters (Micrometer): {@code playgate.ratelimit.requests} counter tagged {@code caller} (partner name,
 * {@code anonymous} or {@code unknown-key}) and {@code outcome} ({@code allowed}, {@code rejected},
 * {@code unauthorized}); gauges {@code playgate.ratelimit.capacity} and {@code playgate.ratelimit.period.seconds}
 * per caller, {@code playgate.ratelimit.available} per partner, and {@code playgate.ratelimit.clients} (client buckets
 * held). Runs on the event loop; a bucket is a lock-free local Bucket4j bucket.
 */
public final class RateLimitHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimitHandler.class);
  private static final String METER = "playgate.ratelimit.requests";

  private final Partners partners;
  private final RateLimit anonymousLimit;
  private final String clientIpHeader;
  private final TimeMeter clock;
  private final Map<String, Bucket> partnerBuckets = new HashMap<>();
  private final Map<String, SharedAllowance> sharedAllowances = new HashMap<>();
  private final Map<String, Counter[]> partnerCounters = new HashMap<>();
  private final Cache<String, Bucket> clientBuckets;
  private final Counter anonymousAllowed;
  private final Counter anonymousRejected;
  private final Counter unauthorized;

  private RateLimitHandler(Partners partners, PartnersOptions config, MeterRegistry meters, TimeMeter clock,
      Ticker ticker, @Nullable SharedBuckets shared) {
    this.partners = partners;
    this.anonymousLimit = config.anonymous();
    this.clientIpHeader = config.clientIpHeader();
    this.clock = clock;
    this.clientBuckets = Caffeine.newBuilder()
        .maximumSize(config.maxTrackedClients())
        .expireAfterAccess(config.clientIdle())
        .ticker(ticker)
        .build();
    for (Partner p : partners.all()) {
      partnerCounters.put(p.name(), new Counter[] {counter(meters, p.name(), "allowed"), counter(meters, p.name(), "rejected")});
      limitGauges(meters, p.name(), p.rateLimit());
      if (shared != null) {
        SharedAllowance allowance = new SharedAllowance(p.name(), p.rateLimit(), shared, clock);
        sharedAllowances.put(p.name(), allowance);
        Gauge.builder("playgate.ratelimit.available", allowance, SharedAllowance::held)
            .description("tokens this node holds of the partner's cluster-wide bucket").tag("caller", p.name())
            .register(meters);
      } else {
        Bucket bucket = bucket(p.rateLimit());
        partnerBuckets.put(p.name(), bucket);
        Gauge.builder("playgate.ratelimit.available", bucket, Bucket::getAvailableTokens)
            .description("tokens left in the partner's bucket").tag("caller", p.name()).register(meters);
      }
    }
    limitGauges(meters, "anonymous", anonymousLimit);
    Gauge.builder("playgate.ratelimit.clients", clientBuckets, Cache::estimatedSize)
        .description("client address buckets held for anonymous callers").register(meters);
    anonymousAllowed = counter(meters, "anonymous", "allowed");
    anonymousRejected = counter(meters, "anonymous", "rejected");
    unauthorized = counter(meters, "unknown-key", "unauthorized");
  }

  /**
   * @param partners the partner registry
   * @param config {@code partners.*}: the anonymous limit, the trusted client address header and the client map bounds
   * @param meters where the limits and their use are recorded
   * @return the handler
   */
  public static RateLimitHandler create(Partners partners, PartnersOptions config, MeterRegistry meters) {
    return create(partners, config, meters, TimeMeter.SYSTEM_MILLISECONDS, Ticker.systemTicker());
  }

  /**
   * As {@link #create(Partners, PartnersOptions, MeterRegistry)} with given clocks (tests move fakes).
   *
   * @param partners the partner registry
   * @param config {@code partners.*}
   * @param meters meter registry
   * @param clock the buckets' clock
   * @param ticker the client map's clock (idle expiry)
   * @return the handler
   */
  public static RateLimitHandler create(Partners partners, PartnersOptions config, MeterRegistry meters,
      TimeMeter clock, Ticker ticker) {
    return new RateLimitHandler(partners, config, meters, clock, ticker, null);
  }

  /**
   * As {@link #create(Partners, PartnersOptions, MeterRegistry)} with each partner's bucket one for the whole cluster
   * (ARCHITECTURE.md, "Shared rate limits"); anonymous client buckets stay per node.
   *
   * @param partners the partner registry
   * @param config {@code partners.*}
   * @param meters meter registry
   * @param shared the cluster's buckets
   * @return the handler
   */
  public static RateLimitHandler shared(Partners partners, PartnersOptions config, MeterRegistry meters,
      SharedBuckets shared) {
    return new RateLimitHandler(partners, config, meters, TimeMeter.SYSTEM_MILLISECONDS, Ticker.systemTicker(),
        shared);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String key = presentedKey(ctx);
    if (key != null) {
      Partner partner = partners.byKey(key).orElse(null);
      if (partner == null) {
        unauthorized.increment();
        // RFC 6750 §3: the scheme, its realm and why the token failed
        ctx.response().putHeader("WWW-Authenticate", ProblemHandler.DEFAULT_CHALLENGE + ", error=\"invalid_token\"");
        ctx.fail(new ProblemException(401, "unknown API key: check the Authorization: Bearer header or access_token"));
        return;
      }
      Partners.recordCaller(ctx, partner);
      SharedAllowance allowance = sharedAllowances.get(partner.name());
      if (allowance != null) {
        drawShared(ctx, partner, allowance);
      } else if (consume(ctx, partnerBuckets.get(partner.name()), partner.rateLimit(), counters(partner)[0],
          counters(partner)[1])) {
        ctx.next();
      } else {
        LOG.info("ratelimit.reject caller={} path={}", partner.name(), ctx.request().path());
      }
      return;
    }
    if (anonymousLimit.capacity() == 0) {
      anonymousAllowed.increment();
      ctx.next();
      return;
    }
    String client = clientAddress(ctx.request(), clientIpHeader);
    Bucket bucket = clientBuckets.get(client, c -> bucket(anonymousLimit));
    if (consume(ctx, bucket, anonymousLimit, anonymousAllowed, anonymousRejected)) {
      ctx.next();
    } else {
      LOG.debug("ratelimit.reject caller=anonymous client={} path={}", client, ctx.request().path());
    }
  }

  private Counter[] counters(Partner partner) {
    return partnerCounters.get(partner.name());
  }

  /** A partner's request against its cluster-wide bucket: at once from the node's allowance, else after one take. */
  private void drawShared(RoutingContext ctx, Partner partner, SharedAllowance allowance) {
    Context caller = Vertx.currentContext();
    allowance.acquire().onComplete(ar -> {
      Runnable decide = () -> {
        SharedAllowance.Decision d = ar.succeeded() ? ar.result() : SharedAllowance.ALLOWED;
        if (d.allowed()) {
          counters(partner)[0].increment();
          ctx.next();
        } else {
          counters(partner)[1].increment();
          refuse(ctx, partner.rateLimit(), d.retryAfterNanos());
          LOG.info("ratelimit.reject caller={} path={}", partner.name(), ctx.request().path());
        }
      };
      if (caller == null || caller == Vertx.currentContext()) {
        decide.run();
      } else {
        caller.runOnContext(v -> decide.run());
      }
    });
  }

  private boolean consume(RoutingContext ctx, Bucket bucket, RateLimit limit, Counter allowed,
      Counter rejected) {
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      allowed.increment();
      return true;
    }
    rejected.increment();
    refuse(ctx, limit, probe.getNanosToWaitForRefill());
    return false;
  }

  private static void refuse(RoutingContext ctx, RateLimit limit, long nanosToWait) {
    long seconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
    ctx.response().putHeader("Retry-After", Long.toString(seconds));
    ctx.fail(new ProblemException(429, "rate limit of " + limit.capacity() + " requests per "
        + limit.period().toSeconds() + " s exceeded; retry after " + seconds + " s"));
  }

  /**
   * @param ctx the routing context (its query is decoded once, see {@link QueryParams#of(RoutingContext)})
   * @return the bearer token of the {@code Authorization} header, else the {@code access_token} query parameter,
   *     else {@code null}
   * @throws ProblemException 400 when {@code access_token} is repeated or the query is malformed
   */
  static @Nullable String presentedKey(RoutingContext ctx) {
    String auth = ctx.request().getHeader("Authorization");
    if (auth != null && auth.length() > 7 && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = auth.substring(7).trim();
      if (!token.isEmpty()) {
        return token;
      }
    }
    String token = QueryParams.of(ctx).get("access_token");
    return token == null || token.isEmpty() ? null : token;
  }

  /**
   * @param req a request
   * @param trustedHeader the header a trusted proxy sets, or {@code null}
   * @return the client address the anonymous limit is keyed by: the last comma-separated entry of the trusted header
   *     (at most 64 characters) when configured and present, else the TCP peer's host
   */
  static String clientAddress(HttpServerRequest req, @Nullable String trustedHeader) {
    if (trustedHeader != null) {
      String value = req.getHeader(trustedHeader);
      if (value != null) {
        int comma = value.lastIndexOf(',');
        String last = (comma < 0 ? value : value.substring(comma + 1)).trim();
        if (!last.isEmpty()) {
          return last.length() > 64 ? last.substring(0, 64) : last;
        }
      }
    }
    SocketAddress peer = req.remoteAddress();
    return peer == null ? "unknown" : peer.hostAddress();
  }

  private Bucket bucket(RateLimit limit) {
    return Bucket.builder()
        .addLimit(l -> l.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
        .withCustomTimePrecision(clock)
        .build();
  }

  private static Counter counter(MeterRegistry meters, String caller, String outcome) {
    return Counter.builder(METER).description("requests seen by the rate limiter")
        .tag("caller", caller).tag("outcome", outcome).register(meters);
  }

  private static void limitGauges(MeterRegistry meters, String caller, RateLimit limit) {
    Gauge.builder("playgate.ratelimit.capacity", limit, RateLimit::capacity)
        .description("token bucket size (requests)").tag("caller", caller).register(meters);
    Gauge.builder("playgate.ratelimit.period.seconds", limit, l -> l.period().toSeconds())
        .description("token bucket refill period").tag("caller", caller).baseUnit("seconds").register(meters);
  }
}
