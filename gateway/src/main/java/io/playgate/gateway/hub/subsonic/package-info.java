/**
 * The Subsonic adapter: a {@link io.playgate.gateway.hub.HubClient} over the Subsonic REST API (1.10.2 and later,
 * http://www.subsonic.org/pages/api.jsp) for {@code hub.mode: subsonic}, behind the same media cache and circuit
 * breaker as the hub API v1 client. Songs, albums and playlists become MediaItems whose streams and cover art name
 * the gateway's media proxy, never the server; the credentials stay in this package. Imports only {@code hub},
 * {@code options} and Vert.x.
 */
@NullMarked
package io.playgate.gateway.hub.subsonic;

import org.jspecify.annotations.NullMarked;
