package io.playgate.gateway.embed;

import io.playgate.gateway.http.Routes;
import io.playgate.gateway.http.SecurityHeaders;
import io.playgate.gateway.page.MediaPipeline;
import io.playgate.gateway.partner.PartnerPolicy;
import io.playgate.widgets.WidgetAssets;

/**
 * Mounts the player capability: the framing policy of {@code /embed/*}, the player pages {@code GET /embed/{id}},
 * their assets {@code GET /widgets/…} and the host-page SDK {@code GET /embed.js}.
 */
public final class EmbedRoutes {

  private EmbedRoutes() {
  }

  /**
   * @param routes the router under construction
   * @param options {@code embed.*}: who may frame the player pages
   * @param pages the media pipeline
   * @param partners the partner policy: player pages are rate limited, verify signed URLs and honour a partner's
   *     {@code frameAncestors}
   * @param assets the player's content-hashed assets and the SDK, loaded once
   */
  public static void mount(Routes routes, EmbedOptions options, MediaPipeline pages, PartnerPolicy partners,
      WidgetAssets assets) {
    // security policy: who may frame the player
    routes.policy("/embed/*", SecurityHeaders.frameAncestors(options.frameAncestors()));
    routes.readable("/embed/:id").handler(partners.rateLimit())
        .handler(new EmbedHandler(pages, partners.signer(), partners.partners()));
    // static and long-cached: not rate limited
    routes.readable("/widgets/*").handler(new WidgetAssetHandler(assets));
    routes.readable("/embed.js").handler(new HostSdkHandler(assets));
  }
}
