package io.playgate.gateway.hub;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;
import org.jspecify.annotations.Nullable;

/**
 * A WebClient body codec that keeps at most a given number of decoded (decompressed) bytes and fails the call beyond
 * that with {@link TooLargeException}, so a compressed bomb or an endless body ends with bounded memory. Used by the
 * hub client and by the artwork downloads.
 */
public final class CappedBody {

  private CappedBody() {
  }

  /**
   * @param maxBytes the most decoded bytes kept, positive
   * @return the codec, for {@code HttpRequest.as(...)}
   */
  public static BodyCodec<Buffer> codec(long maxBytes) {
    return () -> new CappedBodyStream(maxBytes);
  }

  private static final class CappedBodyStream implements BodyStream<Buffer> {
    private final long maxBytes;
    private final Buffer buffer = Buffer.buffer();
    private final Promise<Buffer> result = Promise.promise();
    private @Nullable Handler<Throwable> exceptionHandler;

    CappedBodyStream(long maxBytes) {
      this.maxBytes = maxBytes;
    }

    @Override
    public Future<Buffer> result() {
      return result.future();
    }

    @Override
    public void handle(Throwable cause) {
      result.tryFail(cause);
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      this.exceptionHandler = handler;
      return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
      if ((long) buffer.length() + data.length() > maxBytes) {
        TooLargeException e = new TooLargeException(maxBytes);
        result.tryFail(e);
        if (exceptionHandler != null) {
          exceptionHandler.handle(e);
        }
        return Future.failedFuture(e);
      }
      buffer.appendBuffer(data);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      result.tryComplete(buffer);
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      return this;
    }
  }

  /** The decoded body grew past the configured cap. */
  public static final class TooLargeException extends RuntimeException {
    TooLargeException(long maxBytes) {
      super("decoded body larger than " + maxBytes + " bytes", null, false, false);
    }
  }

}
