package io.playgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The request size and time limits against a real gateway with small limits: request line → 414, header block → 431,
 * body → 413 (declared or chunked), and a slow-loris attack of a few hundred connections dribbling header bytes (plus
 * idle and keep-alive variants) is closed by the request-head timeout while normal requests keep succeeding.
 * Timing asserts are generous bounds, not measurements.
 */
class LimitsIT {

  private static final int SLOW_CONNECTIONS = 300;

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded()
      .with("limits.maxRequestLine", "2KiB")
      .with("limits.maxHeaderSize", "4KiB")
      .with("limits.maxBodySize", "1KiB")
      .with("limits.requestHeaderTimeout", "1s");

  /** Sends raw bytes, reads until the server closes; returns the status line. */
  private static String exchange(String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", gateway.port())) {
      s.setSoTimeout(15_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return all.isEmpty() ? "" : all.substring(0, all.indexOf("\r\n"));
    }
  }

  @Test
  void requestLineOverTheLimitIs414() throws Exception {
    assertThat(exchange("GET /oembed?url=" + "x".repeat(3000) + " HTTP/1.1\r\nHost: a\r\n\r\n")).contains(" 414 ");
    // just under the limit is an ordinary request (404: no such url)
    String url = URLEncoder.encode("http://localhost:1/" + "x".repeat(1500), StandardCharsets.UTF_8);
    assertThat(Http.get(gateway.loopbackBase() + "/oembed?url=" + url).statusCode()).isEqualTo(404);
  }

  @Test
  void headersOverTheLimitAre431() throws Exception {
    assertThat(exchange("GET /health/live HTTP/1.1\r\nHost: a\r\nX-A: " + "y".repeat(5000) + "\r\n\r\n"))
        .contains(" 431 ");
    StringBuilder many = new StringBuilder("GET /health/live HTTP/1.1\r\nHost: a\r\n");
    for (int i = 0; i < 700; i++) {
      many.append("X-").append(i).append(": v\r\n");
    }
    assertThat(exchange(many + "\r\n")).contains(" 431 ");
    assertThat(Http.get(gateway.loopbackBase() + "/health/live", "X-A", "y".repeat(3000)).statusCode()).isEqualTo(200);
  }

  @Test
  void bodiesOverTheLimitAre413() throws Exception {
    String big = "z".repeat(2000);
    // declared length: refused before the body is read, on any route and method
    for (String target : new String[] {"POST /oembed", "POST /hooks/hub", "GET /embed/t1", "PUT /media/t1"}) {
      assertThat(exchange(target + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Length: " + big.length()
          + "\r\n\r\n" + big)).as(target).contains(" 413 ");
    }
    // chunked: no declared length; a route that reads bodies refuses it once its own limit is crossed
    String chunk = Integer.toHexString(big.length()) + "\r\n" + big + "\r\n";
    assertThat(exchange("POST /events HTTP/1.1\r\nHost: a\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n"
        + "Content-Type: application/json\r\n\r\n" + chunk + "0\r\n\r\n")).contains(" 413 ");
    // a small body is no problem (GET ignores it)
    assertThat(exchange("GET /health/live HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Length: 10\r\n\r\n"
        + "0123456789")).contains(" 200 ");
  }

  @Test
  void slowLorisConnectionsAreClosedWhileNormalRequestsSucceed() throws Exception {
    List<SocketChannel> slow = new ArrayList<>();
    // paces the dribble: each round waits for the server to answer or close a slow connection, 50 ms at most
    Selector serverActed = Selector.open();
    long started = System.nanoTime();
    for (int i = 0; i < SLOW_CONNECTIONS; i++) {
      SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", gateway.port()));
      ch.configureBlocking(false);
      ch.register(serverActed, SelectionKey.OP_READ);
      slow.add(ch);
    }
    // 20 of them first complete a request (keep-alive), then dribble the next one
    for (int i = 0; i < 20; i++) {
      SocketChannel ch = slow.get(i);
      ch.write(ByteBuffer.wrap("GET /health/live HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
    }
    // 20 send nothing at all
    byte[] head = "GET /health/live HTTP/1.1\r\nHost: a\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1);
    int[] sent = new int[SLOW_CONNECTIONS];
    boolean[] closed = new boolean[SLOW_CONNECTIONS];
    int closedCount = 0;
    int normalOk = 0;
    long worstNormalMillis = 0;
    ByteBuffer in = ByteBuffer.allocate(4096);
    long deadline = started + TimeUnit.SECONDS.toNanos(60);
    while (closedCount < SLOW_CONNECTIONS && System.nanoTime() < deadline) {
      for (int i = 0; i < SLOW_CONNECTIONS; i++) {
        if (closed[i]) {
          continue;
        }
        SocketChannel ch = slow.get(i);
        try {
          in.clear();
          int n = ch.read(in);
          if (n < 0) {
            closed[i] = true;
            closedCount++;
            ch.keyFor(serverActed).cancel(); // a closed connection stays readable: no longer a reason to wake
            continue;
          }
          if (i >= 20 && i < 40) {
            continue; // idle: sends nothing
          }
          // one header byte per round, never the final CRLF
          byte b = sent[i] < head.length ? head[sent[i]] : (byte) 'x';
          ch.write(ByteBuffer.wrap(new byte[] {b}));
          sent[i]++;
        } catch (IOException e) {
          closed[i] = true;
          closedCount++;
          ch.keyFor(serverActed).cancel();
        }
      }
      // meanwhile, normal requests on fresh connections stay fast
      long t0 = System.nanoTime();
      HttpResponse<String> r = Http.get(gateway.loopbackBase() + "/oembed?url="
          + URLEncoder.encode(gateway.base() + "/media/t1", StandardCharsets.UTF_8));
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      worstNormalMillis = Math.max(worstNormalMillis, ms);
      assertThat(r.statusCode()).isEqualTo(200);
      normalOk++;
      // a bounded wait on the sockets, not a sleep: it ends early when the server closes a connection
      serverActed.select(50);
      serverActed.selectedKeys().clear();
    }
    serverActed.close();
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    for (SocketChannel ch : slow) {
      ch.close();
    }
    System.out.println("LimitsIT slow-loris: " + closedCount + "/" + SLOW_CONNECTIONS + " slow connections closed after "
        + elapsedMs + " ms; " + normalOk + " normal requests ok, slowest " + worstNormalMillis + " ms");
    assertThat(closedCount).as("slow connections closed by the server").isEqualTo(SLOW_CONNECTIONS);
    assertThat(normalOk).isPositive();
    // generous: a normal request on a 2-core machine under this attack must not take seconds
    assertThat(worstNormalMillis).as("slowest normal request, ms").isLessThan(10_000);
    assertThat(Http.get(gateway.loopbackBase() + "/health/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void aPromptClientIsNotCut() throws Exception {
    // a keep-alive client that sends its requests in time keeps its connection
    try (Socket s = new Socket("127.0.0.1", gateway.port())) {
      s.setSoTimeout(10_000);
      for (int i = 0; i < 3; i++) {
        s.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        byte[] buf = new byte[4096];
        int n = s.getInputStream().read(buf);
        assertThat(new String(buf, 0, n, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
        // 300 ms idle between requests, as a read that must time out: the server neither answers nor closes
        s.setSoTimeout(300);
        assertThatThrownBy(() -> s.getInputStream().read()).as("the server cut an idle keep-alive connection")
            .isInstanceOf(SocketTimeoutException.class);
        s.setSoTimeout(10_000);
      }
    }
  }
}
