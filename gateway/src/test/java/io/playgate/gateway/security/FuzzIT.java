package io.playgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fuzz test of the public routes: 10,000 generated {@code /oembed}, {@code /embed/{id}} and {@code /media/{id}}
 * requests (random parameters and values, valid and invalid percent-encoding, raw UTF-8, long targets, repeated names,
 * empty and odd separators, GET and HEAD) sent raw by a Vert.x client to a real gateway on its embedded hub:
 * no 5xx (but 501, the oEmbed answer to an unsupported {@code format}, checked to be exactly that), every request
 * answered within its own timeout (no hang), {@code /health/ready} 200 afterwards. The seed
 * is printed; {@code -Dplaygate.fuzz.seed=…} replays a run, {@code -Dplaygate.fuzz.requests=…} changes the count.
 */
class FuzzIT {

  private static final int REQUESTS = Integer.getInteger("playgate.fuzz.requests", 10_000);
  private static final int CONCURRENCY = 8;
  private static final long REQUEST_TIMEOUT_MILLIS = 15_000;
  private static final String[] IDS = {"t1", "t2", "hostile", "v1", "v2", "a1", "p1", "private1", "gone1", "noembed",
      "nope", "x"};
  private static final String[] NAMES = {"url", "format", "maxwidth", "maxheight", "callback", "autoplay", "start",
      "theme", "color", "facade", "dnt", "access_token", "exp", "sig", "URL", "Format", "utm_source", "", "a[]",
      "%75rl", "url%00", "ur%6c"};
  private static final String[] PIECES = {"", "0", "1", "-1", "00", "1.5", "1e9", "99999999999999999999999",
      "2147483648", "-2147483649", "json", "xml", "JSON", "Xml", "rss", "jsonp", "cb", "a.b", "1cb", "alert(1)",
      "dark", "light", "auto", "ff5500", "FF5500", "red", "true", "null", "%", "%z", "%zz", "%e9", "%C3%A9", "%C3",
      "%ED%A0%80", "%F0%9F%8E%B8", "%00", "%0A", "%0D%0A", "%2F", "%252F", "%3Cscript%3E", "+", "++", "é", "ü",
      "🎸", "\u2028", "שלום", "../", "..%2F", "\\", "'", "\"", "<", ">", "`", "{", "}", "|", "^", "#", "=", "?",
      "javascript:alert(1)", "data:,x", "file:///etc/passwd", "http://127.0.0.1/", "http://[::1]/"};

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded().with("server.accessLog", "false");

  @Test
  void tenThousandGeneratedRequests() throws Exception {
    long seed = Long.getLong("playgate.fuzz.seed", System.nanoTime());
    System.out.println("FuzzIT seed=" + seed + " (replay with -Dplaygate.fuzz.seed=" + seed + ")");
    Random random = new Random(seed);
    String media = gateway.base() + "/media/";
    List<String[]> requests = new ArrayList<>(REQUESTS);
    for (int i = 0; i < REQUESTS; i++) {
      requests.add(new String[] {random.nextInt(10) == 0 ? "HEAD" : "GET", target(random, media)});
    }
    Vertx client = Vertx.vertx();
    HttpClientAgent http = client.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(gateway.port()).setKeepAlive(true).setMaxInitialLineLength(65536)
        .setMaxHeaderSize(65536), new PoolOptions().setHttp1MaxSize(CONCURRENCY));
    ConcurrentMap<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
    ConcurrentMap<String, String> fiveXx = new ConcurrentHashMap<>();
    AtomicInteger timeouts = new AtomicInteger();
    AtomicInteger transportErrors = new AtomicInteger();
    AtomicLong maxTargetLength = new AtomicLong();
    AtomicInteger next = new AtomicInteger();
    long t0 = System.nanoTime();
    List<Future<Void>> workers = new ArrayList<>();
    for (int w = 0; w < CONCURRENCY; w++) {
      workers.add(loop(http, requests, next, byStatus, fiveXx, timeouts, transportErrors, maxTargetLength));
    }
    Future.all(workers).await(10, TimeUnit.MINUTES);
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    http.close().await(10, TimeUnit.SECONDS);
    client.close().await(10, TimeUnit.SECONDS);

    Map<Integer, Integer> counts = new TreeMap<>();
    byStatus.forEach((k, v) -> counts.put(k, v.get()));
    int answered = counts.values().stream().mapToInt(Integer::intValue).sum();
    System.out.println("FuzzIT: " + REQUESTS + " requests in " + elapsedMs + " ms; statuses " + counts
        + "; transport errors " + transportErrors.get() + "; timeouts " + timeouts.get() + "; longest target "
        + maxTargetLength.get() + " chars");
    assertThat(fiveXx).as("5xx answers other than 501 for an unsupported format (first 20)").isEmpty();
    assertThat(timeouts.get()).as("requests without an answer within " + REQUEST_TIMEOUT_MILLIS + " ms").isZero();
    assertThat(answered + transportErrors.get()).isEqualTo(REQUESTS);
    // a transport error is a connection the server closed after a 4xx it answered on a raw socket before; the
    // bulk must be answered
    assertThat(answered).isGreaterThan(REQUESTS * 95 / 100);
    assertThat(Http.get(gateway.base() + "/health/ready").statusCode()).isEqualTo(200);
    assertThat(Http.get(gateway.base() + "/oembed?url="
        + URLEncoder.encode(media + "t1", StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
  }

  private static Future<Void> loop(HttpClientAgent http, List<String[]> requests, AtomicInteger next,
      ConcurrentMap<Integer, AtomicInteger> byStatus, ConcurrentMap<String, String> fiveXx, AtomicInteger timeouts,
      AtomicInteger transportErrors, AtomicLong maxTargetLength) {
    int i = next.getAndIncrement();
    if (i >= requests.size()) {
      return Future.succeededFuture();
    }
    String[] r = requests.get(i);
    maxTargetLength.accumulateAndGet(r[1].length(), Math::max);
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(r[0])).setURI(r[1])
        .setTimeout(REQUEST_TIMEOUT_MILLIS);
    return http.request(options)
        .compose(req -> req.send().compose(resp -> resp.body().map(b -> {
          int status = resp.statusCode();
          byStatus.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
          // 501 is the oEmbed answer to an unsupported format (oEmbed spec §2.3.4), not a server failure
          boolean unsupportedFormat = status == 501
              && (r[0].equals("HEAD") || b.toString().contains("\"detail\":\"format:"));
          if (status >= 500 && !unsupportedFormat && fiveXx.size() < 20) {
            fiveXx.put(r[0] + " " + r[1], status + " " + b);
          }
          return (Void) null;
        })))
        .recover(e -> {
          if (e instanceof java.util.concurrent.TimeoutException
              || String.valueOf(e.getMessage()).toLowerCase().contains("timeout")) {
            timeouts.incrementAndGet();
          } else {
            transportErrors.incrementAndGet();
          }
          return Future.succeededFuture();
        })
        .compose(x -> loop(http, requests, next, byStatus, fiveXx, timeouts, transportErrors, maxTargetLength));
  }

  private static String target(Random random, String media) {
    int kind = random.nextInt(3);
    StringBuilder t = new StringBuilder();
    if (kind == 0) {
      t.append("/oembed");
    } else {
      t.append(kind == 1 ? "/embed/" : "/media/").append(id(random));
    }
    int params = random.nextInt(5) == 0 ? random.nextInt(40) : random.nextInt(6);
    if (params > 0 || random.nextInt(8) == 0) {
      t.append('?');
    }
    for (int p = 0; p < params; p++) {
      if (p > 0) {
        t.append(random.nextInt(20) == 0 ? (random.nextBoolean() ? "&&" : ";") : "&");
      }
      String name = kind == 0 && random.nextInt(3) == 0 ? "url" : NAMES[random.nextInt(NAMES.length)];
      t.append(name);
      if (random.nextInt(15) == 0) {
        continue; // a name without '='
      }
      t.append('=');
      if (name.equals("url") && random.nextInt(3) != 0) {
        String u = media + id(random) + (random.nextInt(4) == 0 ? value(random) : "");
        t.append(random.nextInt(6) == 0 ? u : URLEncoder.encode(u, StandardCharsets.UTF_8));
      } else {
        t.append(value(random));
      }
      if (random.nextInt(30) == 0) {
        t.append("&").append(name).append("=").append(value(random)); // a repeat
      }
    }
    if (random.nextInt(200) == 0) {
      t.append("&pad=").append("x".repeat(random.nextInt(12_000))); // past limits.maxRequestLine sometimes
    }
    if (random.nextInt(50) == 0) {
      t.append('#').append(value(random));
    }
    return t.toString();
  }

  private static String id(Random random) {
    return switch (random.nextInt(6)) {
      case 0, 1 -> IDS[random.nextInt(IDS.length)];
      case 2 -> {
        StringBuilder sb = new StringBuilder();
        String alphabet = "abcXYZ019_-";
        int n = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 70);
        for (int i = 0; i < n; i++) {
          sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        yield sb.toString();
      }
      default -> value(random);
    };
  }

  private static String value(Random random) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      sb.append(PIECES[random.nextInt(PIECES.length)]);
    }
    if (random.nextInt(25) == 0) {
      sb.append("9".repeat(random.nextInt(500)));
    }
    return sb.toString();
  }
}
