package io.playgate.gateway.http;

/**
 * An expected client-facing failure, turned into an RFC 9457 problem body by {@link ProblemHandler}. Carries no
 * stack trace. The detail is shown to the client, so it must say what was wrong without echoing hub bodies.
 */
public final class ProblemException extends RuntimeException {

  private final int status;
  private final boolean closesConnection;

  /**
   * @param status HTTP status, 400..599
   * @param detail human-readable explanation of this occurrence (RFC 9457 §3.1.4)
   */
  public ProblemException(int status, String detail) {
    this(status, detail, false);
  }

  private ProblemException(int status, String detail, boolean closesConnection) {
    super(detail, null, false, false);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status " + status);
    }
    this.status = status;
    this.closesConnection = closesConnection;
  }

  /**
   * A problem after which the connection cannot carry another request (the rest of this one's bytes are unread or
   * were discarded): {@link ProblemHandler} answers with {@code Connection: close}, then closes it.
   *
   * @param status HTTP status, 400..599
   * @param detail as {@link #ProblemException(int, String)}
   * @return the exception
   */
  public static ProblemException closingConnection(int status, String detail) {
    return new ProblemException(status, detail, true);
  }

  /** @return the HTTP status */
  public int status() {
    return status;
  }

  /** @return whether the connection is closed after the answer ({@link #closingConnection}) */
  public boolean closesConnection() {
    return closesConnection;
  }

  /**
   * @param detail what was wrong with the request
   * @return a 400 Bad Request
   */
  public static ProblemException badRequest(String detail) {
    return new ProblemException(400, detail);
  }

  /**
   * @param detail what was not found
   * @return a 404 Not Found
   */
  public static ProblemException notFound(String detail) {
    return new ProblemException(404, detail);
  }
}
