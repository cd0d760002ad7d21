/**
 * Configuration loading: {@code conf/gateway.yaml} defaults (or {@code PLAYGATE_CONFIG}), a {@code --config} YAML
 * overlay (or {@code PLAYGATE_CONFIG_OVERLAY}) merged key by key, then {@code PLAYGATE_*} environment variables and
 * {@code -Dplaygate.*} system properties ({@link io.playgate.gateway.config.ConfigLoader}). The loader only merges
 * the sources and rejects keys the defaults file does not have; each capability then reads and checks its own section
 * into its options object ({@link io.playgate.gateway.config.GatewayConfig} holds them). A bad value stops the
 * process with an {@link io.playgate.gateway.options.ConfigException} naming the key.
 */
@NullMarked
package io.playgate.gateway.config;

import org.jspecify.annotations.NullMarked;
