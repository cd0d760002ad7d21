// Asks a gateway for the 8 cached variants of each id in a file (load-tests/heap-per-item.sh): oEmbed JSON and XML at
// three sizes (no bound, maxwidth=480, maxwidth=320), the player page /embed/{id} and the share page /media/{id}.
// Run with the fat jar on the class path (Vert.x comes from it):
//   java -cp gateway/target/playgate-gateway.jar load-tests/HeapPerItem.java GATEWAY_URL IDS_FILE CONCURRENCY [ACCEPT_ENCODING]
// Prints one line: requests, statuses, body bytes received, seconds. Exits 1 when any answer is not a 200.
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

public class HeapPerItem {
  public static void main(String[] args) throws Exception {
    URI gw = URI.create(args[0]);
    List<String> ids = Files.readAllLines(Path.of(args[1]));
    int concurrency = Integer.parseInt(args[2]);
    String acceptEncoding = args.length > 3 ? args[3] : "";
    List<String> paths = new ArrayList<>();
    for (String id : ids) {
      String url = URLEncoder.encode("http://localhost:" + gw.getPort() + "/media/" + id, StandardCharsets.UTF_8);
      for (String format : new String[] {"json", "xml"}) {
        for (String size : new String[] {"", "&maxwidth=480", "&maxwidth=320"}) {
          paths.add("/oembed?url=" + url + "&format=" + format + size);
        }
      }
      paths.add("/embed/" + id);
      paths.add("/media/" + id);
    }
    Vertx vertx = Vertx.vertx();
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(concurrency));
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    AtomicLong bodyBytes = new AtomicLong();
    AtomicInteger next = new AtomicInteger();
    long t0 = System.nanoTime();
    List<Future<Void>> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      Promise<Void> done = Promise.promise();
      workers.add(done.future());
      vertx.runOnContext(v -> step(client, gw, acceptEncoding, paths, next, statuses, bodyBytes, done));
    }
    Future.all(workers).await(3600, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("requests=%d statuses=%s bodyBytes=%d seconds=%.1f%n", paths.size(), statuses, bodyBytes.get(),
        seconds);
    vertx.close().await(10, TimeUnit.SECONDS);
    boolean allOk = statuses.keySet().stream().allMatch(s -> s == 200);
    System.exit(allOk ? 0 : 1);
  }

  private static void step(HttpClient client, URI gw, String acceptEncoding, List<String> paths, AtomicInteger next,
      Map<Integer, AtomicInteger> statuses, AtomicLong bodyBytes, Promise<Void> done) {
    int i = next.getAndIncrement();
    if (i >= paths.size()) {
      done.complete();
      return;
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(gw.getHost())
        .setPort(gw.getPort()).setURI(paths.get(i));
    if (!acceptEncoding.isEmpty()) {
      options.putHeader("Accept-Encoding", acceptEncoding);
    }
    client.request(options).compose(req -> req.send().compose(resp -> resp.body().map(body -> {
      statuses.computeIfAbsent(resp.statusCode(), s -> new AtomicInteger()).incrementAndGet();
      bodyBytes.addAndGet(body.length());
      return (Buffer) body;
    }))).onComplete(ar -> {
      if (ar.failed()) {
        statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
      }
      step(client, gw, acceptEncoding, paths, next, statuses, bodyBytes, done);
    });
  }
}
