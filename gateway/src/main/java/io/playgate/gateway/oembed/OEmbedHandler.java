package io.playgate.gateway.oembed;

import io.playgate.gateway.cache.CachedMedia;
import io.playgate.gateway.cache.MediaCache;
import io.playgate.gateway.http.ProblemException;
import io.playgate.gateway.http.QueryParams;
import io.playgate.gateway.config.GatewayConfig;
import io.playgate.gateway.partner.RateLimitHandler;
import io.playgate.gateway.partner.Rights;
import io.playgate.gateway.view.PlayerViews;
import io.playgate.widgets.Templates;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /oembed} (oEmbed 1.0 §2.2–2.3): validate the query ({@link OEmbedRequest}), match {@code url} against
 * the configured schemes by parsing alone (no match → 404), ask the {@link MediaCache}, refuse with 401 (§2.3.4)
 * media the viewer may not embed ({@link Rights}: private or unlisted, embedding disabled, outside its
 * territories), and write (for a partner's request, with {@code partner=<name>} in the iframe {@code src}) the pre-serialised response of that variant with
 * {@code Cache-Control: public, max-age=<remaining freshness>} equal to {@code cache_age}.
 */
public final class OEmbedHandler implements Handler<RoutingContext> {

  private final UrlSchemes schemes;
  private final MediaCache cache;
  private final PlayerViews views;
  private final Templates templates;
  private final String providerName;
  private final Rights rights;

  private OEmbedHandler(UrlSchemes schemes, MediaCache cache, PlayerViews views, Templates templates, String providerName,
      Rights rights) {
    this.schemes = schemes;
    this.cache = cache;
    this.views = views;
    this.templates = templates;
    this.providerName = providerName;
    this.rights = rights;
  }

  /**
   * @param schemes accepted URL schemes
   * @param cache the media cache
   * @param views URL and view builder
   * @param templates template renderer
   * @param providerName oEmbed {@code provider_name}
   * @param rights the rights policy
   * @return the handler
   */
  public static OEmbedHandler create(UrlSchemes schemes, MediaCache cache, PlayerViews views, Templates templates,
      String providerName, Rights rights) {
    return new OEmbedHandler(schemes, cache, views, templates, providerName, rights);
  }

  @Override
  public void handle(RoutingContext ctx) {
    OEmbedRequest req = OEmbedRequest.parse(QueryParams.of(ctx.request().query()));
    String id = schemes.match(req.url())
        .orElseThrow(() -> ProblemException.notFound("url: not a media URL this provider serves"));
    cache.get(id).onSuccess(entry -> respond(ctx, req, entry)).onFailure(ctx::fail);
  }

  private void respond(RoutingContext ctx, OEmbedRequest req, CachedMedia entry) {
    // a partner's answer differs (partner=<name> in the iframe src); territory-limited media differs by country
    ctx.response().headers().add("Vary", "Authorization");
    String vary = rights.varyHeader(entry.item());
    if (vary != null) {
      ctx.response().headers().add("Vary", vary);
    }
    switch (rights.decide(entry.item(), ctx.request(), false, true)) {
      case PRIVATE -> {
        ctx.fail(new ProblemException(401, "this media is private; its owner can share it through a signed embed URL"));
        return;
      }
      case NOT_EMBEDDABLE -> {
        ctx.fail(new ProblemException(401, "the owner has disabled embedding for this media"));
        return;
      }
      case TERRITORY -> {
        ctx.fail(new ProblemException(401, "this media is not available in your country"));
        return;
      }
      default -> {
      }
    }
    GatewayConfig.Partner partner = RateLimitHandler.partner(ctx);
    String partnerName = partner == null ? null : partner.name();
    OEmbedResponse rendered = entry.variant(partnerName == null ? req.variantKey() : req.variantKey() + "|partner=" + partnerName,
        () -> OEmbedResponse.render(entry.item(), req, views, templates, providerName, partnerName));
    long age = entry.remainingSeconds();
    ctx.response()
        .putHeader("Content-Type", req.format().equals("xml") ? "text/xml; charset=utf-8" : "application/json")
        .putHeader("Cache-Control", "public, max-age=" + age)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Access-Control-Allow-Origin", "*")
        .end(rendered.body(age));
  }
}
