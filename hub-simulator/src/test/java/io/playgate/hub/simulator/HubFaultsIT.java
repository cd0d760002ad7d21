package io.playgate.hub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playgate.hub.local.LocalHub;
import io.playgate.hub.simulator.HubFaults.Answer;
import io.playgate.hub.simulator.FaultSettings;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every fault of the hub simulator, over real HTTP against a real simulator on port 0, and the admin API on loopback.
 * Bodies that are large or never end are read to a bound and the connection closed.
 */
class HubFaultsIT {

  private static final HttpClient RAW_CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

  private static Vertx vertx;
  private static LocalHub hub;
  private static HubFaults faults;
  private static HubSimulator simulator;
  private static String base;
  private static String media;
  private static String adminBase;
  private static String t1Body;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    simulator = HubSimulator.start(vertx, HubSimulatorOptions.parse(List.of("--port", "0", "--admin-port", "0",
        "--catalog", Http.testCatalog().toString()), Map.of())).await(10, TimeUnit.SECONDS);
    hub = simulator.hub();
    faults = simulator.faults();
    base = "http://127.0.0.1:" + simulator.port();
    media = base + "/hub/v1/media/";
    adminBase = "http://127.0.0.1:" + simulator.adminPort() + "/admin";
    t1Body = hub.catalog().get("t1").body().toString();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void clean() {
    faults.reset();
    hub.resetCounts();
  }

  @Test
  void latencyDelaysTheAnswerAndIsCounted() {
    faults.set(FaultSettings.NONE.withLatency(Duration.ofMillis(200)).withLatencyJitter(Duration.ofMillis(20)));
    long start = System.nanoTime();
    HttpResponse<String> r = Http.get(media + "t1");
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(t1Body);
    assertThat(tookMillis).isGreaterThanOrEqualTo(200);
    assertThat(hub.requestCount("t1")).isEqualTo(1);
  }

  @Test
  void errorRateAnswersTheConfiguredStatus() {
    faults.set(FaultSettings.NONE.withErrorRate(1, 503));
    HttpResponse<String> r = Http.get(media + "t1");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Http.json(r).getInteger("status")).isEqualTo(503);
    assertThat(Http.json(r).getString("title")).isEqualTo("Service Unavailable");

    faults.set(FaultSettings.NONE.withErrorRate(0.5, 500));
    int errors = 0;
    for (int i = 0; i < 200; i++) {
      int status = Http.get(media + "t1").statusCode();
      assertThat(status).isIn(200, 500);
      errors += status == 500 ? 1 : 0;
    }
    // binomial(200, 0.5): outside [40, 160] has a probability far below 1e-15
    assertThat(errors).isBetween(40, 160);
    assertThat(hub.requestCount("t1")).isEqualTo(201);
  }

  @Test
  void outageClosesTheConnectionWithoutAResponse() throws Exception {
    faults.set(FaultSettings.NONE.withOutage(true));
    try (Socket socket = new Socket("127.0.0.1", simulator.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET /hub/v1/media/t1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      assertThat(socket.getInputStream().read()).as("end of stream, not a response byte").isEqualTo(-1);
    }
    assertThatThrownBy(() -> RAW_CLIENT.send(HttpRequest.newBuilder(URI.create(media + "t2")).build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    assertThat(hub.requestCount("t1")).isEqualTo(1);
    assertThat(hub.requestCount("t2")).isGreaterThanOrEqualTo(1);
    // media bytes are never affected
    assertThat(Http.getBytes(base + "/hub/files/media/blob.opus").statusCode()).isEqualTo(200);
    faults.reset();
    assertThat(Http.get(media + "t1").statusCode()).isEqualTo(200);
  }

  @Test
  void onlyTheListedIdsAreAffected() {
    faults.set(FaultSettings.NONE.withErrorRate(1, 502).withIds(Set.of("t2")));
    assertThat(Http.get(media + "t2").statusCode()).isEqualTo(502);
    HttpResponse<String> t1 = Http.get(media + "t1");
    assertThat(t1.statusCode()).isEqualTo(200);
    String etag = t1.headers().firstValue("ETag").orElseThrow();
    assertThat(Http.get(media + "t1", "If-None-Match", etag).statusCode()).isEqualTo(304);
    assertThat(Http.get(media + "gone1").statusCode()).isEqualTo(410);
    assertThat(Http.get(media + "private1").statusCode()).isEqualTo(403);
    assertThat(Http.get(media + "nope").statusCode()).isEqualTo(404);
    assertThat(hub.totalRequests()).isEqualTo(6);
  }

  @Test
  void normalAnswerKeepsConditionalRequestsUnderLatency() {
    faults.set(FaultSettings.NONE.withLatency(Duration.ofMillis(10)));
    String etag = Http.get(media + "t1").headers().firstValue("ETag").orElseThrow();
    assertThat(Http.get(media + "t1", "If-None-Match", etag).statusCode()).isEqualTo(304);
    assertThat(Http.get(media + "gone1").statusCode()).isEqualTo(410);
  }

  @Test
  void dripSendsOneByteAtATime() throws Exception {
    faults.set(FaultSettings.NONE.withDrip(Duration.ofMillis(20)));
    try (Socket socket = new Socket("127.0.0.1", simulator.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET /hub/v1/media/t1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: " + t1Body.length());
      long start = System.nanoTime();
      byte[] first = in.readNBytes(5);
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo(t1Body.substring(0, 5));
      // five bytes, one per 20 ms timer tick: at least four intervals (timers never fire early)
      assertThat(tookMillis).isGreaterThanOrEqualTo(80);
    }
    // the whole body arrives intact with a short interval
    faults.set(FaultSettings.NONE.withDrip(Duration.ofMillis(1)).withIds(Set.of("p1")));
    String p1 = hub.catalog().get("p1").body().toString();
    HttpResponse<String> r = Http.get(media + "p1");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(p1);
    assertThat(hub.requestCount("t1")).isEqualTo(1);
  }

  @Test
  void htmlInsteadOfJson() {
    faults.set(FaultSettings.NONE.withAnswer(Answer.HTML));
    HttpResponse<String> r = Http.get(media + "t1");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(r.body()).startsWith("<!doctype html>");
  }

  @Test
  void truncatedJson() {
    faults.set(FaultSettings.NONE.withAnswer(Answer.TRUNCATED_JSON));
    HttpResponse<String> r = Http.get(media + "t1");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.headers().firstValue("ETag")).isPresent();
    assertThat(t1Body).startsWith(r.body());
    assertThat(r.body().length()).isEqualTo(t1Body.length() / 2);
    assertThatThrownBy(() -> Http.json(r)).isInstanceOf(DecodeException.class);
  }

  @Test
  void missingFieldsAndWrongTypes() {
    faults.set(FaultSettings.NONE.withAnswer(Answer.MISSING_FIELDS));
    JsonObject missing = Http.json(Http.get(media + "t1"));
    assertThat(missing.getString("id")).isEqualTo("t1");
    assertThat(missing.containsKey("title")).isFalse();
    assertThat(missing.containsKey("pageUrl")).isFalse();

    faults.set(FaultSettings.NONE.withAnswer(Answer.WRONG_TYPES));
    JsonObject wrong = Http.json(Http.get(media + "v1"));
    assertThat(wrong.getValue("width")).isEqualTo("720px");
    assertThat(wrong.getValue("height")).isEqualTo("480px");
    assertThat(wrong.getString("title")).isEqualTo(new JsonObject(hub.catalog().get("v1").body()).getString("title"));
    // rewriting answers need an item: other ids keep their status
    assertThat(Http.get(media + "gone1").statusCode()).isEqualTo(410);
  }

  @Test
  void wrongContentType() {
    faults.set(FaultSettings.NONE.withAnswer(Answer.WRONG_CONTENT_TYPE));
    HttpResponse<String> r = Http.get(media + "t1");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(r.body()).isEqualTo(t1Body);
  }

  @Test
  void redirectPointsElsewhere() {
    faults.set(FaultSettings.NONE.withAnswer(Answer.REDIRECT));
    HttpResponse<String> r = Http.get(media + "t1");
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location")).hasValue("http://127.0.0.1:1/hub/v1/media/t1");
  }

  @Test
  void oversizeIsValidJsonOfSeveralMebibytes() throws Exception {
    faults.set(FaultSettings.NONE.withAnswer(Answer.OVERSIZE));
    HttpResponse<String> r = Http.get(media + "t1");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Length")).isEmpty();
    assertThat(r.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
    assertThat((long) r.body().length()).isGreaterThan(HubFaults.OVERSIZE_BYTES);
    JsonObject item = Http.json(r);
    assertThat(item.getString("id")).isEqualTo("t1");
    assertThat((long) item.getString("padding").length()).isGreaterThanOrEqualTo(HubFaults.OVERSIZE_BYTES);
  }

  @Test
  void gzipBombIsSmallOnTheWireAndHugeInflated() throws Exception {
    faults.set(FaultSettings.NONE.withAnswer(Answer.GZIP_BOMB));
    // the JDK client does not decode Content-Encoding: these are the bytes on the wire
    HttpResponse<byte[]> r = RAW_CLIENT.send(HttpRequest.newBuilder(URI.create(media + "t1")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
    byte[] wire = r.body();
    assertThat(wire.length).isLessThan(2 * 1024 * 1024);
    // RFC 1952 trailer: ISIZE is the inflated size modulo 2^32
    int isize = ByteBuffer.wrap(wire, wire.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    assertThat(Integer.toUnsignedLong(isize)).isEqualTo(HubFaults.BOMB_INFLATED_BYTES % (1L << 32));
    System.out.println("hub.faults gzipBomb wireBytes=" + wire.length + " inflatedBytes=" + HubFaults.BOMB_INFLATED_BYTES);
    // inflate all of it in a small buffer: GZIPInputStream checks the CRC-32 and ISIZE at the end
    long inflated = 0;
    byte[] buf = new byte[256 * 1024];
    byte[] tail = new byte[0];
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(wire), 64 * 1024)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        inflated += n;
        if (n >= 64) {
          tail = Arrays.copyOfRange(buf, n - 64, n);
        }
      }
    }
    assertThat(inflated).isEqualTo(HubFaults.BOMB_INFLATED_BYTES);
    assertThat(new String(tail, StandardCharsets.US_ASCII)).endsWith("{\"id\":\"bomb\",\"kind\":\"track\"}");
  }

  @Test
  void endlessKeepsSendingUntilTheClientLeaves() throws Exception {
    faults.set(FaultSettings.NONE.withAnswer(Answer.ENDLESS));
    long bound = 32L * 1024 * 1024;
    HttpResponse<InputStream> r = RAW_CLIENT.send(HttpRequest.newBuilder(URI.create(media + "t1")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    long read = 0;
    try (InputStream in = r.body()) {
      byte[] buf = new byte[64 * 1024];
      for (int n; read < bound && (n = in.read(buf)) > 0; ) {
        read += n;
      }
    }
    assertThat(read).isGreaterThanOrEqualTo(bound);
    faults.reset();
    assertThat(Http.get(media + "t1").statusCode()).isEqualTo(200);
  }

  @Test
  void headIsAnsweredNormally() {
    faults.set(FaultSettings.NONE.withAnswer(Answer.ENDLESS));
    HttpResponse<String> r = Http.send("HEAD", media + "t1");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void adminReadsAndSwitchesFaults() {
    assertThat(Http.json(Http.get(adminBase + "/faults"))).isEqualTo(FaultSettings.NONE.toJson());

    HttpResponse<String> put = put(adminBase + "/faults", "{\"errorRate\":1,\"errorStatus\":502,\"ids\":[\"t2\"]}");
    assertThat(put.statusCode()).isEqualTo(200);
    FaultSettings expected = FaultSettings.NONE.withErrorRate(1, 502).withIds(Set.of("t2"));
    assertThat(Http.json(put)).isEqualTo(expected.toJson());
    assertThat(faults.get()).isEqualTo(expected);
    assertThat(Http.get(media + "t2").statusCode()).isEqualTo(502);
    assertThat(Http.get(media + "t1").statusCode()).isEqualTo(200);

    HttpResponse<String> reset = Http.send("DELETE", adminBase + "/faults");
    assertThat(reset.statusCode()).isEqualTo(200);
    assertThat(Http.json(reset)).isEqualTo(FaultSettings.NONE.toJson());
    assertThat(Http.get(media + "t2").statusCode()).isEqualTo(200);
  }

  @Test
  void adminRejectsBadSettingsWithProblems() {
    faults.set(FaultSettings.NONE.withLatency(Duration.ofMillis(1)));
    String[][] cases = {
        {"{\"errorRate\":2}", "errorRate"},
        {"{\"errorStatus\":404}", "errorStatus"},
        {"{\"latency\":\"soon\"}", "latency"},
        {"{\"answer\":\"TEAPOT\"}", "answer"},
        {"{\"unknown\":1}", "unknown"},
        {"{not json", "body"},
        {"[1,2]", "body"},
        {"", "body"},
    };
    for (String[] c : cases) {
      HttpResponse<String> r = put(adminBase + "/faults", c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).as(c[0]).hasValue("application/problem+json");
      assertThat(Http.json(r).getString("detail")).as(c[0]).startsWith(c[1] + ":");
    }
    assertThat(faults.get()).isEqualTo(FaultSettings.NONE.withLatency(Duration.ofMillis(1)));
    HttpResponse<String> wrongMethod = Http.send("POST", adminBase + "/faults");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Http.get(adminBase + "/elsewhere").statusCode()).isEqualTo(404);
    assertThat(put(adminBase + "/faults", "{\"ids\":[\"" + "x".repeat(70_000) + "\"]}").statusCode()).isEqualTo(413);
  }

  @Test
  void adminCounts() {
    faults.set(FaultSettings.NONE.withOutage(true).withIds(Set.of("v1")));
    Http.get(media + "t1");
    Http.get(media + "t1");
    Http.get(media + "nope");
    try (Socket socket = new Socket("127.0.0.1", simulator.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write("GET /hub/v1/media/v1 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    JsonObject counts = Http.json(Http.get(adminBase + "/counts"));
    assertThat(counts).isEqualTo(new JsonObject("{\"total\":4,\"ids\":{\"nope\":1,\"t1\":2,\"v1\":1}}"));
    assertThat(Http.send("DELETE", adminBase + "/counts").statusCode()).isEqualTo(204);
    assertThat(Http.json(Http.get(adminBase + "/counts"))).isEqualTo(new JsonObject("{\"total\":0,\"ids\":{}}"));
  }

  @Test
  void adminBindsToLoopbackOnly() throws Exception {
    assertThat(simulator.adminPort()).isPositive();
    assertThatThrownBy(() -> HubAdmin.listen(vertx, hub, faults, "0.0.0.0", 0).await(10, TimeUnit.SECONDS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
    // the hub's own port does not serve the admin API
    assertThat(Http.get(base + "/admin/faults").statusCode()).isEqualTo(404);
  }

  private static HttpResponse<String> put(String url, String body) {
    try {
      return RAW_CLIENT.send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofString(body))
          .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in the response head");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }
}
