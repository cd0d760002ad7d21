package io.playgate.gateway.oembed;

import io.playgate.gateway.http.Routes;
import io.playgate.gateway.page.MediaPipeline;
import io.playgate.gateway.partner.PartnerPolicy;
import io.vertx.core.http.HttpMethod;

/** Mounts the oEmbed provider: {@code GET /oembed} and its CORS preflight {@code OPTIONS /oembed}. */
public final class OEmbedRoutes {

  private OEmbedRoutes() {
  }

  /**
   * @param routes the router under construction
   * @param options {@code oembed.*}
   * @param pages the media pipeline
   * @param partners the partner policy: {@code GET /oembed} is rate limited, and a partner's answer names it
   * @throws io.playgate.gateway.options.ConfigException naming {@code oembed.schemes} when a pattern is invalid
   */
  public static void mount(Routes routes, OEmbedOptions options, MediaPipeline pages, PartnerPolicy partners) {
    UrlSchemes schemes = options.schemes(pages.views().publicBaseUrl());
    routes.readable("/oembed").handler(partners.rateLimit())
        .handler(new OEmbedHandler(OEmbedQueries.create(schemes), pages, options.providerName()));
    // the CORS preflight costs nothing and carries no key: not rate limited
    routes.on("/oembed", HttpMethod.OPTIONS).handler(OEmbedHandler.preflight());
  }
}
