package io.playgate.gateway.hub;

import org.jspecify.annotations.Nullable;

/**
 * One successful hub answer for {@code GET {hub}/v1/media/{id}}.
 *
 * @param item the parsed MediaItem; {@code null} when {@code notModified}
 * @param etag the hub's {@code ETag} (strong or weak, as sent), or {@code null}
 * @param maxAgeSeconds the hub's {@code Cache-Control: max-age} in seconds (RFC 9111 §5.2.2.1), 0 for
 *     {@code no-store}/{@code no-cache}, or {@code null} when the hub sent none
 * @param notModified true for a {@code 304} answer to {@code If-None-Match}
 */
public record HubResponse(@Nullable MediaItem item, @Nullable String etag, @Nullable Long maxAgeSeconds,
    boolean notModified) {
}
