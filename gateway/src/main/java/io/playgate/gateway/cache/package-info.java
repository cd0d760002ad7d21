/**
 * The media cache: a Caffeine async cache of hub MediaItems keyed by media id, with coalescing (one hub request per
 * key however many callers wait), per-entry lifetime from the hub's {@code Cache-Control: max-age} clamped to
 * configured bounds, a byte-weighted bound, and rendered response variants kept as pre-serialised bytes beside
 * each entry so they die with it (DESIGN.md §5). Failures are never cached as successes.
 */
package io.playgate.gateway.cache;
