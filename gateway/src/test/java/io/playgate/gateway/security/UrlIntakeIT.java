package io.playgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.dns.AddressResolverOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Permission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * URL intake: no user-supplied URL ever causes a connection or a DNS lookup. Three witnesses watch a real
 * gateway while every hostile spelling of a URL (and accepted URLs naming the canaries) goes through {@code /oembed}:
 * <ol>
 *   <li>a canary TCP listener on loopback whose port is in every URL: must accept zero connections;</li>
 *   <li>a canary UDP DNS server on loopback that the gateway's Vert.x resolver is configured to ask (Vert.x 5
 *       resolves with its own Netty DNS client, never the JDK's, unless told otherwise): must receive zero queries;
 *       a control lookup through the same Vert.x afterwards must reach it, so the witness could have seen one;</li>
 *   <li>a permissive JDK {@link SecurityManager} that only records {@code checkConnect}, which the JDK calls for
 *       every name lookup ({@code InetAddress}, port -1) and every socket connect: none for a URL's host or for
 *       the canary port (skipped on JDKs that no longer allow a SecurityManager).</li>
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UrlIntakeIT {

  private static final String CANARY_HOST = "canary.playgate.test";

  private static ServerSocket tcpCanary;
  private static final AtomicInteger tcpConnections = new AtomicInteger();
  private static DatagramSocket dnsCanary;
  private static final AtomicInteger dnsQueries = new AtomicInteger();
  /**
   * The gateway's only resolver is the DNS canary (and a hosts file naming localhost), no search domains; its URL
   * schemes name the TCP canary's port.
   */
  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded()
      .vertxOptions(() -> new VertxOptions().setAddressResolverOptions(new AddressResolverOptions()
          .setServers(List.of("127.0.0.1:" + dnsCanary.getLocalPort()))
          .setHostsValue(Buffer.buffer("127.0.0.1 localhost\n"))
          .setSearchDomains(List.of())
          .setQueryTimeout(500)
          .setMaxQueries(1)))
      .with("oembed.schemes", () -> "[\"{publicBaseUrl}/media/{id}\",\"http://localhost:" + tcpCanary.getLocalPort()
          + "/media/{id}\",\"https://" + CANARY_HOST + ":" + tcpCanary.getLocalPort() + "/track/{id}\"]");

  @BeforeAll
  static void startCanaries() throws Exception {
    tcpCanary = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread tcp = new Thread(() -> {
      while (!tcpCanary.isClosed()) {
        try (Socket s = tcpCanary.accept()) {
          tcpConnections.incrementAndGet();
        } catch (Exception e) {
          return;
        }
      }
    }, "tcp-canary");
    tcp.setDaemon(true);
    tcp.start();
    dnsCanary = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    Thread dns = new Thread(() -> {
      byte[] buf = new byte[1500];
      while (!dnsCanary.isClosed()) {
        try {
          dnsCanary.receive(new DatagramPacket(buf, buf.length));
          dnsQueries.incrementAndGet();
        } catch (Exception e) {
          return;
        }
      }
    }, "dns-canary");
    dns.setDaemon(true);
    dns.start();
  }

  @AfterAll
  static void stopCanaries() throws Exception {
    tcpCanary.close();
    dnsCanary.close();
  }

  /**
   * The hostile URL spellings (IP literals, userinfo, odd schemes and encodings), each aimed at the canary port; all
   * refused with 404.
   */
  static List<String> refused(int canary) {
    String p = ":" + canary;
    return List.of(
        "http://2130706433" + p + "/media/t1",
        "http://0177.0.0.1" + p + "/media/t1",
        "http://0x7f000001" + p + "/media/t1",
        "http://0.0.0.0" + p + "/media/t1",
        "http://1" + p + "/media/t1",
        "http://127.1" + p + "/media/t1",
        "http://127.0.0.1" + p + "/media/t1",
        "http://[::1]" + p + "/media/t1",
        "http://[::ffff:7f00:1]" + p + "/media/t1",
        "http://[::ffff:127.0.0.1]" + p + "/media/t1",
        "http://a@localhost" + p + "/media/t1",
        "http://localhost" + p + "@" + CANARY_HOST + p + "/media/t1",
        "localhost" + p + "/media/t1",
        "//localhost" + p + "/media/t1",
        "file://localhost" + p + "/media/t1",
        "file:///etc/passwd",
        "gopher://localhost" + p + "/_GET%20/media/t1",
        "javascript:fetch('http://localhost" + p + "/media/t1')",
        "data:text/html,<img src=http://localhost" + p + "/media/t1>",
        "ftp://localhost" + p + "/media/t1",
        "http://unlisted.playgate.test" + p + "/media/t1",
        "http://www.unlisted.playgate.test" + p + "/media/t1",
        "http://" + CANARY_HOST + p + "/media/t1",
        "http://localhost" + p + "/media/%2574%2531",
        "http://localhost" + p + "/media/t1/../../etc",
        "http://localhost" + (canary == 65535 ? 1 : canary + 1) + "/media/t1");
  }

  /** URLs that match a configured scheme or alias: answered 200 from the hub by id, still nothing fetched. */
  static List<String> accepted(int canary) {
    String p = ":" + canary;
    return List.of(
        "http://localhost" + p + "/media/t1",
        "https://LOCALHOST" + p + "/media/t1?x=1#y",
        "http://www.localhost" + p + "/media/t1",
        "http://m.localhost" + p + "/media/%74%31",
        "https://" + CANARY_HOST + p + "/track/t1",
        "https://www." + CANARY_HOST + p + "/track/t1/");
  }

  @Test
  @Order(1)
  @SuppressWarnings("removal")
  void noConnectionAndNoLookupForAnyUserSuppliedUrl() throws Exception {
    int canary = tcpCanary.getLocalPort();
    Set<String> jdkLookups = ConcurrentHashMap.newKeySet();
    Set<Integer> jdkConnectPorts = ConcurrentHashMap.newKeySet();
    SecurityManager recorder = new SecurityManager() {
      @Override
      public void checkPermission(Permission perm) {
      }

      @Override
      public void checkPermission(Permission perm, Object context) {
      }

      @Override
      public void checkConnect(String host, int port) {
        if (port == -1) {
          jdkLookups.add(host.toLowerCase(java.util.Locale.ROOT));
        } else {
          jdkConnectPorts.add(port);
        }
      }
    };
    boolean recording;
    try {
      System.setSecurityManager(recorder);
      recording = true;
    } catch (UnsupportedOperationException e) {
      recording = false; // JDK 18+ without -Djava.security.manager=allow: the other two witnesses remain
    }
    List<String> statuses = new ArrayList<>();
    try {
      for (String url : refused(canary)) {
        HttpResponse<String> r = oembed(url);
        statuses.add(r.statusCode() + " " + url);
        assertThat(r.statusCode()).as(url).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
      }
      for (String url : accepted(canary)) {
        HttpResponse<String> r = oembed(url);
        statuses.add(r.statusCode() + " " + url);
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        assertThat(Http.json(r).getString("html")).contains(gateway.base() + "/embed/t1");
      }
    } finally {
      if (recording) {
        awaitQuiet(() -> !jdkConnectPorts.contains(canary));
        Set<String> lookupsDuringBattery = Set.copyOf(jdkLookups);
        // control: the recorder sees a JDK lookup and a connect when they happen
        InetAddress.getAllByName("localhost");
        System.setSecurityManager(null);
        assertThat(jdkLookups).as("control lookup recorded").contains("localhost");
        assertThat(jdkConnectPorts).as("the test's own connects recorded").contains(gateway.port());
        jdkLookups.clear();
        jdkLookups.addAll(lookupsDuringBattery);
      }
    }
    // give a late asynchronous fetch the chance to show itself before counting
    awaitQuiet(() -> true);
    assertThat(tcpConnections.get()).as("connections to the canary port").isZero();
    assertThat(dnsQueries.get()).as("DNS queries at the canary resolver").isZero();
    if (recording) {
      assertThat(jdkConnectPorts).as("JDK socket connects").doesNotContain(canary);
      assertThat(jdkLookups).as("JDK name lookups").doesNotContain("localhost", "www.localhost", "m.localhost",
          CANARY_HOST, "www." + CANARY_HOST, "unlisted.playgate.test", "www.unlisted.playgate.test",
          "0x7f000001", "2130706433", "0177.0.0.1", "1", "127.1");
    }
    System.out.println("UrlIntakeIT: " + statuses.size() + " URLs, tcp canary " + tcpConnections.get()
        + " connections, dns canary " + dnsQueries.get() + " queries, JDK recorder " + (recording ? "on" : "off"));
  }

  /** Controls: each witness does see what it watches for, so its zero above means something. */
  @Test
  @Order(2)
  void theWitnessesWork() throws Exception {
    int before = dnsQueries.get();
    var client = gateway.vertx().createHttpClient(new HttpClientOptions().setConnectTimeout(2000));
    try {
      client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("control." + CANARY_HOST).setPort(80)
          .setURI("/")).await(10, TimeUnit.SECONDS);
    } catch (Exception expected) {
      // the canary never answers: the lookup fails, which is the point
    } finally {
      client.close();
    }
    await("a query at the DNS canary").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> dnsQueries.get() > before);
    assertThat(dnsQueries.get()).as("the gateway's Vert.x resolver asks the canary").isGreaterThan(before);
    int tcpBefore = tcpConnections.get();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), tcpCanary.getLocalPort())) {
      assertThat(s.isConnected()).isTrue();
    }
    await("a connection at the TCP canary").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> tcpConnections.get() > tcpBefore);
    assertThat(tcpConnections.get()).isGreaterThan(tcpBefore);
  }

  /**
   * A late asynchronous fetch or lookup would show up within 300 ms: wait that long, failing as soon as a canary
   * sees anything or {@code alsoQuiet} turns false (a bounded wait on the condition, not a sleep).
   */
  private static void awaitQuiet(BooleanSupplier alsoQuiet) {
    BooleanSupplier quiet = () -> tcpConnections.get() == 0 && dnsQueries.get() == 0 && alsoQuiet.getAsBoolean();
    await("the canaries stay quiet").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(20)).failFast("a late connection or lookup", () -> !quiet.getAsBoolean())
        .until(quiet::getAsBoolean);
  }

  private static HttpResponse<String> oembed(String url) {
    return Http.get(gateway.loopbackBase() + "/oembed?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
  }
}
