/**
 * The media proxy of {@code hub.mode: subsonic}: {@code GET /subsonic/stream/{id}/{format}} and
 * {@code GET /subsonic/art/{id}/{artId}} relay what the Subsonic server holds to browsers, which never get its
 * address or credentials. Only what a cached MediaItem lists, after the same rights checks as the player page, only
 * from the configured server (ARCHITECTURE.md "The media proxy").
 */
@NullMarked
package io.playgate.gateway.mediaproxy;

import org.jspecify.annotations.NullMarked;
