package io.playgate.gateway.embed;

import io.playgate.gateway.cache.CachedMedia;
import io.playgate.gateway.cache.Rendered;
import io.playgate.gateway.http.ConditionalResponse;
import io.playgate.gateway.http.ProblemException;
import io.playgate.gateway.http.QueryParams;
import io.playgate.gateway.http.SecurityHeaders;
import io.playgate.gateway.hub.Visibility;
import io.playgate.gateway.page.MediaAnswer;
import io.playgate.gateway.page.MediaPipeline;
import io.playgate.gateway.page.PreparedPages;
import io.playgate.gateway.page.Surface;
import io.playgate.gateway.partner.EmbedSigner;
import io.playgate.gateway.partner.Partner;
import io.playgate.gateway.partner.Partners;
import io.playgate.gateway.partner.Rights;
import io.playgate.widgets.PlayerOptions;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /embed/{id}}: the player page, rendered by the precompiled jte templates once per
 * (id × options) and kept beside the cache entry. Framable from any origin ({@code frame-ancestors *}, no
 * {@code X-Frame-Options}), or only from a partner's {@code frameAncestors} when the URL carries
 * {@code partner=<name>}. Rights ({@link Rights}, answered as {@link Surface#PLAYER} prescribes): media whose owner
 * disabled embedding, or not licensed in the viewer's territory, gets a 200 page that plays nothing; private or
 * unlisted media plays only through a valid signed URL ({@link EmbedSigner}: {@code exp}, {@code partner},
 * {@code sig}); a missing, expired or wrong signature is a 403 page with no media. An id outside
 * {@code [A-Za-z0-9_-]{1,64}} is 404 without asking the hub; a bad option or unknown partner is 400. A public page
 * carries its weak {@code ETag} ({@code 304} on a matching {@code If-None-Match}) and the entry's
 * {@code Cache-Control} (RFC 5861 directives included) with a {@code max-age} of the entry's remaining freshness, at
 * most {@value #MAX_AGE_SECONDS} s (its assets are content-hashed and immutable, so a short page lifetime is all a
 * release needs); a signed page is {@code private, no-store}.
 */
public final class EmbedHandler implements Handler<RoutingContext> {

  /** Upper bound of the player page's {@code max-age}, in seconds. */
  public static final long MAX_AGE_SECONDS = 300;

  private final MediaPipeline pages;
  private final EmbedSigner signer;
  private final Partners partners;
  /** Player CSPs of partners with their own {@code frameAncestors}, by partner name: built once each. */
  private final Map<String, String> partnerCsps = new ConcurrentHashMap<>();
  /**
   * Prepared public players by their CSP: each policy has its own tables, so a player prepared for one partner's
   * {@code frame-ancestors} is never sent with another's. As many as configured policies (partners and
   * {@code embed.frameAncestors}).
   */
  private final Map<String, PreparedPages> prepared = new ConcurrentHashMap<>();

  /**
   * @param pages the media pipeline (cache, rights, views, templates)
   * @param signer verifies signed URLs
   * @param partners partners, for {@code partner=<name>} frame-ancestors
   */
  EmbedHandler(MediaPipeline pages, EmbedSigner signer, Partners partners) {
    this.pages = pages;
    this.signer = signer;
    this.partners = partners;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String id = MediaPipeline.pathId(ctx);
    QueryParams query = QueryParams.of(ctx);
    PlayerOptions options = query.playerOptions();
    String partnerName = query.get("partner");
    Partner partner = partnerName == null ? null : partners.byName(partnerName)
        .orElseThrow(() -> ProblemException.badRequest("partner: no partner of that name"));
    EmbedSigner.Verdict verdict = signer.verify(id, query.get("exp"), partnerName, query.get("sig"));
    // a partner's frameAncestors narrow the player; otherwise embed.frameAncestors (recorded by the security policy)
    String csp = partner != null && !partner.frameAncestors().isEmpty()
        ? partnerCsps.computeIfAbsent(partner.name(), n -> SecurityHeaders.playerCsp(partner.frameAncestors()))
        : SecurityHeaders.playerCsp(ctx);
    if (verdict != EmbedSigner.Verdict.ABSENT) {
      // only private and unlisted media are signed: keep the id out of the access log even when the URL is bad
      Visibility.PRIVATE.hideInLogs(ctx, id);
    }
    if (verdict == EmbedSigner.Verdict.EXPIRED || verdict == EmbedSigner.Verdict.INVALID) {
      pages.forbiddenPage(ctx, csp, verdict == EmbedSigner.Verdict.EXPIRED ? "This link has expired."
          : "This link is not valid.");
      return;
    }
    Rights.Access access = verdict == EmbedSigner.Verdict.VALID ? Rights.Access.SIGNED_URL : Rights.Access.PUBLIC_ONLY;
    pages.respond(ctx, id, Surface.PLAYER,
        new PlayerAnswer(pages, options, access, prepared.computeIfAbsent(csp, PreparedPages::of)));
  }

  /**
   * The player page of one request: public pages are shared, revalidated and prepared under the request's CSP
   * ({@code players}); signed ones are never stored, so never prepared.
   */
  private record PlayerAnswer(MediaPipeline pages, PlayerOptions options, Rights.Access access, PreparedPages players)
      implements MediaAnswer {

    @Override
    public Rendered render(RoutingContext ctx, CachedMedia entry) {
      // a facade's click would load the URL without its signature: signed players load at once
      PlayerOptions shown = access == Rights.Access.SIGNED_URL ? options.withoutFacade() : options;
      return entry.variant("embed|" + shown.query(), () -> Rendered.of(Buffer.buffer(
          pages.templates().embedPage(pages.views().player(entry.item(), shown)))));
    }

    @Override
    public void end(RoutingContext ctx, CachedMedia entry, Rendered page) {
      Rendered.Coding coding = pages.coding(ctx, page);
      if (access == Rights.Access.SIGNED_URL) {
        SecurityHeaders.htmlPage(ctx.response(), players.csp());
        ctx.response().putHeader(ConditionalResponse.CACHE_CONTROL, "private, no-store").end(page.body("", coding));
        return;
      }
      players.end(ctx, entry, page, coding, Math.min(MAX_AGE_SECONDS, entry.remainingSeconds()));
    }

    @Override
    public void forbid(RoutingContext ctx, String message) {
      pages.forbiddenPage(ctx, players.csp(), message);
    }
  }
}
