import io.playgate.hub.local.Catalog;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * How long the local hub takes to open a catalogue folder, to read entries from it, and what the heap holds after.
 * Run (after mvn -B -q package -DskipTests), e.g. for the million-item catalogue:
 *   java -Xmx256m -cp catalog-generator/target/playgate-catalog-generator.jar load-tests/CatalogLoadTime.java \
 *     load-tests/target/catalog-1000000 5
 * Prints, per round: open ms, the mean of 1,000 random entry reads (µs), and the heap used after a full GC (KiB),
 * with the catalogue still open.
 */
public class CatalogLoadTime {
  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Random random = new Random(42);
    for (int r = 1; r <= rounds; r++) {
      long t0 = System.nanoTime();
      Catalog catalog = Catalog.open(folder, "http://localhost:8080/hub", "http://localhost:8080", Catalog.ItemCheck.NONE);
      long openNs = System.nanoTime() - t0;
      List<String> ids = catalog.listedIds();
      long bytes = 0;
      long t1 = System.nanoTime();
      for (int i = 0; i < 1000; i++) {
        bytes += catalog.get(ids.get(random.nextInt(ids.size()))).body().length();
      }
      long readNs = System.nanoTime() - t1;
      System.gc();
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      System.out.printf("round %d: items=%d listed=%d open=%.1f ms, 1000 random reads %.1f us each (mean body %d B),"
          + " heap used after GC %d KiB%n", r, catalog.size(), ids.size(), openNs / 1e6, readNs / 1e3 / 1000,
          bytes / 1000, used / 1024);
    }
  }
}
