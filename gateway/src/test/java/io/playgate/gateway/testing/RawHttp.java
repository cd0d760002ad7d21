package io.playgate.gateway.testing;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.x exchanges over a raw socket, for what no HTTP client sends: ambiguous framing, broken chunked bodies,
 * odd protocol versions, pipelined requests (RFC 9112). Bytes go out as ISO-8859-1, exactly as written.
 */
public final class RawHttp {

  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3}) ");
  private static final int READ_TIMEOUT_MILLIS = 8_000;

  private RawHttp() {
  }

  /**
   * What came back on one connection before the server closed it.
   *
   * @param text everything read, as ISO-8859-1
   * @param responses how many HTTP/1.x status lines it holds (a smuggled or pipelined request answered adds one)
   * @param firstStatus the first response's status, or -1 if none came
   */
  public record Exchange(String text, int responses, int firstStatus) {

    /** @return the first response's body, read as one JSON object (a problem body, RFC 9457) */
    public JsonObject problem() {
      int body = text.indexOf("\r\n\r\n") + 4;
      return new JsonObject(text.substring(body, text.indexOf('}', body) + 1));
    }
  }

  /**
   * Connects to 127.0.0.1:{@code port}, writes {@code bytes}, then reads until the server closes the connection.
   *
   * @param port the gateway's port
   * @param bytes the request(s) exactly as sent, CRLFs included
   * @return what came back
   * @throws AssertionError if the server keeps the connection open for 8 s after the request
   * @throws IOException if the connection fails
   */
  public static Exchange exchange(int port, String bytes) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(READ_TIMEOUT_MILLIS);
      s.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      String all;
      try {
        all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the server kept the connection open after: " + bytes.replace("\r\n", "\\r\\n"), e);
      }
      Matcher m = STATUS_LINE.matcher(all);
      int count = 0;
      int first = -1;
      while (m.find()) {
        if (count++ == 0) {
          first = Integer.parseInt(m.group(1));
        }
      }
      return new Exchange(all, count, first);
    }
  }
}
