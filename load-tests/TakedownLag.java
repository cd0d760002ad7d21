// Takedown propagation probe: how long after node A's webhook answered 204 to a signed media.removed do the other
// nodes answer 404 for that id? Run with the fat jar on the class path (Vert.x comes from it):
//   java -cp gateway/target/playgate-gateway.jar load-tests/TakedownLag.java SECRET PUBLIC_BASE ROUNDS NODE_A NODE_B... -- ID...
// Each round takes one id down (ids in turn): first every node must answer 200 for it on /oembed; then the webhook
// goes to NODE_A, and from the moment its 204 arrives, POLLERS keep-alive connections per other node ask /oembed
// back to back until the first 404; the round's lag is the latest of those first 404s. NODE_A itself must answer 404
// at once. Then a signed media.updated puts the id back (every node answers 200 again) for the next round that uses
// it. Prints one line per round and the p50, p99 and maximum. Loopback targets only.
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class TakedownLag {
  private static final int POLLERS = 2;
  private static final long ROUND_BOUND_MS = 10_000;

  public static void main(String[] args) {
    try {
      run(args);
      System.exit(0);
    } catch (Throwable e) {
      System.err.println("TakedownLag: " + e);
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    int sep = Arrays.asList(args).indexOf("--");
    if (args.length < 6 || sep < 5 || sep == args.length - 1) {
      throw new IllegalArgumentException("usage: SECRET PUBLIC_BASE ROUNDS NODE_A NODE_B... -- ID...");
    }
    String secret = args[0];
    String publicBase = args[1];
    int rounds = Integer.parseInt(args[2]);
    List<URI> nodes = Arrays.stream(args, 3, sep).map(URI::create).toList();
    List<String> ids = Arrays.asList(args).subList(sep + 1, args.length);
    for (URI n : nodes) {
      if (!n.getHost().equals("127.0.0.1") && !n.getHost().equals("localhost")) {
        throw new IllegalArgumentException("loopback targets only: " + n);
      }
    }
    Vertx vertx = Vertx.vertx();
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(POLLERS + 2));
    List<Double> lags = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      String id = ids.get(r % ids.size());
      String path = "/oembed?url=" + URLEncoder.encode(publicBase + "/media/" + id, StandardCharsets.UTF_8);
      for (URI n : nodes) {
        untilStatus(client, n, path, 200, ROUND_BOUND_MS);
      }
      int status = webhook(client, nodes.get(0), secret, "media.removed", id);
      long t0 = System.nanoTime();
      if (status != 204) {
        throw new IllegalStateException("webhook answered " + status);
      }
      int atA = status(client, nodes.get(0), path);
      List<Future<Long>> firsts = new ArrayList<>();
      for (URI n : nodes.subList(1, nodes.size())) {
        for (int p = 0; p < POLLERS; p++) {
          firsts.add(firstStatus(client, n, path, 404, t0 + ROUND_BOUND_MS * 1_000_000));
        }
      }
      Future.all(firsts).await(ROUND_BOUND_MS * 2, TimeUnit.MILLISECONDS);
      long last = 0;
      // the lag of a node is its earliest poller's first 404; the round's lag is the latest node's
      for (int n = 0; n < nodes.size() - 1; n++) {
        long earliest = Long.MAX_VALUE;
        for (int p = 0; p < POLLERS; p++) {
          earliest = Math.min(earliest, firsts.get(n * POLLERS + p).result());
        }
        last = Math.max(last, earliest - t0);
      }
      double ms = last / 1e6;
      lags.add(ms);
      System.out.printf("round %d id=%s webhook=204 nodeA=%d lastNode404Ms=%.2f%n", r + 1, id, atA, ms);
      if (atA != 404) {
        throw new IllegalStateException("node A answered " + atA + " right after its own webhook");
      }
      webhook(client, nodes.get(0), secret, "media.updated", id);
    }
    lags.sort(null);
    System.out.printf("takedowns=%d p50Ms=%.2f p99Ms=%.2f maxMs=%.2f%n", lags.size(), pct(lags, 50), pct(lags, 99),
        lags.get(lags.size() - 1));
  }

  private static double pct(List<Double> sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  private static int status(HttpClient client, URI node, String path) throws Exception {
    return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(node.getHost())
            .setPort(node.getPort()).setURI(path))
        .compose(req -> req.send().compose(resp -> resp.body().map(b -> resp.statusCode())))
        .await(5, TimeUnit.SECONDS);
  }

  private static void untilStatus(HttpClient client, URI node, String path, int wanted, long boundMs)
      throws Exception {
    long end = System.nanoTime() + boundMs * 1_000_000;
    int last = 0;
    while (System.nanoTime() < end) {
      last = status(client, node, path);
      if (last == wanted) {
        return;
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException(node + path + " still answers " + last + ", not " + wanted);
  }

  /** Asks back to back until the wanted status; completes with the nanoTime its first such answer arrived. */
  private static Future<Long> firstStatus(HttpClient client, URI node, String path, int wanted, long endNanos) {
    Promise<Long> done = Promise.promise();
    poll(client, node, path, wanted, endNanos, done);
    return done.future();
  }

  private static void poll(HttpClient client, URI node, String path, int wanted, long endNanos, Promise<Long> done) {
    client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(node.getHost()).setPort(node.getPort())
            .setURI(path))
        .compose(req -> req.send().compose(resp -> resp.body().map(b -> resp.statusCode())))
        .onComplete(ar -> {
          long now = System.nanoTime();
          if (ar.succeeded() && ar.result() == wanted) {
            done.complete(now);
          } else if (now > endNanos) {
            done.fail(node + " never answered " + wanted);
          } else {
            poll(client, node, path, wanted, endNanos, done);
          }
        });
  }

  private static int webhook(HttpClient client, URI node, String secret, String event, String id) throws Exception {
    String body = "{\"event\":\"" + event + "\",\"ids\":[\"" + id + "\"]}";
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String sig = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    return client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost(node.getHost())
            .setPort(node.getPort()).setURI("/hooks/hub").putHeader("Content-Type", "application/json")
            .putHeader("X-Hub-Signature-256", sig))
        .compose(req -> req.send(Buffer.buffer(body)).compose(resp -> resp.body().map(b -> resp.statusCode())))
        .await(5, TimeUnit.SECONDS);
  }
}
