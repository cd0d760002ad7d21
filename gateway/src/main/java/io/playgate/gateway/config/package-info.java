/**
 * Configuration: {@code conf/gateway.yaml} defaults (or {@code PLAYGATE_CONFIG}), a {@code --config} YAML overlay
 * (or {@code PLAYGATE_CONFIG_OVERLAY}) merged key by key, then {@code PLAYGATE_*} environment variables and
 * {@code -Dplaygate.*} system properties, validated at boot into an immutable {@link io.playgate.gateway.config.GatewayConfig}
 * (DESIGN.md §6). A bad value stops the process with a {@link io.playgate.gateway.config.ConfigException} naming the key.
 */
package io.playgate.gateway.config;
