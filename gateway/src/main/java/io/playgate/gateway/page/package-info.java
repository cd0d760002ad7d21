/**
 * The one respond pipeline of the media routes ({@code /oembed}, {@code /embed/{id}}, {@code /media/{id}}):
 * {@link io.playgate.gateway.page.MediaPipeline} asks the media cache, sets {@code Vary}, applies the rights and
 * renders a variant or a refusal; {@link io.playgate.gateway.page.Surface} is the one table of how each route answers a
 * refusal; each route contributes only what it renders and how it ends
 * ({@link io.playgate.gateway.page.MediaAnswer}). Neutral ground: {@code oembed}, {@code embed} and {@code preview}
 * use it and never import each other.
 */
@NullMarked
package io.playgate.gateway.page;

import org.jspecify.annotations.NullMarked;
