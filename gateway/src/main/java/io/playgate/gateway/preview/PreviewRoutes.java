package io.playgate.gateway.preview;

import io.playgate.gateway.http.Routes;
import io.playgate.gateway.page.MediaPipeline;
import io.playgate.gateway.partner.PartnerPolicy;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Supplier;

/** Mounts the pages for people: the start page {@code GET /} and the share pages {@code GET /media/{id}}. */
public final class PreviewRoutes {

  private PreviewRoutes() {
  }

  /**
   * @param routes the router under construction
   * @param pages the media pipeline
   * @param partners the partner policy: share pages are rate limited
   * @param siteName the pages' title and {@code og:site_name} ({@code oembed.providerName})
   * @param catalogIds gives the ids the start page lists, in order (empty in remote mode)
   */
  public static void mount(Routes routes, MediaPipeline pages, PartnerPolicy partners, String siteName,
      Supplier<Future<List<String>>> catalogIds) {
    routes.readable("/").handler(new CatalogIndexHandler(catalogIds, pages, siteName));
    routes.readable("/media/:id").handler(partners.rateLimit()).handler(new SharePageHandler(pages, siteName));
  }
}
