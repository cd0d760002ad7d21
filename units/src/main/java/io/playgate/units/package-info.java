/**
 * Human units shared by the gateway's configuration and the hub simulator: {@link io.playgate.units.Durations}.
 */
package io.playgate.units;
