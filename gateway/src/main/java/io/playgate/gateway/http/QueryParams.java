package io.playgate.gateway.http;

import io.vertx.core.MultiMap;

/** Reads single-valued query parameters; a repeated parameter is ambiguous and answered with 400. */
public final class QueryParams {

  private final MultiMap params;

  private QueryParams(MultiMap params) {
    this.params = params;
  }

  /**
   * @param params the decoded query parameters
   * @return a reader over them
   */
  public static QueryParams of(MultiMap params) {
    return new QueryParams(params);
  }

  /**
   * @param name parameter name
   * @return its value, or {@code null} when absent
   * @throws ProblemException 400 when the parameter is given more than once
   */
  public String get(String name) {
    var all = params.getAll(name);
    if (all.isEmpty()) {
      return null;
    }
    if (all.size() > 1) {
      throw ProblemException.badRequest(name + ": given " + all.size() + " times; give it once");
    }
    return all.get(0);
  }
}
