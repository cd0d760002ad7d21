/**
 * Many nodes behaving as one gateway, on Redis (README "Running several nodes", docs/operators.md "Configuration",
 * {@code cache.redis.*}): the connection every shared piece uses ({@link io.playgate.gateway.cluster.RedisLink}, with
 * a deadline on every call and a breaker that keeps a failing Redis out of the request path), and the shared pieces
 * themselves, which plug into the ports of {@code cache} and {@code partner}. Off, and never loaded, unless
 * {@code cache.redis.url} is set; capabilities never import this package: the app wires it.
 */
@NullMarked
package io.playgate.gateway.cluster;

import org.jspecify.annotations.NullMarked;
