package io.playgate.gateway.oembed;

import io.playgate.gateway.cache.CachedMedia;
import io.playgate.gateway.cache.MediaCache;
import io.playgate.gateway.cache.Rendered;
import io.playgate.gateway.http.ConditionalResponse;
import io.playgate.gateway.http.ProblemException;
import io.playgate.gateway.http.QueryParams;
import io.playgate.gateway.partner.Partner;
import io.playgate.gateway.partner.Partners;
import io.playgate.gateway.partner.Rights;
import io.playgate.gateway.view.PlayerViews;
import io.playgate.widgets.PlayerSize;
import io.playgate.widgets.Templates;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /oembed} (oEmbed 1.0 §2.2–2.3): validate the query ({@link OEmbedRequest}), match {@code url} against
 * the configured schemes by parsing alone (no match → 404), ask the {@link MediaCache}, refuse with 401 (§2.3.4)
 * media the viewer may not embed ({@link Rights}: private or unlisted, embedding disabled, outside its
 * territories), and write (for a partner's request, with {@code partner=<name>} in the iframe {@code src}) the
 * pre-serialised response of that variant with its weak {@code ETag} ({@code 304} on a matching
 * {@code If-None-Match}) and
 * {@code Cache-Control: public, max-age=<remaining freshness>, stale-while-revalidate=…, stale-if-error=…}, whose
 * {@code max-age} equals {@code cache_age}.
 *
 * <p>Cross-origin use: every answer carries {@code Access-Control-Allow-Origin: *} and never
 * {@code Access-Control-Allow-Credentials} (the data is public; a browser sends no cookies with it); the preflight
 * is {@link #preflight()}. JSONP: with {@code format=json} and {@code callback=<name>} where the name matches
 * {@link #JSONP_CALLBACK}, the body is {@code /**}{@code /name(<json>);} as {@code application/javascript} with
 * {@code nosniff} (and no {@code ETag}: the tag belongs to the JSON); the {@code /**}{@code /} prefix defuses
 * content-sniffing attacks on the first bytes (e.g. a callback spelling a Flash header), and U+2028/U+2029 are
 * written as {@code \u2028}/{@code \u2029}, since JSON allows them raw in strings but pre-ES2019 JavaScript does
 * not. Any other callback → 400; XML ignores {@code callback}.
 */
public final class OEmbedHandler implements Handler<RoutingContext> {

  /** JSONP callback names accepted: a JavaScript identifier path, at most 64 characters. */
  public static final java.util.regex.Pattern JSONP_CALLBACK =
      java.util.regex.Pattern.compile("^[A-Za-z_$][A-Za-z0-9_$.]{0,63}$");
  /** Methods and request headers a cross-origin caller may use, as the preflight announces them. */
  public static final String ALLOWED_METHODS = "GET, HEAD, OPTIONS";
  /** Request headers a cross-origin caller may send (CORS-safelisted ones need no mention). */
  public static final String ALLOWED_HEADERS = "Authorization, If-None-Match";

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

  /**
   * The CORS preflight of {@code /oembed} (Fetch standard, CORS protocol): {@code OPTIONS} → 204 with
   * {@code Access-Control-Allow-Origin: *}, the allowed methods and headers, and {@code Access-Control-Max-Age}
   * (seconds); never {@code Access-Control-Allow-Credentials}.
   *
   * @return the handler for {@code OPTIONS /oembed}
   */
  public static Handler<RoutingContext> preflight() {
    return ctx -> ctx.response().setStatusCode(204)
        .putHeader("Access-Control-Allow-Origin", "*")
        .putHeader("Access-Control-Allow-Methods", ALLOWED_METHODS)
        .putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
        .putHeader("Access-Control-Max-Age", "86400")
        .putHeader("Cache-Control", "public, max-age=86400")
        .end();
  }

  @Override
  public void handle(RoutingContext ctx) {
    QueryParams query = QueryParams.of(ctx);
    OEmbedRequest req = OEmbedRequest.parse(query);
    String callback = req.format().equals("json") ? query.get("callback") : null;
    if (callback != null && !JSONP_CALLBACK.matcher(callback).matches()) {
      throw ProblemException.badRequest("callback: expected a JavaScript name matching "
          + "[A-Za-z_$][A-Za-z0-9_$.]{0,63}");
    }
    String id = schemes.match(req.url())
        .orElseThrow(() -> ProblemException.notFound("url: not a media URL this provider serves"));
    cache.get(id).onSuccess(entry -> respond(ctx, req, callback, entry)).onFailure(ctx::fail);
  }

  private void respond(RoutingContext ctx, OEmbedRequest req, String callback, CachedMedia entry) {
    entry.item().visibility().hideInLogs(ctx, entry.item().id());
    // a partner's answer differs (partner=<name> in the iframe src); territory-limited media differs by country
    ctx.response().headers().add("Vary", "Authorization");
    String vary = rights.varyHeader(entry.item());
    if (vary != null) {
      ctx.response().headers().add("Vary", vary);
    }
    switch (rights.decide(entry.item(), ctx.request(), Rights.Access.PUBLIC_ONLY, Rights.Use.EMBEDDED)) {
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
    PlayerSize size = OEmbedResponse.size(entry.item(), req);
    if (!size.playable()) {
      // oEmbed 1.0 §2.2: maxwidth/maxheight must be respected, so no bigger answer; a player squeezed below its
      // minimum would be unusable, so no answer at all (a consumer then keeps its plain link)
      ctx.fail(ProblemException.notFound("no player fits within maxwidth × maxheight: it fits " + size.width() + "×"
          + size.height() + " px there, and needs at least " + PlayerSize.MIN_WIDTH + "×" + PlayerSize.MIN_HEIGHT));
      return;
    }
    Partner partner = Partners.caller(ctx);
    String partnerName = partner == null ? null : partner.name();
    Rendered rendered = entry.variant(partnerName == null ? req.variantKey() : req.variantKey() + "|partner=" + partnerName,
        () -> {
          OEmbedResponse r = OEmbedResponse.render(entry.item(), req, views, templates, providerName, partnerName);
          return Rendered.around(r.head(), r.tail());
        });
    // read once, so cache_age and max-age agree even across a second boundary
    long remaining = entry.remainingSeconds();
    String cacheControl = entry.cacheControl(remaining);
    String age = Long.toString(remaining);
    ctx.response()
        .putHeader("Content-Type", callback != null ? "application/javascript; charset=utf-8"
            : req.format().equals("xml") ? "text/xml; charset=utf-8" : "application/json")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Access-Control-Allow-Origin", "*");
    if (callback != null) {
      ctx.response().putHeader("Cache-Control", cacheControl).end(jsonp(callback, rendered.body(age)));
      return;
    }
    ConditionalResponse.end(ctx, rendered.etag(), cacheControl, () -> rendered.body(age));
  }

  /** {@code /**}{@code /callback(json);} with U+2028/U+2029 escaped (they only occur inside JSON strings). */
  static Buffer jsonp(String callback, Buffer json) {
    String text = json.toString(java.nio.charset.StandardCharsets.UTF_8)
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    return Buffer.buffer("/**/" + callback + "(" + text + ");");
  }
}
