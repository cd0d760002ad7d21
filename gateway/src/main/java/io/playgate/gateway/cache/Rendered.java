package io.playgate.gateway.cache;

import io.vertx.core.buffer.Buffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A pre-serialised response of one variant, kept beside its {@link CachedMedia} entry. The body is
 * {@code head + middle + tail}, where the optional middle is the one part that changes per request (oEmbed
 * {@code cache_age}); pages have an empty tail and no middle.
 *
 * @param head bytes before the per-request part (the whole body of a page); never modified once built
 * @param tail bytes after it, often empty
 * @param etag a weak entity tag ({@code W/"…"}, RFC 9110 §8.8.3) of head and tail: two responses with the same tag
 *     differ at most in the per-request part, which makes them semantically equivalent, not byte-identical
 */
public record Rendered(Buffer head, Buffer tail, String etag) {

  private static final Buffer EMPTY = Buffer.buffer(0);

  /**
   * @param body a complete body
   * @return the body with its weak ETag
   */
  public static Rendered of(Buffer body) {
    return new Rendered(body, EMPTY, etagOf(body, EMPTY));
  }

  /**
   * @param head bytes before the per-request part
   * @param tail bytes after it
   * @return the parts with their weak ETag
   */
  public static Rendered around(Buffer head, Buffer tail) {
    return new Rendered(head, tail, etagOf(head, tail));
  }

  /** @return the complete body when there is no per-request part ({@code head}) */
  public Buffer body() {
    return tail.length() == 0 ? head : body("");
  }

  /**
   * @param middle the per-request part, e.g. a {@code cache_age} value
   * @return a new buffer {@code head + middle + tail}
   */
  public Buffer body(String middle) {
    return Buffer.buffer(head.length() + middle.length() + tail.length()).appendBuffer(head).appendString(middle)
        .appendBuffer(tail);
  }

  /** @return the bytes this variant keeps in memory, for the cache's weigher */
  public long bytes() {
    return 64L + head.length() + tail.length() + etag.length() * 2L;
  }

  private static String etagOf(Buffer head, Buffer tail) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(head.getBytes());
      sha.update((byte) 0);
      sha.update(tail.getBytes());
      byte[] digest = sha.digest();
      return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16)) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
