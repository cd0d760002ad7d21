/**
 * Boot and wiring: reads the configuration, binds the HTTP server, starts the embedded hub when configured, builds
 * the hub client, cache and handlers, and mounts them ({@link io.playgate.gateway.app.Playgate}); the command line
 * ({@link io.playgate.gateway.app.Main}) runs the gateway or one of the operator's commands.
 */
package io.playgate.gateway.app;
