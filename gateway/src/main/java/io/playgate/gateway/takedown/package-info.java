/**
 * Takedowns and updates pushed by the hub: {@code POST /hooks/hub}
 * ({@link io.playgate.gateway.takedown.HubWebhookHandler}), signed with HMAC-SHA256 under {@code hub.webhookSecret}
 * ({@link io.playgate.gateway.takedown.WebhookOptions}), purges cache entries and remembers removed ids through the
 * media cache's {@code takedown}/{@code invalidate}.
 */
@NullMarked
package io.playgate.gateway.takedown;

import org.jspecify.annotations.NullMarked;
