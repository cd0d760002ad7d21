// Cold-burst coalescing probe: N concurrent requests for one uncached id at a gateway whose remote hub is the
// hub simulator with a 300 ms latency fault; counts the hub requests through the simulator's admin API and times the
// fan-out. Run with the fat jar on the class path (Vert.x comes from it):
//   java [-Dgateway.pid=PID] -cp gateway/target/playgate-gateway.jar load-tests/ColdBurst.java GATEWAY_URL HUB_ADMIN_URL N ID...
// Each id gets one burst, in order, in this one JVM; the first -Dwarmup.bursts (default 1) are warm-ups (JIT,
// connections) and are marked so. -Dwarmup.hotRequests=H (default 0) then sends H requests for the last warm-up id,
// now cached, n at a time over the same connections: the gateway's write path is then as warm as a serving gateway's.
// Before the burst it opens N keep-alive connections (N requests to /health/live), so the burst itself is N requests
// written at once on open connections and every one of them is waiting when the hub answers.
// The client spreads its connections over two event loops (one HttpClient and one verticle context each) and does no
// more per response than note the time, the status and the body; bodies are compared after the burst. With
// gateway.pid, it also reports the gateway's CPU time (all its threads, /proc/PID/task/*/schedstat) from the first
// response (the hub has answered) to the last: the cost of releasing the waiters, less noisy than the wall time.
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

public class ColdBurst {
  private static final int LOOPS = 2;

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
    String pid = System.getProperty("gateway.pid", "");
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(LOOPS));
    Context[] contexts = new Context[LOOPS];
    HttpClient[] clients = new HttpClient[LOOPS];
    for (int l = 0; l < LOOPS; l++) {
      int k = l;
      vertx.deployVerticle(new AbstractVerticle() {
        @Override
        public void start() {
          contexts[k] = context;
          clients[k] = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(30_000),
              new PoolOptions().setHttp1MaxSize(n).setMaxWaitQueueSize(-1));
        }
      }).await(30, TimeUnit.SECONDS);
    }
    int warmUps = Integer.getInteger("warmup.bursts", 1);
    int hot = Integer.getInteger("warmup.hotRequests", 0);
    for (int a = 3; a < args.length; a++) {
      boolean warmUp = a - 3 < warmUps;
      burst(contexts, clients, gw, admin, args[a], n, warmUp ? "warm-up: " : "", pid);
      if (a - 3 == warmUps - 1 && hot > 0) {
        hotRequests(contexts, clients, gw, target(gw, args[a]), n, hot);
      }
    }
  }

  /** Sends {@code total} requests for a cached target, {@code n} at a time, and prints how long they took. */
  private static void hotRequests(Context[] contexts, HttpClient[] clients, URI gw, String target, int n, int total)
      throws Exception {
    long t0 = System.nanoTime();
    for (int sent = 0; sent < total; sent += n) {
      List<Future<?>> round = new ArrayList<>();
      for (int i = 0; i < Math.min(n, total - sent); i++) {
        round.add(onLoop(contexts, clients, i, c -> get(c, gw, target)));
      }
      Future.all(round).await(120, TimeUnit.SECONDS);
    }
    System.out.printf("warm-up: %d hot requests in %.1f ms%n", total, (System.nanoTime() - t0) / 1e6);
  }

  /** @return the oEmbed request target of one id (the gateway's public base URL is http://localhost:PORT) */
  private static String target(URI gw, String id) {
    return "/oembed?url=" + URLEncoder.encode("http://localhost:" + gw.getPort() + "/media/" + id,
        StandardCharsets.UTF_8);
  }

  private static void burst(Context[] contexts, HttpClient[] clients, URI gw, URI admin, String id, int n,
      String label, String pid) throws Exception {
    // the gateway's public base URL is http://localhost:<port> (IP-literal hosts are refused as oEmbed URLs)
    String target = target(gw, id);
    // open (or re-check) n connections first, each on the event loop that will send its burst request
    List<Future<?>> warm = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      warm.add(onLoop(contexts, clients, i, c -> get(c, gw, "/health/live").map(b -> 0L)));
    }
    Future.all(warm).await(60, TimeUnit.SECONDS);
    Thread.sleep(500);
    long before = hubCount(admin, id);

    long[] done = new long[n];
    int[] status = new int[n];
    Buffer[] body = new Buffer[n];
    AtomicBoolean first = new AtomicBoolean();
    CompletableFuture<Long> cpuAtFirst = new CompletableFuture<>();
    List<Future<?>> all = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      int k = i;
      all.add(onLoop(contexts, clients, i, c -> c.request(HttpMethod.GET, gw.getPort(), gw.getHost(), target)
          .compose(req -> req.send())
          .compose(resp -> resp.body().map(b -> {
            done[k] = System.nanoTime();
            status[k] = resp.statusCode();
            body[k] = b;
            if (first.compareAndSet(false, true)) {
              CompletableFuture.runAsync(() -> cpuAtFirst.complete(cpuNanos(pid))); // off the event loop
            }
            return 0L;
          }))));
    }
    Future.join(all).await(120, TimeUnit.SECONDS);
    long cpuAtLast = cpuNanos(pid);
    long firstDone = Long.MAX_VALUE;
    long lastDone = 0;
    int ok = 0;
    Set<String> bodies = new HashSet<>();
    // cache_age counts down in whole seconds while the burst is answered: compare the bodies without it too
    Set<String> sansAge = new HashSet<>();
    for (int i = 0; i < n; i++) {
      firstDone = Math.min(firstDone, done[i]);
      lastDone = Math.max(lastDone, done[i]);
      ok += status[i] == 200 ? 1 : 0;
      String text = body[i] == null ? "" : body[i].toString();
      bodies.add(text);
      sansAge.add(text.replaceAll("\"cache_age\":\\d+", ""));
    }
    long after = hubCount(admin, id);
    String cpu = pid.isEmpty() ? "" : String.format(" gatewayCpuAnswerToLastWaiterMs=%.1f",
        (cpuAtLast - cpuAtFirst.get(10, TimeUnit.SECONDS)) / 1e6);
    System.out.printf(label + "burst id=%s concurrent=%d ok=%d distinctBodies=%d distinctBodiesWithoutCacheAge=%d "
            + "hubRequests=%d firstResponseMs=%.1f lastResponseMs=%.1f hubAnswerToLastWaiterMs=%.1f%s%n", id, n, ok,
        bodies.size(), sansAge.size(), after - before, (firstDone - t0) / 1e6, (lastDone - t0) / 1e6,
        (lastDone - firstDone) / 1e6, cpu);
  }

  /** Runs the i-th request on its event loop (i modulo the loops) with that loop's client. */
  private static <T> Future<T> onLoop(Context[] contexts, HttpClient[] clients, int i,
      java.util.function.Function<HttpClient, Future<T>> request) {
    int l = i % contexts.length;
    Promise<T> p = Promise.promise();
    contexts[l].runOnContext(v -> request.apply(clients[l]).onComplete(p));
    return p.future();
  }

  private static Future<Buffer> get(HttpClient client, URI base, String path) {
    return client.request(HttpMethod.GET, base.getPort(), base.getHost(), path)
        .compose(req -> req.send()).compose(resp -> resp.body());
  }

  /** The CPU time all the process's threads have run, in ns (the first field of each thread's schedstat), or 0. */
  private static long cpuNanos(String pid) {
    if (pid.isEmpty()) {
      return 0;
    }
    long total = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", pid, "task"))) {
      for (Path task : tasks) {
        try {
          total += Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[0]);
        } catch (IOException | RuntimeException e) {
          // a thread that ended meanwhile
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return total;
  }

  private static long hubCount(URI admin, String id) throws Exception {
    // a plain blocking JDK request, off the load client's pool
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(admin.resolve("/admin/counts")).timeout(java.time.Duration.ofSeconds(10))
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    JsonObject ids = new JsonObject(r.body()).getJsonObject("ids", new JsonObject());
    return ids.getLong(id, 0L);
  }
}
