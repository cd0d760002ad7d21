package io.playgate.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.vertx.core.internal.VertxInternal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;

/**
 * The JVM's meters ({@code jvm_*}, {@code process_*}, {@code system_cpu_*}): the binders vertx-micrometer binds when
 * {@code MicrometerMetricsOptions.setJvmMetricsEnabled(true)}, in its order, bound instead on a thread of their own
 * while the gateway starts. Binding them reads the JVM's management beans, about 300 classes (JMX, GC notifications,
 * the operating system's bean) that need not delay the listener (the start-up profile in load-tests/RESULTS.md).
 * {@link GatewayMetrics#scrapingHandler()} waits for {@link #bound()} before its first answer, so a scrape
 * never misses them. The binders that hold listeners are closed with Vert.x.
 */
final class JvmMeters {

  /** Built on the binding thread too (some constructors read the management beans); set before {@link #bound}. */
  private volatile List<MeterBinder> binders = List.of();
  private final CompletableFuture<Void> bound = new CompletableFuture<>();

  private JvmMeters() {
  }

  /**
   * Starts binding the JVM's meters on a daemon thread named {@code playgate-jvm-meters}.
   *
   * @param registry where they are registered
   * @param vertx the Vert.x instance whose closing closes them
   * @return the binding, whose {@link #bound()} completes (never exceptionally) once all are registered or one failed
   *     (logged)
   */
  static JvmMeters bindInBackground(MeterRegistry registry, VertxInternal vertx) {
    JvmMeters meters = new JvmMeters();
    vertx.addCloseHook(completion -> {
      meters.bound.join();
      meters.close();
      completion.succeed();
    });
    Thread binding = new Thread(() -> meters.bind(registry), "playgate-jvm-meters");
    binding.setDaemon(true);
    binding.start();
    return meters;
  }

  /** @return completed once the meters are registered (or their binding failed and was logged) */
  CompletableFuture<Void> bound() {
    return bound;
  }

  private void bind(MeterRegistry registry) {
    try {
      binders = List.of(new ClassLoaderMetrics(), new JvmCompilationMetrics(), new JvmGcMetrics(),
          new JvmHeapPressureMetrics(), new JvmInfoMetrics(), new JvmMemoryMetrics(), new JvmThreadMetrics(),
          new ProcessorMetrics(), new UptimeMetrics());
      binders.forEach(binder -> binder.bindTo(registry));
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(JvmMeters.class).warn("the JVM's meters could not all be bound: {}", e.toString());
    } finally {
      bound.complete(null);
    }
  }

  private void close() {
    for (MeterBinder binder : binders) {
      if (binder instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LoggerFactory.getLogger(JvmMeters.class).debug("closing {}: {}", binder, e.toString());
        }
      }
    }
  }
}
