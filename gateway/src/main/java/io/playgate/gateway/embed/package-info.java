/**
 * Player pages: {@code GET /embed/{id}}, the page an oEmbed {@code <iframe>} loads (track, video, album,
 * playlist), and the content-hashed player assets under {@code /widgets/}.
 */
@NullMarked
package io.playgate.gateway.embed;

import org.jspecify.annotations.NullMarked;
