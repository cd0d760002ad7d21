/**
 * Artwork at the size asked and the social card: {@code GET /artwork/{id}/{size}.{jpg|png}} scales the largest
 * artwork the hub lists for an item to a step of the fixed ladder ({@code view.ArtworkLadder}), and
 * {@code /artwork/{id}/card.jpg} renders the 1200×630 card the share page names in {@code og:image}. Sources are
 * fetched with a byte cap and checked against a pixel cap before decoding; decoding, scaling and drawing run on the
 * {@code playgate-artwork} worker pool; the bytes are kept beside the item's cache entry (ARCHITECTURE.md,
 * "Artwork and social cards").
 */
@NullMarked
package io.playgate.gateway.artwork;

import org.jspecify.annotations.NullMarked;
