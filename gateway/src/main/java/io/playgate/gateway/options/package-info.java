/**
 * The shared vocabulary of options objects: {@link io.playgate.gateway.options.ConfigReader} reads one section of the
 * configuration tree and coerces its values (durations and sizes in human units, {@link io.playgate.gateway.options.Units};
 * whole numbers in a range; enums; http(s) URLs; header names; lists), and every bad value is a
 * {@link io.playgate.gateway.options.ConfigException} naming its full key path. Each capability owns its options
 * object (for example {@code cache.MediaCacheOptions}) and reads its own section with these; the configuration
 * loader only merges the sources. Depends on nothing of the gateway, so any capability may use it.
 */
@NullMarked
package io.playgate.gateway.options;

import org.jspecify.annotations.NullMarked;
