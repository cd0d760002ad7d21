/**
 * The hub simulator: the local hub ({@link io.playgate.hub.local.LocalHub}) alone on its own server, with
 * {@link io.playgate.hub.simulator.HubFaults} injecting latency, errors, outages, slow drip and hostile answers into
 * its metadata answers through the local hub's answer hook, switched at run time on a loopback-only admin server
 * ({@link io.playgate.hub.simulator.HubAdmin}). A test and load-test tool: the gateway's jar holds none of it.
 */
@NullMarked
package io.playgate.hub.simulator;

import org.jspecify.annotations.NullMarked;
