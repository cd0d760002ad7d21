package io.playgate.gateway.partner;

import io.playgate.gateway.http.JsonBody;
import io.playgate.gateway.options.Units;
import io.playgate.gateway.options.ConfigException;
import io.playgate.gateway.http.ProblemException;
import io.playgate.gateway.hub.MediaItem;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /partner/sign}: mints a signed embed URL ({@link EmbedSigner}) for the calling partner. Must follow
 * {@link RateLimitHandler} (which authenticates the key and counts the call). Request body
 * {@code application/json}: {@code {"id": "<media id>", "ttl": "1h"}} ({@code ttl} optional, a duration such as
 * {@code 90s}, {@code 15m}, {@code 1h}, {@code 7d}, or whole seconds; default 1 h; at most
 * {@code partners.maxSignedTtl}). Answers 200 {@code application/json}
 * {@code {"url", "id", "partner", "exp", "expiresAt"}} with {@code Cache-Control: no-store}. Without a partner key
 * 401; another content type 415 (the route's {@link io.playgate.gateway.http.MediaTypeHandler}); a malformed body
 * ({@link JsonBody}: duplicate or unknown members too), id or ttl 400; signing not configured 501. The id is not looked up: a URL for media that
 * does not exist plays nothing.
 */
public final class SignHandler implements Handler<RoutingContext> {

  private static final Duration DEFAULT_TTL = Duration.ofHours(1);
  /** The request's members; a {@code partner} member is refused too: the URL is always minted for the caller. */
  private static final List<String> MEMBERS = List.of("id", "ttl");

  private final EmbedSigner signer;
  private final String publicBaseUrl;
  private final Duration maxTtl;

  private SignHandler(EmbedSigner signer, String publicBaseUrl, Duration maxTtl) {
    this.signer = signer;
    this.publicBaseUrl = publicBaseUrl;
    this.maxTtl = maxTtl;
  }

  /**
   * @param signer the signer
   * @param publicBaseUrl the gateway's public base URL, without trailing slash
   * @param maxTtl longest lifetime granted
   * @return the handler, for a route with a body handler
   */
  public static SignHandler create(EmbedSigner signer, String publicBaseUrl, Duration maxTtl) {
    return new SignHandler(signer, publicBaseUrl, maxTtl);
  }

  @Override
  public void handle(RoutingContext ctx) {
    Partner partner = Partners.caller(ctx);
    if (partner == null) {
      // (the problem handler adds the partner-key challenge, WWW-Authenticate: Bearer realm="playgate")
      throw new ProblemException(401, "a partner API key is required (Authorization: Bearer <key>)");
    }
    if (!signer.enabled()) {
      throw new ProblemException(501, "signed embed URLs are not configured on this gateway (partners.signingSecret)");
    }
    // Content-Type was checked before the body was read (MediaTypeHandler, 415)
    JsonObject body = JsonBody.object(ctx.body() == null ? null : ctx.body().buffer(), MEMBERS);
    if (!(body.getValue("id") instanceof String id) || !MediaItem.ID.matcher(id).matches()) {
      throw ProblemException.badRequest("id: expected a media id matching [A-Za-z0-9_-]{1,64}");
    }
    Duration ttl = DEFAULT_TTL;
    Object rawTtl = body.getValue("ttl");
    if (rawTtl != null) {
      try {
        ttl = rawTtl instanceof Number n && n.doubleValue() == n.longValue() && n.longValue() >= 0
            ? Duration.ofSeconds(n.longValue()) : Units.duration("ttl", rawTtl);
      } catch (ConfigException e) {
        throw ProblemException.badRequest("ttl: expected a duration such as 15m, 1h or 7d, or whole seconds");
      }
    }
    if (ttl.isZero() || ttl.compareTo(maxTtl) > 0) {
      throw ProblemException.badRequest("ttl: must be positive and at most " + maxTtl.toSeconds() + " s");
    }
    EmbedSigner.SignedUrl signed = signer.sign(publicBaseUrl, id, partner.name(), ttl);
    ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
        .end(new JsonObject().put("url", signed.url()).put("id", id).put("partner", partner.name())
            .put("exp", signed.expiresEpochSeconds())
            .put("expiresAt", Instant.ofEpochSecond(signed.expiresEpochSeconds()).toString()).encode());
  }
}
