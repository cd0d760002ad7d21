/**
 * Metrics: one Micrometer {@link io.micrometer.prometheusmetrics.PrometheusMeterRegistry} created once at boot
 * ({@link io.playgate.gateway.metrics.GatewayMetrics}), fed by Vert.x's own metrics through
 * {@code vertx-micrometer-metrics} with every client-influenced label bounded, and exposed as Prometheus text at
 * {@code GET /metrics} on the management listener ({@code io.playgate.gateway.management}); and the players'
 * cookie-free analytics beacons, {@code POST /events} ({@link io.playgate.gateway.metrics.PlayerEventsHandler}),
 * validated and counted per media id × event × embedding origin with a bounded number of label values, partners'
 * origins reserved and private or unlisted ids never named. Other capabilities register their meters (partner rate
 * limits, cache statistics, …) in the registry the bootstrap exposes as
 * {@code io.playgate.gateway.app.Playgate#meterRegistry()}; they never import this package's handlers.
 */
@NullMarked
package io.playgate.gateway.metrics;

import org.jspecify.annotations.NullMarked;
