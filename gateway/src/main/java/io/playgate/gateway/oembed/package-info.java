/**
 * The oEmbed 1.0 provider ({@code GET /oembed}, oembed.com): URL scheme matching by parsing alone, request
 * validation, the {@code maxwidth}/{@code maxheight} clamp, and JSON/XML rendering of the response with an
 * {@code <iframe>} snippet to the player page.
 */
@NullMarked
package io.playgate.gateway.oembed;

import org.jspecify.annotations.NullMarked;
