package io.playgate.gateway.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.playgate.widgets.PlayerOptions;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Single-valued query parameters, decoded once by Netty's {@link QueryStringDecoder} (UTF-8,
 * {@code application/x-www-form-urlencoded} rules: {@code +} is a space). Names are case-sensitive ({@code URL} is
 * not {@code url}); a repeated parameter is ambiguous and answered with 400; a malformed escape is 400. Immutable and
 * thread-safe; the decoding of the last {@value #MEMO_MAX_ENTRIES} or so distinct query strings (up to
 * {@value #MEMO_MAX_QUERY_CHARS} chars each) is remembered, since it depends on the string alone.
 */
public final class QueryParams {

  /** More parameters than this is a 400: none are silently dropped (a dropped duplicate would hide ambiguity). */
  public static final int MAX_PARAMS = 256;

  /** Distinct query strings whose decoding is remembered ({@link #of(String)}), least recently/frequently used first out. */
  static final int MEMO_MAX_ENTRIES = 4096;
  /** Longer query strings (in chars) are decoded every time and never kept. */
  static final int MEMO_MAX_QUERY_CHARS = 4096;

  private static final String CONTEXT_KEY = "playgate.queryParams";
  private static final QueryParams NONE = new QueryParams(Map.of());
  /**
   * Raw query → its {@code QueryParams} or the {@link ProblemException} it is answered with. Decoding depends on the
   * string alone, so every route and server instance shares one; eviction runs on the calling thread.
   */
  private static final Cache<String, Object> MEMO =
      Caffeine.newBuilder().maximumSize(MEMO_MAX_ENTRIES).executor(Runnable::run).build();

  private final Map<String, List<String>> params;

  private QueryParams(Map<String, List<String>> params) {
    this.params = params;
  }

  /**
   * @param rawQuery the request's query string without {@code ?}, as received, or {@code null}
   * @return a reader over its parameters, the same instance for an equal query string while it is remembered
   * @throws ProblemException 400 (the same instance for an equal query string while it is remembered) when the query string has a malformed percent-escape or more than
   *     {@link #MAX_PARAMS} parameters
   */
  public static QueryParams of(@Nullable String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return NONE;
    }
    if (rawQuery.length() > MEMO_MAX_QUERY_CHARS) {
      return decode(rawQuery);
    }
    Object decoded = MEMO.get(rawQuery, QueryParams::outcome);
    if (decoded instanceof ProblemException problem) {
      throw problem;
    }
    return (QueryParams) decoded;
  }

  private static Object outcome(String rawQuery) {
    try {
      return decode(rawQuery);
    } catch (ProblemException e) {
      // stackless and immutable, so one instance can answer every equal query
      return e;
    }
  }

  private static QueryParams decode(String rawQuery) {
    if (rawQuery.chars().filter(c -> c == '&' || c == ';').count() >= MAX_PARAMS) {
      throw ProblemException.badRequest("too many query parameters (at most " + MAX_PARAMS + ")");
    }
    try {
      return new QueryParams(Collections.unmodifiableMap(
          new QueryStringDecoder(rawQuery, StandardCharsets.UTF_8, false, MAX_PARAMS, true).parameters()));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("malformed query string: check its percent-encoding");
    }
  }

  /** @return the number of query strings remembered now, after pending evictions (for tests) */
  static long memoSize() {
    MEMO.cleanUp();
    return MEMO.estimatedSize();
  }

  /**
   * A platform handler: every route answers a malformed query string (a bad percent-escape, or more than
   * {@link #MAX_PARAMS} parameters) with the same 400 as {@link #of}, whether or not it reads its query. It keeps
   * what it decoded in the routing context, so {@link #of(RoutingContext)} does not decode the query again.
   *
   * @return the handler; it calls {@code next()} for a well-formed or absent query
   */
  public static Handler<RoutingContext> validator() {
    return ctx -> {
      of(ctx);
      ctx.next();
    };
  }

  /**
   * The request's query parameters, decoded once per request (by {@link #validator()} or the first caller).
   *
   * @param ctx the routing context
   * @return the parameters
   * @throws ProblemException 400 as {@link #of(String)}
   */
  public static QueryParams of(RoutingContext ctx) {
    QueryParams decoded = ctx.get(CONTEXT_KEY);
    if (decoded == null) {
      decoded = of(ctx.request().query());
      ctx.put(CONTEXT_KEY, decoded);
    }
    return decoded;
  }

  /**
   * @return the player options (ARCHITECTURE.md, "Public contracts") in this query
   * @throws ProblemException 400 naming the parameter when one is repeated or invalid
   */
  public PlayerOptions playerOptions() {
    try {
      return PlayerOptions.parse(this::get);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest(e.getMessage());
    }
  }

  /**
   * @param name parameter name, case-sensitive
   * @return its value, or {@code null} when absent
   * @throws ProblemException 400 when the parameter is given more than once
   */
  public @Nullable String get(String name) {
    List<String> all = params.get(name);
    if (all == null || all.isEmpty()) {
      return null;
    }
    if (all.size() > 1) {
      throw ProblemException.badRequest(name + ": given " + all.size() + " times; give it once");
    }
    return all.get(0);
  }
}
