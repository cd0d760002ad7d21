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
   * A complete 200: its {@code ETag}, its whole head (read-only, {@code Content-Length} included) and its body.
   *
   * @param representation what the answer was built from, compared by identity
   * @param second the {@code max-age} (seconds) it was built for
   * @param etag the representation's entity tag, as in the head
   * @param head every header of the 200, read-only
   * @param body the body, shared by every request it answers
   */
  public record Prepared(Object representation, long second, String etag, MultiMap head, Buffer body) {
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
   * Builds an answer: the headers in the order given, then {@code ETag}, {@code Cache-Control} and
   * {@code Content-Length}.
   *
   * @param representation the representation, compared by identity
   * @param second the {@code max-age} in seconds the answer is for
   * @param etag the entity tag, quoted, optionally {@code W/}-prefixed
   * @param cacheControl the {@code Cache-Control} value
   * @param body the body
   * @param headers further header names and values, alternating (e.g. {@code Content-Type}, its value)
   * @return the answer
   * @throws IllegalArgumentException for an odd number of header strings or an invalid header
   */
  public static Prepared prepare(Object representation, long second, String etag, String cacheControl, Buffer body,
      CharSequence... headers) {
    if (headers.length % 2 != 0) {
      throw new IllegalArgumentException("header names and values must alternate");
    }
    MultiMap head = HttpHeaders.headers();
    for (int i = 0; i < headers.length; i += 2) {
      head.add(headers[i], headers[i + 1]);
    }
    head.add(ConditionalResponse.ETAG, etag).add(ConditionalResponse.CACHE_CONTROL, cacheControl)
        .add(CONTENT_LENGTH, Integer.toString(body.length()));
    return new Prepared(representation, second, etag, head.copy(false), body);
  }

  /** @return the answer kept for this representation and second, or {@code null} (for tests) */
  @Nullable Prepared kept(Object representation, long second) {
    int slot = (System.identityHashCode(representation) ^ Long.hashCode(second) * 0x9E3779B9) >>> 24;
    Prepared kept = slots[slot];
    return kept != null && kept.representation() == representation && kept.second() == second ? kept : null;
  }
}
