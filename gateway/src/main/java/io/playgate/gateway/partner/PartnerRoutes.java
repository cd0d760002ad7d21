package io.playgate.gateway.partner;

import io.playgate.gateway.http.Routes;

/** Mounts the partner capability's own route: {@code POST /partner/sign} ({@link SignHandler}). */
public final class PartnerRoutes {

  /** Largest {@code POST /partner/sign} body, in bytes. */
  public static final long SIGN_MAX_BODY_BYTES = 4096;

  private PartnerRoutes() {
  }

  /**
   * @param routes the router under construction
   * @param policy the partner policy: the key check and rate limit, then the signer
   * @param publicBaseUrl the gateway's public base URL, without trailing slash, for the minted URLs
   */
  public static void mount(Routes routes, PartnerPolicy policy, String publicBaseUrl) {
    routes.post("/partner/sign", SIGN_MAX_BODY_BYTES, "application/json").handler(policy.rateLimit())
        .handler(SignHandler.create(policy.signer(), publicBaseUrl, policy.options().maxSignedTtl()));
  }
}
