package io.playgate.gateway.cache;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * A pre-serialised response of one variant, kept beside its {@link CachedMedia} entry. The body is
 * {@code head + middle + tail}, where the optional middle is the one part that changes per request (oEmbed
 * {@code cache_age}); pages have an empty tail and no middle.
 *
 * <p>Kept in one of two forms. {@link Coding#IDENTITY}: the bytes as rendered. {@link Coding#GZIP} ({@link #gzipped},
 * made once when the variant is kept): head and tail deflated at level 9 as the pieces of one gzip member
 * ({@link GzipMember}), so a gzip answer is those bytes with the middle spliced in as a stored block, and an identity
 * answer inflates them (RFC 9110 §8.4.1.3, §12.5.3). Each coding is its own representation with its own weak entity
 * tag (RFC 9110 §8.8.3): {@code W/"<tag>"} and {@code W/"<tag>-gzip"}. Immutable and thread-safe; callers must not
 * modify the buffers they get.
 */
public final class Rendered {

  /** A content coding (RFC 9110 §8.4.1) a kept variant is stored in or sent in. */
  public enum Coding {
    /** The bytes as rendered; no {@code Content-Encoding}. */
    IDENTITY,
    /** One gzip member (RFC 1952); {@code Content-Encoding: gzip}. */
    GZIP
  }

  private static final byte[] EMPTY = new byte[0];
  /**
   * This object (56 bytes), its buffer (a Vert.x buffer over a Netty heap buffer, about 64), the byte array's header
   * (16) and the identity tag's string and array headers (40), as a 64-bit JVM with compressed references lays them
   * out.
   */
  private static final long OVERHEAD_BYTES = 56 + 64 + 16 + 40;

  /**
   * Identity: head then tail. Gzip: header, head deflated with a sync flush, then tail deflated to its end. A buffer,
   * so that a page is sent as a slice of it, without copying.
   */
  private final Buffer kept;
  /** Where the tail starts in {@link #kept}; {@code -1} for a body without a per-request part (a page). */
  private final int tailAt;
  private final int headLength;
  private final int tailLength;
  private final int headCrc;
  private final int tailCrc;
  private final String etag;
  private final @Nullable String gzipEtag;
  private final boolean compressible;

  private Rendered(byte[] bytes, int tailAt, int headLength, int tailLength, int headCrc, int tailCrc, String etag,
      @Nullable String gzipEtag, boolean compressible) {
    this.kept = Buffer.buffer(bytes);
    this.tailAt = tailAt;
    this.headLength = headLength;
    this.tailLength = tailLength;
    this.headCrc = headCrc;
    this.tailCrc = tailCrc;
    this.etag = etag;
    this.gzipEtag = gzipEtag;
    this.compressible = compressible;
  }

  /**
   * @param body a complete text body (a page, an oEmbed answer)
   * @return the body with its weak ETag, compressible
   */
  public static Rendered of(Buffer body) {
    byte[] b = body.getBytes();
    return new Rendered(b, -1, b.length, 0, 0, 0, weakEtag(b, EMPTY), null, true);
  }

  /**
   * @param head bytes before the per-request part
   * @param tail bytes after it
   * @return the parts with their weak ETag (of head and tail), compressible
   */
  public static Rendered around(Buffer head, Buffer tail) {
    byte[] h = head.getBytes();
    byte[] t = tail.getBytes();
    byte[] both = Arrays.copyOf(h, h.length + t.length);
    System.arraycopy(t, 0, both, h.length, t.length);
    return new Rendered(both, h.length, h.length, t.length, 0, 0, weakEtag(h, t), null, true);
  }

  /**
   * A body that is never compressed (an image: already compressed, and media is sent as it is).
   *
   * @param body the complete body
   * @param etag its entity tag, quoted, optionally {@code W/}-prefixed
   * @return the body with that tag
   */
  public static Rendered opaque(byte[] body, String etag) {
    return new Rendered(body, -1, body.length, 0, 0, 0, etag, null, false);
  }

  /**
   * Compresses this identity variant once (deflate level 9, ~0.1–1 ms for 1–6 KB): the form {@link CachedMedia} keeps
   * when {@code cache.compression} is {@code gzip}.
   *
   * @return the gzip form with both entity tags; this one when it is already gzip or not {@link #compressible()}
   */
  public Rendered gzipped() {
    if (gzipEtag != null || !compressible) {
      return this;
    }
    String zipped = etag.substring(0, etag.length() - 1) + "-gzip\"";
    if (tailAt < 0) {
      byte[] head = kept.getBytes();
      byte[] deflated = GzipMember.deflate(head, true);
      byte[] member = concat(GzipMember.HEADER, deflated, GzipMember.trailer(GzipMember.crc(head), head.length));
      return new Rendered(member, -1, head.length, 0, 0, 0, etag, zipped, true);
    }
    byte[] head = kept.getBytes(0, tailAt);
    byte[] tail = kept.getBytes(tailAt, kept.length());
    byte[] first = concat(GzipMember.HEADER, GzipMember.deflate(head, false), EMPTY);
    byte[] all = concat(first, GzipMember.deflate(tail, true), EMPTY);
    return new Rendered(all, first.length, head.length, tail.length, GzipMember.crc(head), GzipMember.crc(tail), etag,
        zipped, true);
  }

  /** @return the coding this variant is kept in */
  public Coding storedAs() {
    return gzipEtag == null ? Coding.IDENTITY : Coding.GZIP;
  }

  /** @return whether the variant may be sent compressed (false for {@link #opaque} bodies) */
  public boolean compressible() {
    return compressible;
  }

  /** @return the identity representation's entity tag */
  public String etag() {
    return etag;
  }

  /**
   * @param coding the coding of the representation sent; {@link Coding#GZIP} only when {@link #storedAs()} is
   * @return that representation's entity tag
   */
  public String etag(Coding coding) {
    return coding == Coding.GZIP ? requireGzip() : etag;
  }

  /** @return the complete identity body when there is no per-request part */
  public Buffer body() {
    return body("", Coding.IDENTITY);
  }

  /**
   * @param middle the per-request part, e.g. a {@code cache_age} value
   * @return a new buffer {@code head + middle + tail}, identity
   */
  public Buffer body(String middle) {
    return body(middle, Coding.IDENTITY);
  }

  /**
   * The body in one coding: kept bytes sent as they are, or (gzip kept, identity asked) inflated per call, about
   * 1 µs per KB. Gzip asked of an identity variant is a programming error: nothing is compressed per request.
   *
   * @param middle the per-request part (ASCII or UTF-8 text), {@code ""} for none and for a variant made with
   *     {@link #of} or {@link #opaque}
   * @return the body; a variant without a per-request part is a view of the kept bytes, not a copy
   * @throws IllegalStateException when gzip is asked of an identity variant, or a middle of a variant without one
   */
  public Buffer body(String middle, Coding coding) {
    byte[] mid = middle.getBytes(StandardCharsets.UTF_8);
    if (tailAt < 0 && mid.length > 0) {
      throw new IllegalStateException("this variant has no per-request part");
    }
    if (gzipEtag == null) {
      requireIdentity(coding);
      if (mid.length == 0) {
        return kept;
      }
      return Buffer.buffer(kept.length() + mid.length).appendBuffer(kept, 0, tailAt).appendBytes(mid)
          .appendBuffer(kept, tailAt, kept.length() - tailAt);
    }
    return coding == Coding.GZIP ? gzipBody(mid) : Buffer.buffer(inflated(mid));
  }

  private Buffer gzipBody(byte[] mid) {
    if (tailAt < 0) {
      return kept;
    }
    byte[] stored = mid.length == 0 ? EMPTY : GzipMember.storedBlock(mid);
    int crc = GzipMember.combine(GzipMember.combine(headCrc, GzipMember.crc(mid), GzipMember.shift(mid.length)),
        tailCrc, GzipMember.shift(tailLength));
    byte[] trailer = GzipMember.trailer(crc, headLength + mid.length + tailLength);
    return Buffer.buffer(kept.length() + stored.length + trailer.length).appendBuffer(kept, 0, tailAt)
        .appendBytes(stored).appendBuffer(kept, tailAt, kept.length() - tailAt).appendBytes(trailer);
  }

  private byte[] inflated(byte[] mid) {
    byte[] bytes = kept.getBytes();
    byte[] out = new byte[headLength + mid.length + tailLength];
    Inflater inflater = new Inflater(true);
    try {
      int header = GzipMember.HEADER.length;
      int headEnd = tailAt < 0 ? bytes.length - 8 : tailAt;
      GzipMember.inflate(inflater, bytes, header, headEnd - header, out, 0, headLength);
      System.arraycopy(mid, 0, out, headLength, mid.length);
      if (tailAt >= 0) {
        GzipMember.inflate(inflater, bytes, tailAt, bytes.length - tailAt, out, headLength + mid.length, tailLength);
      }
      return out;
    } finally {
      inflater.end();
    }
  }

  /**
   * @return the bytes this variant keeps in memory, for the cache's weigher: the kept bytes (compressed when kept as
   *     gzip), the tags, and the objects' headers and fields
   */
  public long bytes() {
    return OVERHEAD_BYTES + kept.length() + etag.length() + (gzipEtag == null ? 0 : 40L + gzipEtag.length());
  }

  /** @return the length of the kept bytes (compressed when kept as gzip) */
  public int keptLength() {
    return kept.length();
  }

  private String requireGzip() {
    if (gzipEtag == null) {
      throw new IllegalStateException("this variant is kept as identity: no gzip representation");
    }
    return gzipEtag;
  }

  private static void requireIdentity(Coding coding) {
    if (coding != Coding.IDENTITY) {
      throw new IllegalStateException("this variant is kept as identity: no gzip representation");
    }
  }

  private static byte[] concat(byte[] a, byte[] b, byte[] c) {
    byte[] out = Arrays.copyOf(a, a.length + b.length + c.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    System.arraycopy(c, 0, out, a.length + b.length, c.length);
    return out;
  }

  /** A weak tag (RFC 9110 §8.8.3) of head and tail: 128 bits of their SHA-256, base64url. */
  private static String weakEtag(byte[] head, byte[] tail) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(head);
      sha.update((byte) 0);
      sha.update(tail);
      byte[] digest = sha.digest();
      return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
