package io.playgate.gateway.partner;

import io.micrometer.core.instrument.MeterRegistry;
import io.playgate.units.Durations;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partner capability's pieces that other capabilities' routes use, built once per process so that every server
 * instance shares the buckets and meters: the partner registry, signed embed URLs, and the key check with its rate
 * limit that goes before each rate-limited route. Thread-safe.
 */
public final class PartnerPolicy {

  private static final Logger LOG = LoggerFactory.getLogger(PartnerPolicy.class);

  private final PartnersOptions options;
  private final Partners partners;
  private final EmbedSigner signer;
  private final RateLimitHandler rateLimit;

  private PartnerPolicy(PartnersOptions options, MeterRegistry meters, @Nullable SharedBuckets shared) {
    this.options = options;
    this.partners = Partners.of(options.list());
    this.signer = EmbedSigner.create(options.signingSecret(), partners, Clock.systemUTC());
    this.rateLimit = shared == null ? RateLimitHandler.create(partners, options, meters)
        : RateLimitHandler.shared(partners, options, meters, shared);
  }

  /**
   * Builds the policy and logs it in one line (names and limits, never keys or secrets).
   *
   * @param options {@code partners.*}
   * @param meters where the rate limits and their use are recorded
   * @return the policy
   */
  public static PartnerPolicy create(PartnersOptions options, MeterRegistry meters) {
    return create(options, meters, null);
  }

  /**
   * Builds the policy with each partner's bucket shared by the cluster (ARCHITECTURE.md, "Shared rate limits"), and
   * logs it in one line.
   *
   * @param options {@code partners.*}
   * @param meters where the rate limits and their use are recorded
   * @param shared the cluster's buckets, or {@code null} for buckets of this node only
   * @return the policy
   */
  public static PartnerPolicy create(PartnersOptions options, MeterRegistry meters, @Nullable SharedBuckets shared) {
    PartnerPolicy policy = new PartnerPolicy(options, meters, shared);
    RateLimit anonymous = options.anonymous();
    LOG.info("partners: {} configured {} ({}), anonymous limit {} per node, client address from {}, signed URLs {}",
        options.list().size(), options.list().stream().map(p -> p.name() + "=" + p.rateLimit().capacity() + "/"
            + Durations.format(p.rateLimit().period())).toList(), shared == null ? "per node" : "shared by the cluster",
        anonymous.limits() ? anonymous.capacity() + " per " + Durations.format(anonymous.period()) : "off",
        options.clientIpHeader() == null ? "the TCP peer" : "header " + options.clientIpHeader(),
        policy.signer.enabled() ? "enabled" : "disabled");
    return policy;
  }

  /** @return {@code partners.*} */
  public PartnersOptions options() {
    return options;
  }

  /** @return the configured partners */
  public Partners partners() {
    return partners;
  }

  /** @return mints and verifies signed embed URLs */
  public EmbedSigner signer() {
    return signer;
  }

  /**
   * @return the handler that checks a presented partner key and draws from the caller's token bucket
   *     ({@link RateLimitHandler}); it goes before each rate-limited route's own handler, and afterwards
   *     {@link Partners#caller} names the partner
   */
  public Handler<RoutingContext> rateLimit() {
    return rateLimit;
  }
}
