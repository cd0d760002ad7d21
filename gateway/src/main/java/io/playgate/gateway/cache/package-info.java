/**
 * The media cache: hub MediaItems by media id, kept like a shared HTTP cache keeps responses (RFC 9111, RFC 5861):
 * coalescing on every path (one hub request per id in flight, however many callers wait), per-entry freshness from
 * the hub's {@code Cache-Control: max-age} clamped to configured bounds, stale-while-revalidate, stale-if-error,
 * conditional revalidation with {@code If-None-Match}, short negative entries for 404/410/403 and failed fetches, a
 * byte-weighted bound, and rendered response variants kept as pre-serialised bytes with their {@code ETag} beside
 * each entry so they die with it (ARCHITECTURE.md, "The hot path"). Failures are never cached as successes. Knows
 * nothing of HTTP routing: the hub's webhook that purges entries lives in {@code takedown}.
 */
@NullMarked
package io.playgate.gateway.cache;

import org.jspecify.annotations.NullMarked;
