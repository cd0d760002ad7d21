package io.playgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.LogCapture;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;

/**
 * {@code limits.requestBodyTimeout} against a real gateway (set to 1 s here): a client that sends a request head
 * promptly but trickles its body gets a 408 problem on every route that reads a body, the connection is closed,
 * and nothing is logged at ERROR (a slow client is the client's fault, not an outage). A body that arrives in time
 * is unaffected. Timing bounds are generous (a loaded 2-core machine); nothing here measures speed.
 */
class RequestBodyTimeoutIT {

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded()
      .with("limits.requestBodyTimeout", "1s")
      // the webhook route reads its body only when a secret is set
      .with("hub.webhookSecret", "a-webhook-secret-for-tests-0123456789");

  /**
   * Sends a request head declaring a 500-byte body, then one body byte every 200 ms until the server answers or
   * closes; returns everything read.
   */
  private static String trickle(String path) throws Exception {
    try (Socket s = new Socket("127.0.0.1", gateway.port())) {
      // the read timeout paces the trickle (no sleep): a byte goes out each time 200 ms pass without an answer
      s.setSoTimeout(200);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{")
          .getBytes(StandardCharsets.ISO_8859_1));
      StringBuilder got = new StringBuilder();
      byte[] buf = new byte[4096];
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < deadline) {
        try {
          int n = in.read(buf);
          if (n < 0) {
            return got.toString(); // closed by the server
          }
          got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        } catch (java.net.SocketException reset) {
          // our next byte crossed the server's close (RST): the answer, if any, was read before
          return got.toString();
        } catch (SocketTimeoutException e) {
          try {
            out.write(' ');
            out.flush();
          } catch (IOException closed) {
            // the server closed while we wrote: read what is left
          }
        }
      }
      throw new AssertionError("no answer and no close within 20 s; got: " + got);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/events", "/partner/sign", "/hooks/hub"})
  void aTricklingBodyIs408AndTheConnectionIsClosed(String path) throws Exception {
    try (LogCapture root = LogCapture.of(Logger.ROOT_LOGGER_NAME);
        LogCapture access = LogCapture.of("io.vertx.ext.web.handler.LoggerHandler", Level.INFO)) {
      long t0 = System.nanoTime();
      String answer = trickle(path);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertThat(answer).as(path).startsWith("HTTP/1.1 408 ");
      assertThat(answer.toLowerCase()).contains("content-type: application/problem+json").contains("connection: close");
      JsonObject problem = new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4));
      assertThat(problem.getInteger("status")).isEqualTo(408);
      assertThat(problem.getString("detail")).contains("limits.requestBodyTimeout");
      // 1 s configured; well before the 30 s request timeout (503) that answered before
      assertThat(ms).as("ms until the 408").isBetween(900L, 15_000L);
      // the access line comes after the response: wait for it, 5 s at most
      await("the access line").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
          .until(() -> !access.events().isEmpty());
      assertThat(access.events()).extracting(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.contains(" 408 "));
      assertThat(access.events()).extracting(ILoggingEvent::getLevel).doesNotContain(Level.ERROR);
      assertThat(root.events()).filteredOn(e -> e.getLevel() == Level.ERROR).isEmpty();
    }
  }

  @Test
  void aBodyThatArrivesInTimeIsUnaffected() throws Exception {
    String beacon = "{\"v\":1,\"media\":\"t1\",\"event\":\"play\",\"origin\":\"null\"}";
    try (Socket s = new Socket("127.0.0.1", gateway.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n"
          + "Content-Length: " + beacon.length() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      // in two parts, well within the 1 s; the 300 ms pause between them is a read that must time out, so the pause
      // also shows that the server waits for the rest of the body instead of answering
      out.write(beacon.substring(0, 10).getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      s.setSoTimeout(300);
      assertThatThrownBy(() -> s.getInputStream().read()).as("an answer before the body is complete")
          .isInstanceOf(SocketTimeoutException.class);
      s.setSoTimeout(10_000);
      out.write(beacon.substring(10).getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(answer).startsWith("HTTP/1.1 204 ");
    }
  }
}
