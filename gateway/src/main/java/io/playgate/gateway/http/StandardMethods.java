package io.playgate.gateway.http;

import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Set;

/**
 * The request methods the gateway recognises: the eight of RFC 9110 §9.3 ({@code GET}, {@code HEAD}, {@code POST},
 * {@code PUT}, {@code DELETE}, {@code CONNECT}, {@code OPTIONS}, {@code TRACE}) and {@code PATCH} (RFC 5789). Method
 * names are case-sensitive (RFC 9110 §9.1), so {@code get} is not {@code GET}. Any other token is a method the
 * gateway neither implements nor names: {@link UnknownMethodHandler} answers it 501, and metrics label it
 * {@link #OTHER}, so no client can add a label value by inventing methods.
 */
public final class StandardMethods {

  /** The recognised methods, in RFC 9110 order, then PATCH. */
  public static final List<HttpMethod> ALL = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
      HttpMethod.DELETE, HttpMethod.CONNECT, HttpMethod.OPTIONS, HttpMethod.TRACE, HttpMethod.PATCH);

  /** The label value of every other method. */
  public static final String OTHER = "other";

  private static final Set<String> NAMES = Set.copyOf(ALL.stream().map(HttpMethod::name).toList());

  private StandardMethods() {
  }

  /**
   * @param method a request's method, not {@code null}
   * @return whether it is one of {@link #ALL} (exact, case-sensitive name)
   */
  public static boolean contains(HttpMethod method) {
    return NAMES.contains(method.name());
  }

  /**
   * @param method a request's method, not {@code null}
   * @return its name when it is one of {@link #ALL}, else {@link #OTHER}: one of ten values, whatever a client sends
   */
  public static String label(HttpMethod method) {
    return contains(method) ? method.name() : OTHER;
  }
}
