/**
 * The catalogue generator of the load tests: writes an embedded-hub catalogue ({@code catalog.json} in the format
 * {@code io.playgate.hub.local.Catalog} reads, ARCHITECTURE.md "Hub API v1") from the Chinook sample database, or a
 * synthetic one of any size shaped like it, with the demo catalogue's media files for every stream and picture.
 * A command-line tool, never part of the gateway.
 */
@NullMarked
package io.playgate.catalog;

import org.jspecify.annotations.NullMarked;
