package io.playgate.gateway.embed;

import io.playgate.gateway.cache.CachedMedia;
import io.playgate.gateway.cache.MediaCache;
import io.playgate.gateway.cache.Rendered;
import io.playgate.gateway.http.ConditionalResponse;
import io.playgate.gateway.http.ProblemException;
import io.playgate.gateway.http.QueryParams;
import io.playgate.gateway.http.SecurityHeaders;
import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.HubException;
import io.playgate.gateway.hub.HubFailure;
import io.playgate.gateway.hub.Visibility;
import io.playgate.gateway.partner.EmbedSigner;
import io.playgate.gateway.partner.Partner;
import io.playgate.gateway.partner.Partners;
import io.playgate.gateway.partner.Rights;
import io.playgate.gateway.view.PlayerViews;
import io.playgate.widgets.PlayerOptions;
import io.playgate.widgets.Templates;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /embed/{id}}: the player page, rendered by the precompiled jte templates once per
 * (id × options) and kept beside the cache entry. Framable from any origin ({@code frame-ancestors *}, no
 * {@code X-Frame-Options}), or only from a partner's {@code frameAncestors} when the URL carries
 * {@code partner=<name>}. Rights ({@link Rights}): media whose owner disabled embedding, or not licensed in the
 * viewer's territory, gets a 200 page that plays nothing; private or unlisted media plays only through a valid signed
 * URL ({@link EmbedSigner}: {@code exp}, {@code partner}, {@code sig}); a missing, expired or wrong signature is a
 * 403 page with no media. An id outside {@code [A-Za-z0-9_-]{1,64}} is 404 without asking the hub; a bad option or
 * unknown partner is 400. A public page carries its weak {@code ETag} ({@code 304} on a matching
 * {@code If-None-Match}) and the entry's {@code Cache-Control} (RFC 5861 directives included) with a {@code max-age}
 * of the entry's remaining freshness, at most {@value #MAX_AGE_SECONDS} s (its assets are content-hashed and
 * immutable, so a short page lifetime is all a release needs); a signed page is {@code private, no-store}.
 */
public final class EmbedHandler implements Handler<RoutingContext> {

  /** Upper bound of the player page's {@code max-age}, in seconds. */
  public static final long MAX_AGE_SECONDS = 300;

  private final MediaCache cache;
  private final PlayerViews views;
  private final Templates templates;
  private final Rights rights;
  private final EmbedSigner signer;
  private final Partners partners;

  private EmbedHandler(MediaCache cache, PlayerViews views, Templates templates, Rights rights, EmbedSigner signer,
      Partners partners) {
    this.cache = cache;
    this.views = views;
    this.templates = templates;
    this.rights = rights;
    this.signer = signer;
    this.partners = partners;
  }

  /**
   * @param cache the media cache
   * @param views view builder
   * @param templates template renderer
   * @param rights the rights policy
   * @param signer verifies signed URLs
   * @param partners partners, for {@code partner=<name>} frame-ancestors
   * @return the handler, for a route with an {@code :id} path parameter
   */
  public static EmbedHandler create(MediaCache cache, PlayerViews views, Templates templates, Rights rights,
      EmbedSigner signer, Partners partners) {
    return new EmbedHandler(cache, views, templates, rights, signer, partners);
  }


  @Override
  public void handle(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !MediaItem.ID.matcher(id).matches()) {
      throw ProblemException.notFound("no media with that id");
    }
    QueryParams query = QueryParams.of(ctx);
    PlayerOptions options = query.playerOptions();
    String partnerName = query.get("partner");
    Partner partner = partnerName == null ? null : partners.byName(partnerName)
        .orElseThrow(() -> ProblemException.badRequest("partner: no partner of that name"));
    EmbedSigner.Verdict verdict = signer.verify(id, query.get("exp"), partnerName, query.get("sig"));
    // a partner's frameAncestors narrow the player; otherwise embed.frameAncestors (recorded by the security policy)
    String csp = partner != null && !partner.frameAncestors().isEmpty()
        ? SecurityHeaders.playerCsp(partner.frameAncestors()) : SecurityHeaders.playerCsp(ctx);
    if (verdict != EmbedSigner.Verdict.ABSENT) {
      // only private and unlisted media are signed: keep the id out of the access log even when the URL is bad
      Visibility.PRIVATE.hideInLogs(ctx, id);
    }
    if (verdict == EmbedSigner.Verdict.EXPIRED || verdict == EmbedSigner.Verdict.INVALID) {
      forbidden(ctx, csp, verdict == EmbedSigner.Verdict.EXPIRED ? "This link has expired." : "This link is not valid.");
      return;
    }
    boolean signed = verdict == EmbedSigner.Verdict.VALID;
    cache.get(id).onSuccess(entry -> respond(ctx, entry, options, signed, csp)).onFailure(e -> {
      if (e instanceof HubException he && he.failure() == HubFailure.PRIVATE) {
        // the hub would not give us the item (no hub.apiKey): private media never plays
        Visibility.PRIVATE.hideInLogs(ctx, id);
        forbidden(ctx, csp, "This media is private.");
      } else {
        ctx.fail(e);
      }
    });
  }

  private void respond(RoutingContext ctx, CachedMedia entry, PlayerOptions requested, boolean signed, String csp) {
    MediaItem item = entry.item();
    item.visibility().hideInLogs(ctx, item.id());
    Rights.Decision decision = rights.decide(item, ctx.request(), signed ? Rights.Access.SIGNED_URL : Rights.Access.PUBLIC_ONLY,
        Rights.Use.EMBEDDED);
    if (decision == Rights.Decision.PRIVATE) {
      forbidden(ctx, csp, "This media is private.");
      return;
    }
    // a facade's click would load the URL without its signature: signed players load at once
    PlayerOptions options = signed && requested.facade() ? new PlayerOptions(requested.autoplay(),
        requested.startSeconds(), requested.theme(), requested.color(), false, requested.dnt(), requested.layout()) : requested;
    Rendered page = switch (decision) {
      case NOT_EMBEDDABLE -> entry.variant("embed-unavailable", () -> Rendered.of(Buffer.buffer(
          templates.unavailablePage(views.assets(), item.title(), "Not available for embedding."))));
      case TERRITORY -> entry.variant("embed-territory", () -> Rendered.of(Buffer.buffer(
          templates.unavailablePage(views.assets(), item.title(), "Not available in your country."))));
      default -> entry.variant("embed|" + options.query(),
          () -> Rendered.of(Buffer.buffer(templates.embedPage(views.player(item, options)))));
    };
    SecurityHeaders.htmlPage(ctx.response(), csp);
    String vary = rights.varyHeader(item);
    if (vary != null) {
      ctx.response().putHeader("Vary", vary);
    }
    if (signed) {
      ctx.response().putHeader("Cache-Control", "private, no-store").end(page.body());
      return;
    }
    ConditionalResponse.end(ctx, page.etag(),
        entry.cacheControl(Math.min(MAX_AGE_SECONDS, entry.remainingSeconds())), page::body);
  }

  /** 403 with a page that plays nothing and names nothing: signed-URL and private-media refusals. */
  private void forbidden(RoutingContext ctx, String csp, String message) {
    SecurityHeaders.htmlPage(ctx.response(), csp);
    ctx.response().setStatusCode(403).putHeader("Cache-Control", "no-store")
        .end(Buffer.buffer(templates.unavailablePage(views.assets(), "Not available", message)));
  }
}
