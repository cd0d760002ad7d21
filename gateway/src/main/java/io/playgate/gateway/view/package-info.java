/**
 * Maps hub MediaItems to the player views of {@code embed-widgets}, shared by the {@code oembed}, {@code embed} and
 * {@code preview} capabilities (which never import each other). Decides which URLs may be emitted (absolute http and
 * https only) and the gateway's own public URLs.
 */
@NullMarked
package io.playgate.gateway.view;

import org.jspecify.annotations.NullMarked;
