// Cold-burst coalescing probe: N concurrent requests for one uncached id at a gateway whose remote hub is the
// hub simulator with a 300 ms latency fault; counts the hub requests through the simulator's admin API and times the
// fan-out. Run with the fat jar on the class path (Vert.x comes from it):
//   java -cp gateway/target/playgate-gateway.jar load-tests/ColdBurst.java GATEWAY_URL HUB_ADMIN_URL N ID...
// Each id gets one burst, in order, in this one JVM; the first is a warm-up (JIT, connections) and is marked so.
// Before the burst it opens N keep-alive connections (N requests to /health/live), so the burst itself is N requests
// written at once on open connections and every one of them is waiting when the hub answers.
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

public class ColdBurst {
  public static void main(String[] args) {
    try {
      run(args);
      System.exit(0);
    } catch (Throwable e) {
      System.err.println("ColdBurst: " + e);
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    URI gw = URI.create(args[0]);
    URI admin = URI.create(args[1]);
    int n = Integer.parseInt(args[2]);
    Vertx vertx = Vertx.vertx();
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(30_000),
        new PoolOptions().setHttp1MaxSize(n).setMaxWaitQueueSize(-1));
    HttpClient adminClient = vertx.createHttpClient();
    for (int a = 3; a < args.length; a++) {
      burst(client, adminClient, gw, admin, args[a], n, a == 3 ? "warm-up: " : "");
    }
  }

  private static void burst(HttpClient client, HttpClient adminClient, URI gw, URI admin, String id, int n,
      String label) throws Exception {
    // the gateway's public base URL is http://localhost:<port> (IP-literal hosts are refused as oEmbed URLs)
    String target = "/oembed?url=" + URLEncoder.encode("http://localhost:" + gw.getPort() + "/media/" + id,
        StandardCharsets.UTF_8);
    // open (or re-check) n connections first
    List<Future<Buffer>> warm = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      warm.add(get(client, gw, "/health/live"));
    }
    Future.all(warm).await(60, TimeUnit.SECONDS);
    Thread.sleep(500);
    long before = hubCount(adminClient, admin, id);

    long[] done = new long[n];
    int[] status = new int[n];
    Set<String> bodies = java.util.Collections.synchronizedSet(new HashSet<>());
    // cache_age counts down in whole seconds while the burst is answered: compare the bodies without it
    Set<String> sansAge = java.util.Collections.synchronizedSet(new HashSet<>());
    List<Future<?>> all = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      int k = i;
      all.add(client.request(HttpMethod.GET, gw.getPort(), gw.getHost(), target)
          .compose(req -> req.send())
          .compose(resp -> resp.body().map(b -> {
            done[k] = System.nanoTime();
            status[k] = resp.statusCode();
            bodies.add(b.toString());
            sansAge.add(b.toString().replaceAll("\"cache_age\":\\d+", ""));
            return b;
          })));
    }
    Future.join(all).await(120, TimeUnit.SECONDS);
    long sentMs = 0;
    long first = Long.MAX_VALUE;
    long last = 0;
    int ok = 0;
    for (int i = 0; i < n; i++) {
      first = Math.min(first, done[i]);
      last = Math.max(last, done[i]);
      if (status[i] == 200) {
        ok++;
      }
    }
    long after = hubCount(adminClient, admin, id);
    System.out.printf(label + "burst id=%s concurrent=%d ok=%d distinctBodies=%d distinctBodiesWithoutCacheAge=%d hubRequests=%d firstResponseMs=%.1f "
            + "lastResponseMs=%.1f hubAnswerToLastWaiterMs=%.1f%n", id, n, ok, bodies.size(), sansAge.size(), after - before,
        (first - t0) / 1e6, (last - t0) / 1e6, (last - first) / 1e6);
  }

  private static Future<Buffer> get(HttpClient client, URI base, String path) {
    return client.request(HttpMethod.GET, base.getPort(), base.getHost(), path)
        .compose(req -> req.send()).compose(resp -> resp.body());
  }

  private static long hubCount(HttpClient unused, URI admin, String id) throws Exception {
    // a plain blocking JDK request, off the load client's pool
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(admin.resolve("/admin/counts")).timeout(java.time.Duration.ofSeconds(10))
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    JsonObject ids = new JsonObject(r.body()).getJsonObject("ids", new JsonObject());
    return ids.getLong(id, 0L);
  }
}
