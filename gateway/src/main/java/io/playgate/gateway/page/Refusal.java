package io.playgate.gateway.page;

/**
 * How one media route answers a viewer the rights refuse ({@link Surface#refusal}).
 *
 * @param kind the shape of the answer
 * @param status the HTTP status of a {@link Kind#PROBLEM}; 200 for {@link Kind#UNAVAILABLE_PAGE}, 403 for
 *     {@link Kind#FORBIDDEN_PAGE}
 * @param message the problem's detail (RFC 9457 §3.1.4), or the sentence the page shows
 */
public record Refusal(Kind kind, int status, String message) {

  /** The shapes of a refusal. */
  public enum Kind {
    /** An {@code application/problem+json} answer through the problem handler. */
    PROBLEM,
    /** A page that names the media and plays nothing, cached beside the entry like the player it replaces. */
    UNAVAILABLE_PAGE,
    /** A {@code 403} page that names nothing and plays nothing, never stored ({@code no-store}). */
    FORBIDDEN_PAGE
  }

  static Refusal problem(int status, String detail) {
    return new Refusal(Kind.PROBLEM, status, detail);
  }

  static Refusal unavailablePage(String message) {
    return new Refusal(Kind.UNAVAILABLE_PAGE, 200, message);
  }

  static Refusal forbiddenPage(String message) {
    return new Refusal(Kind.FORBIDDEN_PAGE, 403, message);
  }
}
