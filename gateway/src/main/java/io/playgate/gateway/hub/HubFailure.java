package io.playgate.gateway.hub;

/**
 * The closed set of ways a hub call can fail, each with the status the gateway answers (after Zuul's
 * {@code OutboundErrorType}). oEmbed 1.0 §2.3.4 fixes 404 and 401 for the provider's answers.
 */
public enum HubFailure {
  /** Hub {@code 404}: unknown id. */
  NOT_FOUND(404, "Media not found"),
  /** Hub {@code 410}: removed (takedown). Answered like an unknown id. */
  REMOVED(404, "Media removed"),
  /** Hub {@code 403}: private media. oEmbed: 401. */
  PRIVATE(401, "Media is private"),
  /** No complete answer within the total deadline. */
  TIMEOUT(504, "Content hub timed out"),
  /** Connection refused or reset, or a 5xx from the hub. */
  UNAVAILABLE(502, "Content hub unavailable"),
  /** An answer that breaks the hub contract: wrong status, content type, body shape, size, or a redirect. */
  BAD_RESPONSE(502, "Bad answer from the content hub");

  private final int status;
  private final String title;

  HubFailure(int status, String title) {
    this.status = status;
    this.title = title;
  }

  /** @return the HTTP status the gateway answers for this failure */
  public int status() {
    return status;
  }

  /** @return a short, client-safe problem title */
  public String title() {
    return title;
  }
}
