package io.playgate.gateway.config;

import io.playgate.gateway.artwork.ArtworkOptions;
import io.playgate.gateway.cache.MediaCacheOptions;
import io.playgate.gateway.cluster.ClusterOptions;
import io.playgate.gateway.embed.EmbedOptions;
import io.playgate.gateway.http.LimitsOptions;
import io.playgate.gateway.http.ServerOptions;
import io.playgate.gateway.http.ShutdownOptions;
import io.playgate.gateway.hub.HubOptions;
import io.playgate.gateway.management.ManagementOptions;
import io.playgate.gateway.metrics.MetricsOptions;
import io.playgate.gateway.oembed.OEmbedOptions;
import io.playgate.gateway.partner.PartnersOptions;
import io.playgate.gateway.partner.RightsOptions;
import io.playgate.gateway.takedown.WebhookOptions;
import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * The validated configuration: each capability's options, read by that capability from its own section of the merged
 * tree ({@link ConfigLoader}). Adding a key means adding it to the owning options class and to
 * {@code conf/gateway.yaml}; nothing here changes.
 *
 * @param server {@code server.*}: where the gateway listens and how it names itself
 * @param limits {@code limits.*}: request size and slow-client limits of the HTTP server
 * @param hub {@code hub.*}: which content hub, and how to call it
 * @param webhook {@code hub.webhook*}: the hub's takedown webhook
 * @param cache {@code cache.*}: the media cache's bound, lifetimes and stale windows
 * @param oembed {@code oembed.*}: the oEmbed provider
 * @param embed {@code embed.*}: the player pages' framing policy
 * @param partners {@code partners.*}: partner keys, rate limits and signed embed URLs
 * @param rights {@code rights.*}: how the viewer's territory is found
 * @param metrics {@code metrics.*}: bounds of the player-event metrics
 * @param management {@code management.*}: where the management listener ({@code GET /metrics}) listens
 * @param artwork {@code artwork.*}: caps and worker pool of the scaled artwork and social cards
 * @param cluster {@code cache.redis.*}: the Redis several nodes share, or none
 * @param shutdown {@code shutdown.*}: how the gateway drains on {@code SIGTERM}
 */
public record GatewayConfig(ServerOptions server, LimitsOptions limits, HubOptions hub, WebhookOptions webhook,
    MediaCacheOptions cache, OEmbedOptions oembed, EmbedOptions embed, PartnersOptions partners, RightsOptions rights,
    MetricsOptions metrics, ManagementOptions management, ArtworkOptions artwork, ClusterOptions cluster,
    ShutdownOptions shutdown) {

  /**
   * Hands each capability its section of the merged tree.
   *
   * @param tree the merged tree, shaped like {@code conf/gateway.yaml}
   * @return the checked configuration
   * @throws io.playgate.gateway.options.ConfigException naming the first key whose value is missing or invalid
   */
  public static GatewayConfig fromJson(JsonObject tree) {
    ServerOptions server = ServerOptions.fromJson(section(tree, ServerOptions.KEY));
    return new GatewayConfig(
        server,
        LimitsOptions.fromJson(section(tree, LimitsOptions.KEY)),
        HubOptions.fromJson(section(tree, HubOptions.KEY)),
        WebhookOptions.fromJson(section(tree, WebhookOptions.KEY)),
        MediaCacheOptions.fromJson(section(tree, MediaCacheOptions.KEY)),
        OEmbedOptions.fromJson(section(tree, OEmbedOptions.KEY)),
        EmbedOptions.fromJson(section(tree, EmbedOptions.KEY)),
        PartnersOptions.fromJson(section(tree, PartnersOptions.KEY)),
        RightsOptions.fromJson(section(tree, RightsOptions.KEY)),
        MetricsOptions.fromJson(section(tree, MetricsOptions.KEY)),
        ManagementOptions.fromJson(section(tree, ManagementOptions.KEY), server),
        ArtworkOptions.fromJson(section(tree, ArtworkOptions.KEY)),
        ClusterOptions.fromJson(section(tree, ClusterOptions.KEY)),
        ShutdownOptions.fromJson(section(tree, ShutdownOptions.KEY)));
  }

  /** @return the tree {@link #fromJson} reads back to an equal configuration (secrets included: never log it) */
  public JsonObject toJson() {
    return new JsonObject()
        .put(ServerOptions.KEY, server.toJson())
        .put(LimitsOptions.KEY, limits.toJson())
        .put(HubOptions.KEY, hub.toJson().mergeIn(webhook.toJson()))
        .put(MediaCacheOptions.KEY, cache.toJson().put(ClusterOptions.SUBSECTION, cluster.toJson()))
        .put(OEmbedOptions.KEY, oembed.toJson())
        .put(EmbedOptions.KEY, embed.toJson())
        .put(PartnersOptions.KEY, partners.toJson())
        .put(RightsOptions.KEY, rights.toJson())
        .put(MetricsOptions.KEY, metrics.toJson())
        .put(ManagementOptions.KEY, management.toJson())
        .put(ArtworkOptions.KEY, artwork.toJson())
        .put(ShutdownOptions.KEY, shutdown.toJson());
  }

  private static @Nullable JsonObject section(JsonObject tree, String key) {
    return tree.getValue(key) instanceof JsonObject section ? section : null;
  }
}
