package io.playgate.gateway.http;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Complete 200 answers (head and body) of hot representations, built once per representation and per second and then
 * sent as they are by {@link ConditionalResponse#end(io.vertx.ext.web.RoutingContext, Prepared)}: no header is
 * validated, formatted or hashed again, and the body is a slice of the same bytes for every request.
 *
 * <p>A small direct-mapped table: a representation (compared by identity, e.g. a cache entry's rendered variant) and
 * the second its {@code max-age} was read for select one slot; a different representation or second there replaces
 * it. So it holds at most {@link #SLOTS} answers, never serves one built for another representation or second, and
 * a representation that stops being asked for is dropped when its slot is reused. Thread-safe: a slot holds one
 * immutable {@link Prepared}, and a race at most builds an answer twice.
 */
public final class PreparedResponses {

  /** Answers kept at most. */
  public static final int SLOTS = 256;

  private static final CharSequence CONTENT_LENGTH = HttpHeaders.createOptimized("content-length");

  private final Prepared[] slots = new Prepared[SLOTS];

  private PreparedResponses() {
  }

  /** @return an empty table */
  public static PreparedResponses create() {
    return new PreparedResponses();
  }

  /**
   * A complete 200: its {@code ETag}, its head (read-only, {@code Content-Length} included) and its body.
   *
   * @param representation what the answer was built from, compared by identity
   * @param second the {@code max-age} (seconds) it was built for
   * @param etag the representation's entity tag, as in the head
   * @param preceding the headers the response already had when the answer was built (e.g. {@code Vary}), read-only
   * @param own the answer's own headers, read-only
   * @param head {@code preceding} then {@code own}: the whole head of a response that had exactly {@code preceding}
   *     before, read-only
   * @param body the body, shared by every request it answers
   */
  public record Prepared(Object representation, long second, String etag, MultiMap preceding, MultiMap own,
      MultiMap head, Buffer body) {

    /**
     * @param headers a response's headers so far
     * @return whether they are exactly {@link #preceding()}, in order, so that {@link #head()} can stand for them
     */
    boolean follows(MultiMap headers) {
      java.util.Iterator<java.util.Map.Entry<String, String>> have = headers.iterator();
      for (java.util.Map.Entry<String, String> e : preceding) {
        if (!have.hasNext()) {
          return false;
        }
        java.util.Map.Entry<String, String> h = have.next();
        if (!h.getKey().equalsIgnoreCase(e.getKey()) || !h.getValue().equals(e.getValue())) {
          return false;
        }
      }
      return !have.hasNext();
    }
  }

  /**
   * @param representation the representation, compared by identity
   * @param second the {@code max-age} in seconds the answer is for
   * @param build builds the answer on a miss, with {@link #prepare}
   * @return the answer for this representation and second
   */
  public Prepared get(Object representation, long second, Supplier<Prepared> build) {
    int slot = (System.identityHashCode(representation) ^ Long.hashCode(second) * 0x9E3779B9) >>> 24;
    Prepared kept = slots[slot];
    if (kept != null && kept.representation() == representation && kept.second() == second) {
      return kept;
    }
    Prepared made = build.get();
    slots[slot] = made;
    return made;
  }

  /**
   * Builds an answer: the headers the response has so far, then the ones given in their order, then {@code ETag},
   * {@code Cache-Control} and {@code Content-Length}.
   *
   * @param representation the representation, compared by identity
   * @param second the {@code max-age} in seconds the answer is for
   * @param etag the entity tag, quoted, optionally {@code W/}-prefixed
   * @param cacheControl the {@code Cache-Control} value
   * @param body the body
   * @param preceding the response's headers so far (copied)
   * @param headers further header names and values, alternating (e.g. {@code Content-Type}, its value)
   * @return the answer
   * @throws IllegalArgumentException for an odd number of header strings or an invalid header
   */
  public static Prepared prepare(Object representation, long second, String etag, String cacheControl, Buffer body,
      MultiMap preceding, CharSequence... headers) {
    if (headers.length % 2 != 0) {
      throw new IllegalArgumentException("header names and values must alternate");
    }
    MultiMap own = HttpHeaders.headers();
    for (int i = 0; i < headers.length; i += 2) {
      own.add(headers[i], headers[i + 1]);
    }
    own.add(ConditionalResponse.ETAG, etag).add(ConditionalResponse.CACHE_CONTROL, cacheControl)
        .add(CONTENT_LENGTH, Integer.toString(body.length()));
    MultiMap before = HttpHeaders.headers().addAll(preceding);
    MultiMap head = HttpHeaders.headers().addAll(before).addAll(own);
    return new Prepared(representation, second, etag, before.copy(false), own.copy(false), head.copy(false), body);
  }

  /** @return the answer kept for this representation and second, or {@code null} (for tests) */
  @Nullable Prepared kept(Object representation, long second) {
    int slot = (System.identityHashCode(representation) ^ Long.hashCode(second) * 0x9E3779B9) >>> 24;
    Prepared kept = slots[slot];
    return kept != null && kept.representation() == representation && kept.second() == second ? kept : null;
  }
}
