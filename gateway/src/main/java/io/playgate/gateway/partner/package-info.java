/**
 * Partners, rate limits and rights (ARCHITECTURE.md, "Capability map"): who calls the gateway and how often
 * ({@link io.playgate.gateway.partner.Partners}, {@link io.playgate.gateway.partner.RateLimitHandler}), what the hub
 * lets a viewer see ({@link io.playgate.gateway.partner.Rights}: {@code embeddable}, {@code territories},
 * {@code visibility}), and signed embed URLs for private and unlisted media
 * ({@link io.playgate.gateway.partner.EmbedSigner}, {@link io.playgate.gateway.partner.SignHandler}).
 */
@NullMarked
package io.playgate.gateway.partner;

import org.jspecify.annotations.NullMarked;
