package io.playgate.gateway.metrics;

import io.playgate.gateway.http.Routes;
import io.playgate.gateway.hub.Visibility;
import io.playgate.gateway.partner.PartnerPolicy;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Mounts the metrics capability's public route: the players' beacons {@code POST /events}. ({@code GET /metrics} is
 * not on the public router: it is on the management listener, {@code io.playgate.gateway.management}.)
 */
public final class MetricsRoutes {

  private MetricsRoutes() {
  }

  /**
   * @param routes the router under construction
   * @param events counts valid beacons; one per process, so its label bounds hold across server instances
   * @param knownMedia the visibility of an id the gateway knows without asking the hub, or {@code null} (see
   *     {@link PlayerEventsHandler})
   * @param partners the partner policy: beacons are rate limited per client like the pages, so one client cannot
   *     flood the counters
   */
  public static void mount(Routes routes, PlayerEventCounter events, Function<String, @Nullable Visibility> knownMedia,
      PartnerPolicy partners) {
    // small bodies only (413 beyond), no cookies either way; navigator.sendBeacon sends a string as text/plain
    routes.post("/events", PlayerEventsHandler.MAX_BODY_BYTES, "application/json", "text/plain")
        .handler(partners.rateLimit())
        .handler(new PlayerEventsHandler(knownMedia, events));
  }
}
