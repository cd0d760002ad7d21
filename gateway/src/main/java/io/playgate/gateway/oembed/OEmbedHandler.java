package io.playgate.gateway.oembed;

import io.playgate.gateway.cache.CachedMedia;
import io.playgate.gateway.cache.MediaCache;
import io.playgate.gateway.http.ProblemException;
import io.playgate.gateway.http.QueryParams;
import io.playgate.gateway.view.PlayerViews;
import io.playgate.widgets.Templates;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /oembed} (oEmbed 1.0 §2.2–2.3): validate the query ({@link OEmbedRequest}), match {@code url} against
 * the configured schemes by parsing alone (no match → 404), ask the {@link MediaCache}, refuse media whose owner
 * disabled embedding (401, §2.3.4), and write the pre-serialised response of that variant with
 * {@code Cache-Control: public, max-age=<remaining freshness>} equal to {@code cache_age}.
 */
public final class OEmbedHandler implements Handler<RoutingContext> {

  private final UrlSchemes schemes;
  private final MediaCache cache;
  private final PlayerViews views;
  private final Templates templates;
  private final String providerName;

  private OEmbedHandler(UrlSchemes schemes, MediaCache cache, PlayerViews views, Templates templates, String providerName) {
    this.schemes = schemes;
    this.cache = cache;
    this.views = views;
    this.templates = templates;
    this.providerName = providerName;
  }

  /**
   * @param schemes accepted URL schemes
   * @param cache the media cache
   * @param views URL and view builder
   * @param templates template renderer
   * @param providerName oEmbed {@code provider_name}
   * @return the handler
   */
  public static OEmbedHandler create(UrlSchemes schemes, MediaCache cache, PlayerViews views, Templates templates,
      String providerName) {
    return new OEmbedHandler(schemes, cache, views, templates, providerName);
  }

  @Override
  public void handle(RoutingContext ctx) {
    OEmbedRequest req = OEmbedRequest.parse(QueryParams.of(ctx.request().query()));
    String id = schemes.match(req.url())
        .orElseThrow(() -> ProblemException.notFound("url: not a media URL this provider serves"));
    cache.get(id).onSuccess(entry -> respond(ctx, req, entry)).onFailure(ctx::fail);
  }

  private void respond(RoutingContext ctx, OEmbedRequest req, CachedMedia entry) {
    if (!entry.item().embeddable()) {
      ctx.fail(new ProblemException(401, "the owner has disabled embedding for this media"));
      return;
    }
    OEmbedResponse rendered = entry.variant(req.variantKey(),
        () -> OEmbedResponse.render(entry.item(), req, views, templates, providerName));
    long age = entry.remainingSeconds();
    ctx.response()
        .putHeader("Content-Type", req.format().equals("xml") ? "text/xml; charset=utf-8" : "application/json")
        .putHeader("Cache-Control", "public, max-age=" + age)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Access-Control-Allow-Origin", "*")
        .end(rendered.body(age));
  }
}
