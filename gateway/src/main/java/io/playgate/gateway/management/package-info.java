/**
 * The management listener: a small HTTP server of its own, apart from the public one and loopback by default
 * ({@code management.host}/{@code management.port}), for the operator's tools rather than the internet, the way
 * Spring Boot's actuator port and Envoy's admin listener are kept apart. It serves {@code GET /metrics} (Prometheus
 * text) and, beside the public port's, {@code GET /health/live} and {@code /health/ready}
 * ({@link io.playgate.gateway.management.ManagementServer}). Nothing here is mounted on the public router.
 */
@NullMarked
package io.playgate.gateway.management;

import org.jspecify.annotations.NullMarked;
