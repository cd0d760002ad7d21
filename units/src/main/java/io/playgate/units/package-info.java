/**
 * Human units shared by the gateway's configuration and the hub simulator: {@link io.playgate.units.Durations}.
 */
@NullMarked
package io.playgate.units;

import org.jspecify.annotations.NullMarked;
