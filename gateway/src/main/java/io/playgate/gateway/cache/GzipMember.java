package io.playgate.gateway.cache;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The pieces of one gzip member (RFC 1952 §2.3) and the arithmetic to splice a few per-request bytes into it without
 * compressing again: the part before the splice is deflated (RFC 1951) at level 9 and ends with a sync flush (an empty
 * stored block, so the stream is byte-aligned and not final); the splice is one stored block (RFC 1951 §3.2.4); the
 * part after it is a separate deflate stream that refers to none of the bytes before it and ends with the final
 * block; the trailer's CRC-32 of the whole is combined from the parts' CRCs (the GF(2) polynomial arithmetic of
 * zlib's {@code crc32_combine}). Stateless; every method is thread-safe.
 */
final class GzipMember {

  /** The member header (RFC 1952 §2.3.1): deflate, no flags, no time, maximum compression, unknown OS. */
  static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, (byte) 0xff};

  /** The reflected CRC-32 polynomial (ISO 3309, as in RFC 1952 §8). */
  private static final int POLY = 0xedb88320;
  /** {@code X2N[k]} is x^(2^k) modulo the polynomial. */
  private static final int[] X2N = new int[32];

  static {
    int p = 1 << 30; // x^1
    X2N[0] = p;
    for (int n = 1; n < 32; n++) {
      p = multiply(p, p);
      X2N[n] = p;
    }
  }

  private GzipMember() {
  }

  /**
   * @param bytes uncompressed bytes
   * @param finish whether this ends the stream (final block) or ends with a sync flush (byte-aligned, not final)
   * @return the raw deflate stream (RFC 1951) of {@code bytes} at level 9, without header or trailer
   */
  static byte[] deflate(byte[] bytes, boolean finish) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      deflater.setInput(bytes);
      if (finish) {
        deflater.finish();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
      byte[] chunk = new byte[4096];
      int mode = finish ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH;
      while (true) {
        int n = deflater.deflate(chunk, 0, chunk.length, mode);
        out.write(chunk, 0, n);
        if (finish ? deflater.finished() : n < chunk.length) {
          return out.toByteArray();
        }
      }
    } finally {
      deflater.end();
    }
  }

  /**
   * Inflates raw deflate data of known uncompressed length into {@code out}.
   *
   * @param inflater a raw ({@code nowrap}) inflater, positioned at a block boundary
   * @param in compressed bytes
   * @param from offset of the first compressed byte
   * @param length compressed bytes to read
   * @param out receives exactly {@code inflatedLength} bytes at {@code at}
   * @param at where in {@code out}
   * @param inflatedLength how many bytes the data inflates to
   * @throws IllegalStateException when the data is not what this class wrote (never for a kept variant)
   */
  static void inflate(Inflater inflater, byte[] in, int from, int length, byte[] out, int at, int inflatedLength) {
    inflater.setInput(in, from, length);
    int done = 0;
    try {
      while (done < inflatedLength) {
        int n = inflater.inflate(out, at + done, inflatedLength - done);
        if (n == 0 && (inflater.needsInput() || inflater.finished() || inflater.needsDictionary())) {
          throw new IllegalStateException("deflate data ended after " + done + " of " + inflatedLength + " bytes");
        }
        done += n;
      }
    } catch (DataFormatException e) {
      throw new IllegalStateException("corrupt deflate data", e);
    }
  }

  /** @return the non-final stored block (RFC 1951 §3.2.4) holding {@code bytes}, at most 65,535 of them */
  static byte[] storedBlock(byte[] bytes) {
    int len = bytes.length;
    if (len > 0xffff) {
      throw new IllegalArgumentException("a stored block holds at most 65535 bytes, not " + len);
    }
    byte[] block = new byte[5 + len];
    block[1] = (byte) len;
    block[2] = (byte) (len >>> 8);
    block[3] = (byte) ~len;
    block[4] = (byte) (~len >>> 8);
    System.arraycopy(bytes, 0, block, 5, len);
    return block;
  }

  /** @return the CRC-32 of {@code bytes} */
  static int crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return (int) crc.getValue();
  }

  /**
   * @param length a byte count, {@code >= 0}
   * @return the operator that shifts a CRC over {@code length} zero bytes (x^(8·length) modulo the polynomial), for
   *     {@link #combine}
   */
  static int shift(long length) {
    int p = 1 << 31; // x^0
    int k = 3;
    for (long n = length; n != 0; n >>>= 1, k++) {
      if ((n & 1) != 0) {
        p = multiply(X2N[k & 31], p);
      }
    }
    return p;
  }

  /**
   * @param crcFirst CRC-32 of a first sequence
   * @param crcSecond CRC-32 of a second sequence
   * @param shiftSecond {@link #shift} of the second sequence's length
   * @return the CRC-32 of the two sequences one after the other
   */
  static int combine(int crcFirst, int crcSecond, int shiftSecond) {
    return multiply(shiftSecond, crcFirst) ^ crcSecond;
  }

  /** @return the 8-byte member trailer (RFC 1952 §2.3.1): CRC-32 and length modulo 2^32, little-endian */
  static byte[] trailer(int crc, int length) {
    return new byte[] {(byte) crc, (byte) (crc >>> 8), (byte) (crc >>> 16), (byte) (crc >>> 24),
        (byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) (length >>> 24)};
  }

  /** a·b modulo the CRC polynomial, both reflected. */
  private static int multiply(int a, int b) {
    int m = 1 << 31;
    int p = 0;
    while (true) {
      if ((a & m) != 0) {
        p ^= b;
        if ((a & (m - 1)) == 0) {
          return p;
        }
      }
      m >>>= 1;
      b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
    }
  }
}
