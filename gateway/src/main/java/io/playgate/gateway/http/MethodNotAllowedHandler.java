package io.playgate.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * 405 Method Not Allowed (RFC 9110 §15.5.6) for one path: mounted after the path's own routes, it answers every
 * other method with {@code Allow} listing exactly the path's methods (the origin server MUST send it) and a problem
 * whose detail names them. A request whose method the path does allow (its route passed it on, e.g. an unknown
 * file under {@code /widgets/}) goes on to the router's 404.
 */
public final class MethodNotAllowedHandler implements Handler<RoutingContext> {

  private final Set<HttpMethod> allowed;
  private final String allow;

  private MethodNotAllowedHandler(Collection<HttpMethod> allowed) {
    this.allowed = Set.copyOf(allowed);
    this.allow = allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", "));
  }

  /**
   * @param allowed the path's methods, in the order {@code Allow} lists them; not empty
   * @return the handler
   */
  public static MethodNotAllowedHandler create(Collection<HttpMethod> allowed) {
    if (allowed.isEmpty()) {
      throw new IllegalArgumentException("no methods");
    }
    return new MethodNotAllowedHandler(allowed);
  }

  /**
   * @param method the refused method
   * @param allow the {@code Allow} value
   * @return the problem detail of a 405
   */
  static String detail(String method, String allow) {
    return method + " is not supported on this resource; allowed methods: " + allow;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (allowed.contains(method)) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("Allow", allow);
    ctx.fail(new ProblemException(405, detail(method.name(), allow)));
  }
}
