package io.playgate.gateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Platform handler: a request whose method is not one of {@link StandardMethods#ALL} is answered 501 Not Implemented
 * (RFC 9110 §9.1, §15.6.2: the method is unrecognised) with a problem body, on every path. A recognised method that
 * a path does not serve is left to the routes: 405 with {@code Allow} on a known path
 * ({@link MethodNotAllowedHandler}), 404 elsewhere. The method is not echoed in the detail, so a client cannot write
 * into it.
 */
public final class UnknownMethodHandler implements Handler<RoutingContext> {

  /** Problem detail of the 501. */
  static final String DETAIL = "this request method is not implemented; the gateway implements GET, HEAD, OPTIONS "
      + "and POST, as each resource allows";

  private UnknownMethodHandler() {
  }

  /** @return the handler */
  public static UnknownMethodHandler create() {
    return new UnknownMethodHandler();
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (StandardMethods.contains(ctx.request().method())) {
      ctx.next();
    } else {
      ctx.fail(new ProblemException(501, DETAIL));
    }
  }
}
