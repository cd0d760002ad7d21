package io.playgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.playgate.gateway.http.AccessLogHandler;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.LogCapture;
import io.playgate.gateway.testing.RawHttp.Exchange;
import io.playgate.gateway.testing.RawHttp;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;

/**
 * Broken chunked framing (RFC 9112 §7.1) on the routes that read a body, over raw sockets against a real gateway:
 * each malformed chunk encoding gets a 400 problem and the connection is closed; the log has one WARN line for it and
 * an access line with the real status, never an ERROR line or a stack trace. Where no route reads the body, or the
 * client leaves mid-body, the connection just closes and the access line says the response never completed.
 */
class MalformedChunkedBodyIT {

  private static final String SECRET = "a-webhook-secret-for-tests-0123456789";
  private static final String HEAD = "Host: x\r\nContent-Type: application/json\r\nAuthorization: Bearer nobody\r\n"
      + "X-Hub-Signature-256: sha256=00\r\nTransfer-Encoding: chunked\r\n\r\n";
  /** Chunked bodies Netty's decoder cannot read, each after a well-formed head. */
  private static final List<String> MALFORMED = List.of(
      // a chunk size beyond a long: "NumberFormatException: Chunk size overflow" before the fix
      "ffffffffffffffffffff\r\nabc\r\n0\r\n\r\n",
      // not hex
      "zz\r\nabc\r\n0\r\n\r\n",
      "-1\r\nabc\r\n0\r\n\r\n",
      // an empty chunk-size line
      "\r\n\r\n",
      // a good chunk, then a bad size
      "5\r\n{\"v\":\r\nq\r\n1\r\n0\r\n\r\n",
      // chunk data longer than its size: no CRLF where the delimiter belongs
      "3\r\nabcXX\r\n0\r\n\r\n",
      // a trailer line without a colon
      "3\r\nabc\r\n0\r\nno-colon-here\r\n\r\n");

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded().with("hub.webhookSecret", SECRET)
      .with("server.accessLog", "true");

  /** Writes {@code bytes}, then reads until the server closes; a server that keeps the connection open fails. */
  private static Exchange exchange(String bytes) throws IOException {
    return RawHttp.exchange(gateway.port(), bytes);
  }

  private static void assertNoErrorNoStackTrace(LogCapture all) {
    for (ILoggingEvent e : all.events()) {
      assertThat(e.getLevel()).as(e.getLoggerName() + ": " + e.getFormattedMessage()).isNotEqualTo(Level.ERROR);
      assertThat(e.getThrowableProxy()).as("a stack trace: " + e.getLoggerName() + ": " + e.getFormattedMessage())
          .isNull();
    }
  }

  private static Optional<ILoggingEvent> accessLine(LogCapture access, String marker) throws InterruptedException {
    // the line is written when the response ends, possibly just after the client has it
    return access.await(e -> e.getFormattedMessage().contains(marker), Duration.ofSeconds(5));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/events", "/partner/sign", "/hooks/hub"})
  void aMalformedChunkIs400AndCloseWithOneWarnLineAndATruthfulAccessLine(String path) throws Exception {
    for (String body : MALFORMED) {
      String id = "chunk-" + Integer.toHexString(body.hashCode()) + path.replace('/', '-');
      try (LogCapture all = LogCapture.of(Logger.ROOT_LOGGER_NAME);
           LogCapture access = LogCapture.of(AccessLogHandler.LOGGER_NAME, Level.INFO)) {
        Exchange e = exchange("POST " + path + " HTTP/1.1\r\nX-Request-Id: " + id + "\r\n" + HEAD + body);
        String shown = body.replace("\r\n", "\\r\\n");
        assertThat(e.firstStatus()).as(shown + " → " + e.text()).isEqualTo(400);
        assertThat(e.responses()).as(e.text()).isEqualTo(1);
        assertThat(e.text().toLowerCase()).contains("content-type: application/problem+json")
            .contains("connection: close");
        assertThat(e.problem().getInteger("status")).isEqualTo(400);
        assertThat(e.problem().getString("detail")).contains("chunked");
        assertThat(e.problem().getString("requestId")).isEqualTo(id);
        Optional<ILoggingEvent> line = accessLine(access, "POST " + path);
        assertThat(line).as("access line for " + shown).isPresent();
        assertThat(line.get().getFormattedMessage()).as(shown).contains(" 400 ").doesNotContain(" 200 ");
        List<ILoggingEvent> warnings = all.events().stream()
            .filter(ev -> ev.getLevel() == Level.WARN && !ev.getLoggerName().equals(AccessLogHandler.LOGGER_NAME))
            .toList();
        assertThat(warnings).as(shown).hasSize(1);
        assertThat(warnings.get(0).getFormattedMessage()).contains("http.malformed-body").contains("400");
        assertNoErrorNoStackTrace(all);
      }
    }
  }

  @Test
  void aMalformedChunkNoRouteReadsOnlyClosesTheConnection() throws Exception {
    try (LogCapture all = LogCapture.of(Logger.ROOT_LOGGER_NAME);
         LogCapture access = LogCapture.of(AccessLogHandler.LOGGER_NAME, Level.INFO)) {
      // /health/live never reads its body: whatever it answered, the broken framing ends the connection
      Exchange e = exchange("GET /health/live HTTP/1.1\r\n" + HEAD + "zz\r\nabc\r\n0\r\n\r\n");
      assertThat(e.responses()).as(e.text()).isLessThanOrEqualTo(1);
      assertThat(accessLine(access, "GET /health/live")).isPresent();
      assertNoErrorNoStackTrace(all);
    }
  }

  @Test
  void aClientThatLeavesMidBodyIsNotAnErrorAndNotA200() throws Exception {
    try (LogCapture all = LogCapture.of(Logger.ROOT_LOGGER_NAME);
         LogCapture access = LogCapture.of(AccessLogHandler.LOGGER_NAME, Level.INFO)) {
      String expect = "Host: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n";
      for (String head : new String[] {expect + "Transfer-Encoding: chunked\r\n\r\n",
          expect + "Content-Length: 50\r\n\r\n"}) {
        try (Socket s = new Socket("127.0.0.1", gateway.port())) {
          s.setSoTimeout(8_000);
          s.getOutputStream().write(("POST /events HTTP/1.1\r\n" + head).getBytes(StandardCharsets.ISO_8859_1));
          s.getOutputStream().flush();
          // the route's BodyHandler answers 100 Continue once it reads the body: then leave halfway through it
          byte[] interim = new byte[25];
          int n = s.getInputStream().readNBytes(interim, 0, interim.length);
          assertThat(new String(interim, 0, n, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 100 Continue");
          String part = head.contains("chunked") ? "40\r\n{\"v\":1" : "{\"v\":1";
          s.getOutputStream().write(part.getBytes(StandardCharsets.ISO_8859_1));
          s.getOutputStream().flush();
        }
      }
      assertThat(access.await(ev -> access.events().stream()
          .filter(x -> x.getFormattedMessage().contains("POST /events")).count() == 2, Duration.ofSeconds(5)))
          .isPresent();
      for (ILoggingEvent ev : access.events()) {
        assertThat(ev.getFormattedMessage()).contains(" - 0 - ").endsWith(" aborted").doesNotContain(" 200 ");
        assertThat(ev.getLevel()).isEqualTo(Level.INFO);
      }
      assertNoErrorNoStackTrace(all);
    }
  }
}
