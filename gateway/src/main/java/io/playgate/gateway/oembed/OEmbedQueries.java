package io.playgate.gateway.oembed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.playgate.gateway.http.ProblemException;
import io.playgate.gateway.http.QueryParams;
import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /oembed} makes of a raw query string, remembered: the validated request ({@link OEmbedRequest}),
 * the JSONP callback and the media id its {@code url} names ({@link UrlSchemes#match}), or the problem the query is
 * answered with (400, 404, 501). The answer depends only on the query string and the URL schemes this memo was made
 * with, never on headers, time or the cache, so a hot request skips decoding the query, parsing the URL
 * ({@link java.net.URI}) and the schemes' regular expressions, and an equal query gets exactly the answer it would
 * get without the memo (the same problem, in the same order of checks as {@link #parse}).
 *
 * <p>Bounded by count ({@link #DEFAULT_MAX_ENTRIES}, least recently/frequently used entries go first, Caffeine's
 * W-TinyLFU); a query longer than {@link #MAX_QUERY_CHARS} characters is parsed every time and never kept, so the
 * memo holds at most {@code maxEntries × MAX_QUERY_CHARS} characters of keys. Thread-safe: every server instance
 * (event loop) may share one; eviction runs on the calling thread.
 */
final class OEmbedQueries {

  /** Entries kept by {@link #create(UrlSchemes)}: distinct hot queries of a busy provider fit many times over. */
  static final int DEFAULT_MAX_ENTRIES = 4096;
  /** Queries longer than this (in chars) are not kept: a {@code url} is at most 2048 characters anyway. */
  static final int MAX_QUERY_CHARS = 4096;

  /**
   * A query {@code GET /oembed} answers.
   *
   * @param request the validated request
   * @param callback the JSONP callback name ({@link OEmbedHandler#JSONP_CALLBACK}), or {@code null} for none
   * @param id the media id the {@code url} names
   */
  record Parsed(OEmbedRequest request, @Nullable String callback, String id) {
  }

  private final UrlSchemes schemes;
  private final Cache<String, Object> memo;

  private OEmbedQueries(UrlSchemes schemes, int maxEntries) {
    this.schemes = schemes;
    this.memo = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).build();
  }

  /**
   * @param schemes the URL schemes {@code url} is matched against
   * @return a memo of {@link #DEFAULT_MAX_ENTRIES} entries
   */
  static OEmbedQueries create(UrlSchemes schemes) {
    return create(schemes, DEFAULT_MAX_ENTRIES);
  }

  /**
   * @param schemes the URL schemes {@code url} is matched against
   * @param maxEntries entries kept, at least 1
   * @return a memo of that many entries
   */
  static OEmbedQueries create(UrlSchemes schemes, int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
    }
    return new OEmbedQueries(schemes, maxEntries);
  }

  /**
   * Checks, in order: the query string ({@link QueryParams#of(String)}), the request ({@link OEmbedRequest#parse}),
   * the callback (JSON only), then whether {@code url} names media of this provider.
   *
   * @param rawQuery the request's query string without {@code ?}, as received, or {@code null}
   * @return the parsed query
   * @throws ProblemException 400 or 501 as {@link OEmbedRequest#parse} and for a bad callback, 404 for a {@code url}
   *     no scheme matches; an equal query throws an equal problem (the same instance while it is kept)
   */
  Parsed parse(@Nullable String rawQuery) {
    Object outcome = rawQuery == null || rawQuery.length() > MAX_QUERY_CHARS
        ? outcome(rawQuery)
        : memo.get(rawQuery, this::outcome);
    if (outcome instanceof ProblemException problem) {
      throw problem;
    }
    return (Parsed) outcome;
  }

  /** @return the number of queries kept now, after pending evictions */
  long size() {
    memo.cleanUp();
    return memo.estimatedSize();
  }

  private Object outcome(@Nullable String rawQuery) {
    try {
      return parseUncached(rawQuery);
    } catch (ProblemException e) {
      // stackless and immutable (ProblemException), so one instance can answer every equal query
      return e;
    }
  }

  private Parsed parseUncached(@Nullable String rawQuery) {
    QueryParams query = QueryParams.of(rawQuery);
    OEmbedRequest req = OEmbedRequest.parse(query);
    String callback = req.format().equals("json") ? query.get("callback") : null;
    if (callback != null && !OEmbedHandler.JSONP_CALLBACK.matcher(callback).matches()) {
      throw ProblemException.badRequest("callback: expected a JavaScript name matching "
          + "[A-Za-z_$][A-Za-z0-9_$.]{0,63}");
    }
    String id = schemes.match(req.url())
        .orElseThrow(() -> ProblemException.notFound("url: not a media URL this provider serves"));
    return new Parsed(req, callback, id);
  }
}
