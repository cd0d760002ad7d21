/**
 * Share pages: {@code GET /media/{id}} with Open Graph and Twitter player card metadata, oEmbed discovery
 * ({@code <link rel="alternate">} and {@code Link:} headers), and a full-size player.
 */
@NullMarked
package io.playgate.gateway.preview;

import org.jspecify.annotations.NullMarked;
