/**
 * The local content hub: hub API v1 served from a catalogue folder ({@code catalog.json} plus media files). The
 * gateway mounts it at {@code /hub/} on its own server (the embedded default) and calls it over loopback HTTP like any
 * remote hub; the hub simulator (module {@code hub-simulator}) runs it alone. MediaItems come with {@code ETag},
 * {@code Cache-Control: max-age} and {@code 304} on {@code If-None-Match}; media files come with HTTP Range
 * (RFC 9110 §14). Answers to media requests go through a {@link io.playgate.hub.local.MediaAnswerHook}, where the
 * simulator injects its faults; nothing in this module injects any.
 */
@NullMarked
package io.playgate.hub.local;

import org.jspecify.annotations.NullMarked;
