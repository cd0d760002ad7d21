package io.playgate.hub.simulator;

import io.playgate.hub.local.Catalog;
import io.playgate.hub.local.LocalHub;
import io.playgate.hub.simulator.HubFaults.Answer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.jspecify.annotations.Nullable;

/** Writes the hostile {@link Answer}s and the slow drip for {@link HubFaults}; every write respects back-pressure. */
final class HubFaultAnswers {

  private static final int CHUNK_BYTES = 64 * 1024;
  /** Padding for OVERSIZE and ENDLESS: shared, read-only, written many times. */
  private static final Buffer PADDING = Buffer.buffer("x".repeat(CHUNK_BYTES));
  private static final String PAD_OPEN = "{\"padding\":\"";
  private static final int BOMB_BLOCK_BYTES = 1024 * 1024;
  private static final int BOMB_BLOCKS = 1024;
  static final byte[] BOMB_SUFFIX = "{\"id\":\"bomb\",\"kind\":\"track\"}".getBytes(StandardCharsets.US_ASCII);

  /** The gzip bomb, computed once per JVM: head + {@code repeat × repeatCount} + tail is one valid gzip member. */
  private record Bomb(Buffer head, Buffer repeat, long repeatCount, Buffer tail) {
  }

  private static volatile @Nullable Bomb bomb;

  private HubFaultAnswers() {
  }

  /**
   * Sends {@code answer} (anything but NORMAL).
   *
   * @param entry the servable catalogue entry, or null when the id has none (only for answers that need no item)
   */
  static void send(Vertx vertx, HttpServerResponse resp, Answer answer, String id, Catalog.@Nullable Entry entry,
                   String cacheControl, Duration drip) {
    resp.exceptionHandler(e -> { }); // a client that goes away mid-body is what these answers are for
    switch (answer) {
      case HTML -> body(vertx, resp.putHeader("Content-Type", "text/html; charset=utf-8"),
          Buffer.buffer("<!doctype html><html><head><title>Down for maintenance</title></head>"
              + "<body><h1>We'll be right back</h1><p>The media service is under maintenance.</p></body></html>"), drip);
      case TRUNCATED_JSON -> body(vertx, legit(resp, entry, cacheControl),
          entry.body().slice(0, entry.body().length() / 2).copy(), drip);
      case MISSING_FIELDS -> {
        JsonObject item = new JsonObject(entry.body());
        item.remove("title");
        item.remove("pageUrl");
        body(vertx, legit(resp, entry, cacheControl), item.toBuffer(), drip);
      }
      case WRONG_TYPES -> body(vertx, legit(resp, entry, cacheControl),
          new JsonObject(entry.body()).put("width", "720px").put("height", "480px").toBuffer(), drip);
      case WRONG_CONTENT_TYPE -> body(vertx, legit(resp, entry, cacheControl)
          .putHeader("Content-Type", "text/plain; charset=utf-8"), entry.body(), drip);
      case REDIRECT -> resp.setStatusCode(302)
          .putHeader("Location", "http://127.0.0.1:1/hub/v1/media/" + URLEncoder.encode(id, StandardCharsets.UTF_8))
          .putHeader("Cache-Control", "no-store")
          .end();
      case OVERSIZE -> {
        long chunks = (HubFaults.OVERSIZE_BYTES + CHUNK_BYTES - 1) / CHUNK_BYTES;
        Buffer rest = Buffer.buffer("\",").appendBuffer(entry.body().slice(1, entry.body().length()));
        stream(legit(resp, entry, cacheControl).setChunked(true),
            sequence(Buffer.buffer(PAD_OPEN), PADDING, chunks, rest));
      }
      case ENDLESS -> stream(resp.putHeader("Content-Type", "application/json").setChunked(true),
          sequence(Buffer.buffer(PAD_OPEN), PADDING, Long.MAX_VALUE, null));
      case GZIP_BOMB -> bomb(vertx).onComplete(ar -> {
        if (resp.closed()) {
          return;
        }
        if (ar.failed()) {
          LocalHub.problem(resp, 500, "Internal Server Error", "cannot build the gzip bomb");
          return;
        }
        Bomb b = ar.result();
        stream(resp.putHeader("Content-Type", "application/json").putHeader("Content-Encoding", "gzip")
            .setChunked(true), sequence(b.head(), b.repeat(), b.repeatCount(), b.tail()));
      });
      default -> throw new IllegalArgumentException("not a fault answer: " + answer);
    }
  }

  /** The headers a well-behaved hub sends with a MediaItem, so only the body gives the answer away. */
  private static HttpServerResponse legit(HttpServerResponse resp, Catalog.Entry entry, String cacheControl) {
    return resp.putHeader("Content-Type", "application/json").putHeader("ETag", entry.etag())
        .putHeader("Cache-Control", cacheControl);
  }

  /**
   * Ends the response with {@code body}, at once or one byte per {@code drip} (headers first, with the full
   * {@code Content-Length}; the timer stops when the connection closes).
   */
  static void body(Vertx vertx, HttpServerResponse resp, Buffer body, Duration drip) {
    if (drip.isZero() || body.length() == 0) {
      resp.end(body);
      return;
    }
    resp.exceptionHandler(e -> { });
    resp.putHeader("Content-Length", Integer.toString(body.length()));
    resp.writeHead();
    int[] next = {0};
    long timer = vertx.setPeriodic(drip.toMillis(), t -> {
      if (resp.closed() || resp.ended()) {
        vertx.cancelTimer(t);
        return;
      }
      int i = next[0]++;
      Buffer one = body.slice(i, i + 1).copy();
      if (i + 1 >= body.length()) {
        vertx.cancelTimer(t);
        resp.end(one);
      } else {
        resp.write(one);
      }
    });
    resp.closeHandler(v -> vertx.cancelTimer(timer));
  }

  /** head, then {@code middle} {@code count} times, then tail (null for none). */
  private static Iterator<Buffer> sequence(Buffer head, Buffer middle, long count, @Nullable Buffer tail) {
    return new Iterator<>() {
      private long step = -1; // -1: head; 0..count-1: middle; count: tail

      @Override
      public boolean hasNext() {
        return step < count || (step == count && tail != null);
      }

      @Override
      public Buffer next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        long s = step++;
        return s < 0 ? head : s < count ? middle : tail;
      }
    };
  }

  /**
   * Writes the chunks while the connection's write queue has room, resumes on drain, ends after the last one and
   * stops for good when the client goes away (no drain ever comes then).
   */
  private static void stream(HttpServerResponse resp, Iterator<Buffer> chunks) {
    new Object() {
      void pump() {
        while (!resp.closed() && !resp.writeQueueFull()) {
          if (!chunks.hasNext()) {
            resp.end();
            return;
          }
          resp.write(chunks.next());
        }
        if (!resp.closed()) {
          resp.drainHandler(v -> pump());
        }
      }
    }.pump();
  }

  /**
   * @return the bomb, computed on a worker thread the first time (a few deflate calls on 1 MiB blocks and a CRC-32
   *     over 1 GiB); completes on the caller's context
   */
  private static Future<Bomb> bomb(Vertx vertx) {
    Bomb b = bomb;
    return b != null ? Future.succeededFuture(b) : vertx.executeBlocking(HubFaultAnswers::computeBomb);
  }

  /**
   * One gzip member (RFC 1952) whose deflate stream (RFC 1951) is built from 1 MiB blocks of spaces, each ended
   * with a sync flush so it is byte-aligned: once the 32 KiB window holds nothing but spaces, every further block
   * compresses to the same bytes, so those bytes are sent {@code repeatCount} times instead of being deflated again.
   */
  private static synchronized Bomb computeBomb() {
    if (bomb != null) {
      return bomb;
    }
    byte[] block = new byte[BOMB_BLOCK_BYTES];
    Arrays.fill(block, (byte) ' ');
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      // ID1 ID2, CM=deflate, FLG=0, MTIME=0, XFL=2 (best compression), OS=255 (unknown)
      head.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, (byte) 0xff}, 0, 10);
      byte[] previous = null;
      byte[] repeat = null;
      int fed = 0;
      while (repeat == null) {
        if (fed == 16) {
          throw new IllegalStateException("deflate output never settled into a repeating block");
        }
        byte[] out = deflate(deflater, block, Deflater.SYNC_FLUSH);
        fed++;
        if (Arrays.equals(out, previous)) {
          repeat = out;
        } else {
          head.write(out, 0, out.length);
          previous = out;
        }
      }
      byte[] end = deflate(deflater, BOMB_SUFFIX, Deflater.FULL_FLUSH);
      deflater.finish();
      ByteArrayOutputStream tail = new ByteArrayOutputStream();
      tail.write(end, 0, end.length);
      byte[] buf = new byte[4096];
      while (!deflater.finished()) {
        tail.write(buf, 0, deflater.deflate(buf));
      }
      CRC32 crc = new CRC32();
      for (int i = 0; i < BOMB_BLOCKS; i++) {
        crc.update(block);
      }
      crc.update(BOMB_SUFFIX);
      long size = HubFaults.BOMB_INFLATED_BYTES;
      Buffer trailer = Buffer.buffer().appendIntLE((int) crc.getValue()).appendIntLE((int) size);
      bomb = new Bomb(Buffer.buffer(head.toByteArray()), Buffer.buffer(repeat), BOMB_BLOCKS - (fed - 1),
          Buffer.buffer(tail.toByteArray()).appendBuffer(trailer));
      return bomb;
    } finally {
      deflater.end();
    }
  }

  /** Feeds {@code input} and collects everything the deflater gives back under {@code flush}. */
  private static byte[] deflate(Deflater deflater, byte[] input, int flush) {
    if (input.length > 0) {
      deflater.setInput(input);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    while (true) {
      int n = deflater.deflate(buf, 0, buf.length, flush);
      out.write(buf, 0, n);
      if (n < buf.length && deflater.needsInput()) {
        return out.toByteArray();
      }
    }
  }
}
