/**
 * The embedded content hub: hub API v1 served from a catalogue folder ({@code conf/catalog/catalog.json} plus media
 * files), mounted at {@code /hub/} on the gateway's own server (or standalone with {@code java -jar … hub}).
 * MediaItems come with {@code ETag}, {@code Cache-Control: max-age} and {@code 304} on {@code If-None-Match};
 * media files come with HTTP Range (RFC 9110 §14). The gateway's HubClient calls it over loopback HTTP like any
 * remote hub (DESIGN.md §4). {@link io.playgate.gateway.hub.local.HubFaults} injects latency, errors, outages, slow
 * drip and hostile answers into the metadata answers at run time; the standalone hub exposes it on a loopback-only
 * admin server ({@link io.playgate.gateway.hub.local.HubAdmin}).
 */
package io.playgate.gateway.hub.local;
