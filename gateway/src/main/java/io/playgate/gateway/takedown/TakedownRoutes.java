package io.playgate.gateway.takedown;

import io.playgate.gateway.cache.InvalidationBus;
import io.playgate.gateway.cache.MediaCache;
import io.playgate.gateway.http.ProblemException;
import io.playgate.gateway.http.Routes;
import io.vertx.core.http.HttpMethod;

/**
 * Mounts the hub's webhook {@code POST /hooks/hub}: the raw body, capped (413), is what the signature
 * covers. While {@code hub.webhookSecret} is unset the route answers 404.
 */
public final class TakedownRoutes {

  private TakedownRoutes() {
  }

  /**
   * @param routes the router under construction
   * @param options {@code hub.webhook*}
   * @param cache the media cache the webhook purges
   * @param bus where the webhook shares its events with the other nodes ({@link InvalidationBus#LOCAL} alone)
   */
  public static void mount(Routes routes, WebhookOptions options, MediaCache cache, InvalidationBus bus) {
    if (!options.enabled()) {
      routes.on("/hooks/hub", HttpMethod.POST).handler(ctx -> ctx.fail(ProblemException.notFound(
          "the hub webhook is disabled: hub.webhookSecret is not set")));
      return;
    }
    // JSON only, checked before a body is read (415 for a form, multipart, or no Content-Type)
    routes.post("/hooks/hub", options.maxBodyBytes(), "application/json")
        .handler(HubWebhookHandler.create(cache, bus, options.secret()));
  }
}
