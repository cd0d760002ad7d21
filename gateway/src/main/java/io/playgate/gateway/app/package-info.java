/**
 * Boot and wiring: binds the HTTP server, starts the embedded hub when configured, builds the pieces every server
 * instance shares ({@code Wiring}: hub client, cache, media pipeline, partner policy) and the router, in one method
 * that lists the platform handlers and then one line per capability ({@code GatewayRouter}); the capabilities mount
 * their own routes ({@link io.playgate.gateway.app.Playgate}). The command line ({@link io.playgate.gateway.app.Main})
 * runs the gateway or one of the operator's commands.
 */
@NullMarked
package io.playgate.gateway.app;

import org.jspecify.annotations.NullMarked;
