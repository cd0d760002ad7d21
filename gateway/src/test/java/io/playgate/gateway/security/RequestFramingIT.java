package io.playgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.RawHttp.Exchange;
import io.playgate.gateway.testing.RawHttp;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Request smuggling defences (RFC 9112 §6.1, §6.3, §3.2) over raw sockets against a real gateway: a request whose
 * framing is ambiguous (Content-Length and Transfer-Encoding together, conflicting Content-Lengths, a transfer
 * coding other than a final {@code chunked}, Transfer-Encoding on HTTP/1.0) or that names more than one
 * {@code Host} gets one problem response and then the connection is closed, so a request hidden in its body (or
 * pipelined behind it) is never answered.
 */
class RequestFramingIT {

  /** Answered 200 if it were ever parsed: the "smuggled" request. */
  private static final String SMUGGLED = "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n";

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded();

  /**
   * Writes {@code bytes}, then reads until the server closes the connection; a server that keeps it open fails the
   * test (read timeout).
   */
  private static Exchange exchange(String bytes) throws IOException {
    return RawHttp.exchange(gateway.port(), bytes);
  }

  private static void assertRejectedAndClosed(Exchange e, int status, String detailPart) {
    assertThat(e.firstStatus()).as(e.text()).isEqualTo(status);
    assertThat(e.responses()).as("responses on the connection (the smuggled request must get none): " + e.text())
        .isEqualTo(1);
    assertThat(e.text().toLowerCase()).contains("content-type: application/problem+json").contains("connection: close");
    assertThat(e.problem().getInteger("status")).isEqualTo(status);
    assertThat(e.problem().getString("detail")).contains(detailPart);
  }

  @Test
  void contentLengthWithTransferEncodingIs400AndTheHiddenRequestIsNeverAnswered() throws Exception {
    // CL.TE: a front proxy that goes by Content-Length forwards the GET as part of the body; we read chunked
    String body = "0\r\n\r\n" + SMUGGLED;
    Exchange e = exchange("POST /events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n" + body);
    assertRejectedAndClosed(e, 400, "Content-Length and Transfer-Encoding");
    // the same with the headers the other way round, on another route and on a GET
    e = exchange("GET /health/live HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
        + "0\r\n\r\n" + SMUGGLED);
    assertRejectedAndClosed(e, 400, "Content-Length and Transfer-Encoding");
    // HTTP/1.0: the decoder keeps both headers; still refused
    e = exchange("POST /events HTTP/1.0\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n" + body);
    assertThat(e.firstStatus()).isEqualTo(400);
    assertThat(e.responses()).isEqualTo(1);
  }

  @Test
  void conflictingContentLengthsAre400AndClose() throws Exception {
    Exchange e = exchange("POST /events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 0\r\n"
        + "Content-Length: " + SMUGGLED.length() + "\r\n\r\n" + SMUGGLED);
    assertRejectedAndClosed(e, 400, "Content-Length");
    e = exchange("POST /events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 0, "
        + SMUGGLED.length() + "\r\n\r\n" + SMUGGLED);
    assertRejectedAndClosed(e, 400, "Content-Length");
  }

  @Test
  void moreThanOneHostIs400AndClose() throws Exception {
    // a pipelined request behind it is not answered either
    Exchange e = exchange("GET /health/live HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n" + SMUGGLED);
    assertRejectedAndClosed(e, 400, "Host");
    e = exchange("GET /oembed?url=http%3A%2F%2Flocalhost%2Fmedia%2Ft1 HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n" + SMUGGLED);
    assertRejectedAndClosed(e, 400, "Host");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // chunked not the final coding: the body length cannot be determined (RFC 9112 §6.3) → 400
      "gzip|400",
      "chunked, gzip|400",
      // a final chunked after a coding we do not implement (RFC 9112 §6.1) → 501
      "gzip, chunked|501",
      "chunked, chunked|400",
      "identity|400"})
  void anythingButAFinalChunkedCodingIsRefusedAndCloses(String codings, int status) throws Exception {
    Exchange e = exchange("POST /events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: "
        + codings + "\r\n\r\n0\r\n\r\n" + SMUGGLED);
    assertRejectedAndClosed(e, status, "Transfer-Encoding");
  }

  @Test
  void transferEncodingOnHttp10Is400AndCloses() throws Exception {
    Exchange e = exchange("POST /events HTTP/1.0\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + SMUGGLED);
    assertRejectedAndClosed(e, 400, "HTTP/1.0");
  }

  @Test
  void wellFramedRequestsStillWorkAndKeepTheConnection() throws Exception {
    String beacon = "{\"v\":1,\"media\":\"t1\",\"event\":\"play\",\"origin\":\"null\"}";
    String chunked = Integer.toHexString(beacon.length()) + "\r\n" + beacon + "\r\n0\r\n\r\n";
    // a chunked body, a Content-Length body and a plain GET, pipelined on one keep-alive connection, then close
    Exchange e = exchange("POST /events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n" + chunked
        + "POST /events HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: " + beacon.length()
        + "\r\n\r\n" + beacon
        + "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(e.responses()).as(e.text()).isEqualTo(3);
    assertThat(e.text()).startsWith("HTTP/1.1 204").contains("HTTP/1.1 200");
    assertThat(e.text().indexOf("HTTP/1.1 204", 1)).as("second beacon answered").isPositive();
  }
}
