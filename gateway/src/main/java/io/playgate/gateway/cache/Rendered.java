package io.playgate.gateway.cache;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
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
  private static final long[] NO_TAG = {0, 0};
  private static final String GZIP_SUFFIX = "-gzip\"";
  /**
   * This object (64 bytes: the tag is two {@code long}s, not a string) and the byte array's header (16), as a 64-bit
   * JVM with compressed references lays them out.
   */
  private static final long OVERHEAD_BYTES = 64 + 16;

  /**
   * Identity: head then tail. Gzip: header, head deflated with a sync flush, then tail deflated to its end. A plain
   * array (a Vert.x buffer over it would cost 80 bytes more per variant); a page is sent wrapped, not copied.
   */
  private final byte[] kept;
  /** Where the tail starts in {@link #kept}; {@code -1} for a body without a per-request part (a page). */
  private final int tailAt;
  private final int headLength;
  private final int tailLength;
  private final int headCrc;
  private final int tailCrc;
  /**
   * The first and second 64 bits of the SHA-256 of head and tail, the identity tag {@code W/"<22 base64url chars>"}
   * (and {@code W/"<same>-gzip"}) formatted from them per call: a string per variant would cost 72 bytes more.
   */
  private final long tagHigh;
  private final long tagLow;
  /** A tag given as it is ({@link #opaque}), or {@code null} when it is formatted from the two longs. */
  private final @Nullable String givenEtag;
  private final Coding storedAs;
  private final boolean compressible;

  private Rendered(byte[] bytes, int tailAt, int headLength, int tailLength, int headCrc, int tailCrc, long[] tag,
      @Nullable String givenEtag, Coding storedAs, boolean compressible) {
    this.kept = bytes;
    this.tailAt = tailAt;
    this.headLength = headLength;
    this.tailLength = tailLength;
    this.headCrc = headCrc;
    this.tailCrc = tailCrc;
    this.tagHigh = tag[0];
    this.tagLow = tag[1];
    this.givenEtag = givenEtag;
    this.storedAs = storedAs;
    this.compressible = compressible;
  }

  /**
   * @param body a complete text body (a page, an oEmbed answer)
   * @return the body with its weak ETag, compressible
   */
  public static Rendered of(Buffer body) {
    byte[] b = body.getBytes();
    return new Rendered(b, -1, b.length, 0, 0, 0, tag(b, EMPTY), null, Coding.IDENTITY, true);
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
    return new Rendered(both, h.length, h.length, t.length, 0, 0, tag(h, t), null, Coding.IDENTITY, true);
  }

  /**
   * A body that is never compressed (an image: already compressed, and media is sent as it is).
   *
   * @param body the complete body
   * @param etag its entity tag, quoted, optionally {@code W/}-prefixed
   * @return the body with that tag
   */
  public static Rendered opaque(byte[] body, String etag) {
    return new Rendered(body, -1, body.length, 0, 0, 0, NO_TAG, etag, Coding.IDENTITY, false);
  }

  /**
   * Compresses this identity variant once (deflate level 9, ~0.1–1 ms for 1–6 KB): the form {@link CachedMedia} keeps
   * when {@code cache.compression} is {@code gzip}.
   *
   * @return the gzip form with both entity tags; this one when it is already gzip or not {@link #compressible()}
   */
  public Rendered gzipped() {
    if (storedAs == Coding.GZIP || !compressible) {
      return this;
    }
    long[] tag = {tagHigh, tagLow};
    if (tailAt < 0) {
      byte[] deflated = GzipMember.deflate(kept, true);
      byte[] member = concat(GzipMember.HEADER, deflated, GzipMember.trailer(GzipMember.crc(kept), kept.length));
      return new Rendered(member, -1, kept.length, 0, 0, 0, tag, null, Coding.GZIP, true);
    }
    byte[] head = Arrays.copyOfRange(kept, 0, tailAt);
    byte[] tail = Arrays.copyOfRange(kept, tailAt, kept.length);
    byte[] first = concat(GzipMember.HEADER, GzipMember.deflate(head, false), EMPTY);
    byte[] all = concat(first, GzipMember.deflate(tail, true), EMPTY);
    return new Rendered(all, first.length, head.length, tail.length, GzipMember.crc(head), GzipMember.crc(tail),
        tag, null, Coding.GZIP, true);
  }

  /** @return the coding this variant is kept in */
  public Coding storedAs() {
    return storedAs;
  }

  /** @return whether the variant may be sent compressed (false for {@link #opaque} bodies) */
  public boolean compressible() {
    return compressible;
  }

  /** @return the identity representation's entity tag */
  public String etag() {
    return etag(Coding.IDENTITY);
  }

  /**
   * @param coding the coding of the representation sent; {@link Coding#GZIP} only when {@link #storedAs()} is
   * @return that representation's entity tag
   */
  public String etag(Coding coding) {
    if (coding != storedAs) {
      requireIdentity(coding);
    }
    if (givenEtag != null) {
      return givenEtag;
    }
    byte[] bits = new byte[16];
    for (int i = 0; i < 8; i++) {
      bits[i] = (byte) (tagHigh >>> (56 - 8 * i));
      bits[8 + i] = (byte) (tagLow >>> (56 - 8 * i));
    }
    String base = "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    return coding == Coding.GZIP ? base + GZIP_SUFFIX : base + "\"";
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
    if (storedAs == Coding.IDENTITY) {
      requireIdentity(coding);
      if (mid.length == 0) {
        return wrap(kept);
      }
      byte[] out = new byte[kept.length + mid.length];
      System.arraycopy(kept, 0, out, 0, tailAt);
      System.arraycopy(mid, 0, out, tailAt, mid.length);
      System.arraycopy(kept, tailAt, out, tailAt + mid.length, kept.length - tailAt);
      return wrap(out);
    }
    return wrap(coding == Coding.GZIP ? gzipBody(mid) : inflated(mid));
  }

  private byte[] gzipBody(byte[] mid) {
    if (tailAt < 0) {
      return kept;
    }
    byte[] stored = mid.length == 0 ? EMPTY : GzipMember.storedBlock(mid);
    int crc = GzipMember.combine(GzipMember.combine(headCrc, GzipMember.crc(mid), GzipMember.shift(mid.length)),
        tailCrc, GzipMember.shift(tailLength));
    byte[] trailer = GzipMember.trailer(crc, headLength + mid.length + tailLength);
    byte[] out = new byte[kept.length + stored.length + trailer.length];
    System.arraycopy(kept, 0, out, 0, tailAt);
    System.arraycopy(stored, 0, out, tailAt, stored.length);
    System.arraycopy(kept, tailAt, out, tailAt + stored.length, kept.length - tailAt);
    System.arraycopy(trailer, 0, out, out.length - trailer.length, trailer.length);
    return out;
  }

  /**
   * A buffer over {@code bytes} without copying them: Vert.x 5's public {@code Buffer.buffer(byte[])} copies, so this
   * goes through its internal {@code BufferInternal} and Netty's {@code Unpooled.wrappedBuffer} (the bytes are never
   * modified; the response writes a slice). CompressionIT compares the bytes sent with the bytes rendered.
   */
  private static Buffer wrap(byte[] bytes) {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes));
  }

  private byte[] inflated(byte[] mid) {
    byte[] bytes = kept;
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
    return OVERHEAD_BYTES + kept.length + (givenEtag == null ? 0 : 40 + givenEtag.length());
  }

  /** @return the length of the kept bytes (compressed when kept as gzip) */
  public int keptLength() {
    return kept.length;
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

  /** The bits of a weak tag (RFC 9110 §8.8.3) of head and tail: the first 128 of their SHA-256, as two longs. */
  private static long[] tag(byte[] head, byte[] tail) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(head);
      sha.update((byte) 0);
      sha.update(tail);
      ByteBuffer digest = ByteBuffer.wrap(sha.digest());
      return new long[] {digest.getLong(), digest.getLong()};
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
