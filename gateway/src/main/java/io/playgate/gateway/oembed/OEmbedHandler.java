package io.playgate.gateway.oembed;

import io.playgate.gateway.cache.CachedMedia;
import io.playgate.gateway.cache.Rendered;
import io.playgate.gateway.http.ConditionalResponse;
import io.playgate.gateway.http.PreparedResponses;
import io.playgate.gateway.http.ProblemException;
import io.playgate.gateway.page.MediaAnswer;
import io.playgate.gateway.page.MediaPipeline;
import io.playgate.gateway.page.Surface;
import io.playgate.gateway.partner.Partner;
import io.playgate.gateway.partner.Partners;
import io.playgate.gateway.partner.Rights;
import io.playgate.gateway.view.EmbedSnippets;
import io.playgate.widgets.PlayerSize;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /oembed} (oEmbed 1.0 §2.2–2.3): validate the query ({@link OEmbedRequest}), match {@code url} against
 * the configured schemes by parsing alone (no match → 404), ask the media cache through the {@link MediaPipeline},
 * refuse with 401 (§2.3.4, as {@link Surface#OEMBED} prescribes) media the viewer may not embed ({@link Rights}:
 * private or unlisted, embedding disabled, outside its territories), and write (for a partner's request, with
 * {@code partner=<name>} in the iframe {@code src}) the pre-serialised response of that variant with its weak
 * {@code ETag} ({@code 304} on a matching {@code If-None-Match}) and
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

  private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence XML = HttpHeaders.createOptimized("text/xml; charset=utf-8");
  private static final CharSequence JAVASCRIPT = HttpHeaders.createOptimized("application/javascript; charset=utf-8");
  private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("X-Content-Type-Options");
  private static final CharSequence NOSNIFF_VALUE = HttpHeaders.createOptimized("nosniff");
  private static final CharSequence ALLOW_ORIGIN = HttpHeaders.createOptimized("Access-Control-Allow-Origin");
  private static final CharSequence ANY_ORIGIN = HttpHeaders.createOptimized("*");

  private final OEmbedQueries queries;
  /** Prepared identity answers; gzip ones (cache.compression gzip) in their own table, as each variant is in both. */
  private final PreparedResponses prepared = PreparedResponses.create();
  private final PreparedResponses preparedGzip = PreparedResponses.create();
  private final MediaPipeline pages;
  private final String providerName;

  /**
   * @param queries what each query string asks for, remembered (built over the accepted URL schemes)
   * @param pages the media pipeline (cache, rights, views, templates)
   * @param providerName oEmbed {@code provider_name}
   */
  OEmbedHandler(OEmbedQueries queries, MediaPipeline pages, String providerName) {
    this.queries = queries;
    this.pages = pages;
    this.providerName = providerName;
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
    // the query alone decides the request, its callback and the id (or the problem): remembered per query string
    OEmbedQueries.Parsed parsed = queries.parse(ctx.request().query());
    Partner partner = Partners.caller(ctx);
    String partnerName = partner == null ? null : partner.name();
    pages.respond(ctx, parsed.id(), Surface.OEMBED, new OEmbedAnswer(parsed.request(), parsed.callback(), partnerName));
  }

  /** The oEmbed answer of one request: JSON, XML or JSONP, for an anonymous caller or one partner. */
  private final class OEmbedAnswer implements MediaAnswer {
    private final OEmbedRequest req;
    private final String callback;
    private final String partnerName;

    OEmbedAnswer(OEmbedRequest req, String callback, String partnerName) {
      this.req = req;
      this.callback = callback;
      this.partnerName = partnerName;
    }

    @Override
    public Rendered render(RoutingContext ctx, CachedMedia entry) {
      PlayerSize size = new EmbedSnippets(pages.views(), pages.templates())
          .size(entry.item(), req.options(), OEmbedResponse.box(req));
      PlayerSize minimum = EmbedSnippets.minimum(entry.item());
      if (!size.atLeast(minimum)) {
        // oEmbed 1.0 §2.2: maxwidth/maxheight must be respected, so no bigger answer; a player squeezed below its
        // minimum would be unusable, so no answer at all (a consumer then keeps its plain link)
        throw ProblemException.notFound("no player fits within maxwidth × maxheight: it fits " + size.width() + "×"
            + size.height() + " px there, and needs at least " + minimum.width() + "×" + minimum.height());
      }
      String key = partnerName == null ? req.variantKey() : req.variantKey() + "|partner=" + partnerName;
      return entry.variant(key, () -> {
        OEmbedResponse r = OEmbedResponse.render(entry.item(), req, pages.views(), pages.templates(), providerName,
            partnerName);
        return Rendered.around(r.head(), r.tail());
      });
    }

    @Override
    public void end(RoutingContext ctx, CachedMedia entry, Rendered rendered) {
      // read once, so cache_age and max-age agree even across a second boundary
      long remaining = entry.remainingSeconds();
      if (callback != null) {
        ctx.response().putHeader(CONTENT_TYPE, JAVASCRIPT).putHeader(NOSNIFF, NOSNIFF_VALUE)
            .putHeader(ALLOW_ORIGIN, ANY_ORIGIN).putHeader(ConditionalResponse.CACHE_CONTROL,
                entry.cacheControl(remaining))
            .end(jsonp(callback, rendered.body(Long.toString(remaining))));
        return;
      }
      // the same variant in the same coding and second is the same answer, head and body: built once, then sent
      Rendered.Coding coding = pages.coding(ctx, rendered);
      PreparedResponses table = coding == Rendered.Coding.GZIP ? preparedGzip : prepared;
      ConditionalResponse.end(ctx, table.get(rendered, remaining, () -> PreparedResponses.prepare(rendered,
          remaining, rendered.etag(coding), entry.cacheControl(remaining),
          rendered.body(Long.toString(remaining), coding), ctx.response().headers(), CONTENT_TYPE,
          req.format().equals("xml") ? XML : JSON, NOSNIFF, NOSNIFF_VALUE, ALLOW_ORIGIN, ANY_ORIGIN)));
    }
  }

  /** {@code /**}{@code /callback(json);} with U+2028/U+2029 escaped (they only occur inside JSON strings). */
  static Buffer jsonp(String callback, Buffer json) {
    String text = json.toString(java.nio.charset.StandardCharsets.UTF_8)
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    return Buffer.buffer("/**/" + callback + "(" + text + ");");
  }
}
