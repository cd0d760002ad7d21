package io.playgate.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The request decoder {@link RequestFraming} installs on every HTTP/1.x connection (it extends Vert.x's internal
 * {@code VertxHttpRequestDecoder}, guarded by {@code RequestFramingIT}): Vert.x's request decoder, except that
 * <ul>
 *   <li>a request with both Content-Length and Transfer-Encoding fails to decode (Netty's hook for it,
 *       {@code handleTransferEncodingChunkedWithContentLength}, documents this use) instead of losing its
 *       Content-Length;</li>
 *   <li>a body chunk Netty could not decode is taken out of the stream and reported to {@code onMalformedBody}
 *       instead of reaching Vert.x, which would close the connection before any answer;</li>
 *   <li>a request line with an HTTP-version other than HTTP/1.0 and HTTP/1.1 fails to decode as an HTTP/1.1
 *       request, so that the invalid-request handler answers 505 with a problem body in an HTTP/1.1 status line.
 *       Left to Vert.x, such a request gets a bodiless 501 whose status line repeats the client's version
 *       ({@code Http1xServerRequestHandler}); that is what still happens should this decoder not be installed
 *       (see {@link RequestFraming#connectionHandler()}).</li>
 * </ul>
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {
  /** RFC 9112 §2.3: {@code HTTP-version = HTTP-name "/" DIGIT "." DIGIT}, {@code HTTP-name} case-sensitive. */
  private static final Pattern HTTP_VERSION = Pattern.compile("HTTP/[0-9]\\.[0-9]");
  private final Consumer<Throwable> onMalformedBody;
  /** The HTTP-version of the request head being read, when it is one we do not support; else {@code null}. */
  private @Nullable String unsupportedVersion;

  StrictRequestDecoder(HttpServerOptions options, Consumer<Throwable> onMalformedBody) {
    super(options);
    this.onMalformedBody = onMalformedBody;
  }

  @Override
  protected HttpMessage createMessage(String[] initialLine) {
    if (!isVisibleAscii(initialLine[1])) {
      throw new MalformedTargetException();
    }
    String version = initialLine[2];
    if (version.equals("HTTP/1.1") || version.equals("HTTP/1.0")) {
      return super.createMessage(initialLine);
    }
    if (!HTTP_VERSION.matcher(version).matches()) {
      throw new MalformedVersionException();
    }
    // read it as HTTP/1.1 (so the answer's status line is HTTP/1.1), and fail it once its head is complete: Netty
    // sets the head's decoder result after reading the header fields
    unsupportedVersion = version;
    return super.createMessage(new String[] {initialLine[0], initialLine[1], "HTTP/1.1"});
  }

  /** RFC 9112 §3.2 and RFC 3986 §2: a request target is visible ASCII; anything else is percent-encoded. */
  private static boolean isVisibleAscii(String target) {
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
    int before = out.size();
    super.decode(ctx, in, out);
    for (int i = before; i < out.size(); i++) {
      if (unsupportedVersion != null && out.get(i) instanceof HttpMessage head) {
        if (head.decoderResult().isSuccess()) {
          head.setDecoderResult(DecoderResult.failure(new UnsupportedVersionException(unsupportedVersion)));
        }
        unsupportedVersion = null;
      }
      // (an undecodable request head is a FullHttpRequest, also an HttpContent: the invalid-request handler's)
      if (out.get(i) instanceof HttpContent content && !(content instanceof HttpMessage)
          && content.decoderResult().isFailure()) {
        // Netty is now in its BAD_MESSAGE state: this is the last thing it emits for the connection
        out.remove(i);
        Throwable cause = content.decoderResult().cause();
        ReferenceCountUtil.release(content);
        onMalformedBody.accept(cause);
        return;
      }
    }
  }

  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    throw new AmbiguousFramingException();
  }

  /**
   * Marks a request head whose HTTP-version is well formed but not HTTP/1.0 or HTTP/1.1 ({@code HTTP/2.5},
   * {@code HTTP/3.0}): {@link InvalidRequestHandler} answers 505.
   */
  static final class UnsupportedVersionException extends RuntimeException {
    UnsupportedVersionException(String version) {
      super(version + " is not supported here: send HTTP/1.1 (RFC 9110 §15.6.6)", null, false, false);
    }
  }

  /** Marks a request line whose third part is not an HTTP-version ({@code HTTP/x.y}, RFC 9112 §2.3): 400. */
  static final class MalformedVersionException extends RuntimeException {
    MalformedVersionException() {
      super("the request line's HTTP-version is malformed (RFC 9112 §2.3: HTTP/x.y, case-sensitive)", null, false,
          false);
    }
  }

  /**
   * Marks a request target holding a control character (NUL, ESC, backspace …) or a byte outside ASCII, which
   * RFC 9112 §3.2 and RFC 3986 §2 allow only percent-encoded: 400, and the raw bytes never reach a handler or a log.
   */
  static final class MalformedTargetException extends RuntimeException {
    MalformedTargetException() {
      super("the request target holds a control character or a byte outside ASCII; percent-encode it "
          + "(RFC 9112 §3.2, RFC 3986 §2)", null, false, false);
    }
  }

  /** Raised by the decoder: the request head carries both Content-Length and Transfer-Encoding. */
  static final class AmbiguousFramingException extends RuntimeException {
    AmbiguousFramingException() {
      super(RequestFraming.CONTENT_LENGTH_AND_TRANSFER_ENCODING, null, false, false);
    }
  }
}
