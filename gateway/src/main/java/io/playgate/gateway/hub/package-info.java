/**
 * The content hub: its v1 wire model ({@link io.playgate.gateway.hub.MediaItem} and its parts, ARCHITECTURE.md, "Hub
 * API v1"), the strict parser that turns a hub body into a MediaItem or a {@link io.playgate.gateway.hub.HubException},
 * and the {@link io.playgate.gateway.hub.HubClient} that fetches items over HTTP with Vert.x WebClient (redirects off,
 * connect and total deadlines, a cap on decoded body bytes). Hub failures are a closed set,
 * {@link io.playgate.gateway.hub.HubFailure}, each with the status the gateway answers.
 */
@NullMarked
package io.playgate.gateway.hub;

import org.jspecify.annotations.NullMarked;
