package io.playgate.gateway.artwork;

import io.playgate.gateway.cache.MediaCache;
import io.playgate.gateway.http.Routes;
import io.playgate.gateway.partner.PartnerPolicy;

/** Mounts {@code GET /artwork/{id}/{size}.{jpg|png}} (and {@code card.jpg}), rate limited like the share pages. */
public final class ArtworkRoutes {

  private ArtworkRoutes() {
  }

  /**
   * @param routes the router under construction
   * @param service renders and keeps the artwork variants
   * @param cache the media cache
   * @param partners the partner policy: artwork is rate limited per caller
   */
  public static void mount(Routes routes, ArtworkService service, MediaCache cache, PartnerPolicy partners) {
    routes.readable("/artwork/:id/:file").handler(partners.rateLimit()).handler(new ArtworkHandler(service, cache));
  }
}
