package io.playgate.gateway.takedown;

import io.playgate.gateway.options.ConfigReader;
import io.playgate.gateway.options.Units;
import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * Options of the hub's webhook ({@code POST /hooks/hub}), read from the {@code webhook*} keys of the {@value #KEY}
 * section of {@code conf/gateway.yaml}.
 *
 * @param secret the HMAC-SHA256 secret shared with the hub ({@code hub.webhookSecret}); {@code null} disables the
 *     webhook (its route answers 404). Never logged.
 * @param maxBodyBytes largest accepted body ({@code hub.webhookMaxBodySize}), 1 KiB..16 MiB; larger is 413
 */
public record WebhookOptions(@Nullable String secret, long maxBodyBytes) {

  /** The configuration section these options are read from. */
  public static final String KEY = "hub";
  /** Default {@link #maxBodyBytes()}: 64 KiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  /** Options with every default: the webhook disabled. */
  public WebhookOptions() {
    this(null, DEFAULT_MAX_BODY_BYTES);
  }

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException for an empty secret or a size outside 1 KiB..16 MiB
   */
  public WebhookOptions {
    if ((secret != null && secret.isEmpty()) || maxBodyBytes < 1024 || maxBodyBytes > 16L * 1024 * 1024) {
      throw new IllegalArgumentException("invalid webhook options");
    }
  }

  /**
   * Reads and checks {@code webhookSecret} (empty: disabled) and {@code webhookMaxBodySize} (1 KiB..16 MiB).
   *
   * @param json the {@value #KEY} section
   * @return the options
   * @throws io.playgate.gateway.options.ConfigException naming the bad key, e.g. {@code hub.webhookMaxBodySize}
   */
  public static WebhookOptions fromJson(@Nullable JsonObject json) {
    ConfigReader h = ConfigReader.of(KEY, json);
    return new WebhookOptions(h.optionalString("webhookSecret"), h.bytesIn("webhookMaxBodySize", 1024, 16L * 1024 * 1024));
  }

  /** @return the webhook's keys of the {@value #KEY} section, as {@link #fromJson} reads them (the secret included) */
  public JsonObject toJson() {
    return new JsonObject().put("webhookSecret", secret).put("webhookMaxBodySize", Units.sizeText(maxBodyBytes));
  }

  /** @return whether a secret is set, so the webhook is on */
  public boolean enabled() {
    return secret != null;
  }

  @Override
  public String toString() {
    return "WebhookOptions[secret=" + (secret == null ? "unset" : "***") + ", maxBodyBytes=" + maxBodyBytes + "]";
  }
}
