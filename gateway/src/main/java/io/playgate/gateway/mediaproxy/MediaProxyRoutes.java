package io.playgate.gateway.mediaproxy;

import io.playgate.gateway.cache.MediaCache;
import io.playgate.gateway.http.Routes;
import io.playgate.gateway.hub.subsonic.ProxyUrls;
import io.playgate.gateway.hub.subsonic.SubsonicApi;
import io.playgate.gateway.partner.Rights;

/** Mounts the media proxy's two routes (subsonic mode only). */
public final class MediaProxyRoutes {

  private MediaProxyRoutes() {
  }

  /**
   * @param routes the router under construction
   * @param cache the media cache the proxied items are read from
   * @param rights the rights policy of the player page
   * @param api the Subsonic server
   * @param urls the proxy URLs and their signatures
   */
  public static void mount(Routes routes, MediaCache cache, Rights rights, SubsonicApi api, ProxyUrls urls) {
    MediaProxyHandler proxy = new MediaProxyHandler(cache, rights, api, urls);
    routes.readable(ProxyUrls.STREAM + ":id/:format").handler(proxy::stream);
    routes.readable(ProxyUrls.ART + ":id/:artId").handler(proxy::art);
  }
}
