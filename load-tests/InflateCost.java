// What a kept gzip variant costs per request (load-tests/RESULTS.md, "Issue 12: memory per cached item"): for each
// file, the time to compress it once (Rendered.gzipped, deflate level 9), to send it as kept (gzip) and to inflate
// it for an identity client; medians of 5 rounds of N calls each, after a warm-up. Run with the fat jar:
//   java -cp gateway/target/playgate-gateway.jar load-tests/InflateCost.java N FILE...
import io.playgate.gateway.cache.Rendered;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

public class InflateCost {
  static long sink;

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    for (int f = 1; f < args.length; f++) {
      byte[] body = Files.readAllBytes(Path.of(args[f]));
      Rendered plain = Rendered.of(Buffer.buffer(body));
      Rendered zipped = plain.gzipped();
      double compress = median(() -> sink += plain.gzipped().keptLength(), Math.max(1, n / 100));
      double asKept = median(() -> sink += zipped.body("", Rendered.Coding.GZIP).length(), n);
      double inflate = median(() -> sink += zipped.body("", Rendered.Coding.IDENTITY).length(), n);
      double identity = median(() -> sink += plain.body("", Rendered.Coding.IDENTITY).length(), n);
      System.out.printf("%s: %d B raw, %d B kept gzip; compress once %.1f us; per request: gzip as kept %.2f us,"
          + " inflated for identity %.2f us, identity kept raw %.2f us%n", Path.of(args[f]).getFileName(), body.length,
          zipped.keptLength(), compress, asKept, inflate, identity);
    }
  }

  /** @return the median over 5 rounds of the mean microseconds per call, after one warm-up round */
  static double median(Runnable call, int calls) {
    double[] rounds = new double[6];
    for (int r = 0; r < rounds.length; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        call.run();
      }
      rounds[r] = (System.nanoTime() - t0) / 1e3 / calls;
    }
    double[] kept = Arrays.copyOfRange(rounds, 1, rounds.length);
    Arrays.sort(kept);
    return kept[kept.length / 2];
  }
}
