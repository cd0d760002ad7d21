package io.playgate.loadtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's heap after a full GC, sampled at a fixed interval on a thread of its own (never one of Gatling's):
 * {@code jcmd PID GC.run}, then {@code jcmd PID GC.heap_info}, summing the {@code used} of every heap space it lists
 * (G1: one line, {@code garbage-first heap total …K, used …K}; Serial and Parallel: one line per generation). The
 * forced full GC is one short stop-the-world pause of the gateway per interval. Each sample is appended to a
 * tab-separated file (seconds since the first request, used bytes) and printed.
 */
final class HeapSampler {

  private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

  private final long pid;
  private final Duration interval;
  private final Path log;
  private final List<long[]> samples = new ArrayList<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "heap-sampler");
    thread.setDaemon(true);
    return thread;
  });
  private long startNanos;

  /**
   * @param pid the gateway's process id (same user as this JVM, so {@code jcmd} may attach)
   * @param interval time between samples, the first one {@code interval} after {@link #startOnce()}
   * @param log the file the samples are written to; its folder is created
   */
  HeapSampler(long pid, Duration interval, Path log) {
    this.pid = pid;
    this.interval = interval;
    this.log = log;
  }

  /** Starts sampling the first time it is called; later calls do nothing. Cheap enough for every request. */
  void startOnce() {
    if (started.compareAndSet(false, true)) {
      startNanos = System.nanoTime();
      try {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Files.writeString(log, "seconds\theapUsedAfterFullGcBytes\n", StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      timer.scheduleAtFixedRate(this::sample, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Stops sampling; a sample under way finishes first (at most 30 s). */
  void stop() throws InterruptedException {
    timer.shutdown();
    timer.awaitTermination(30, TimeUnit.SECONDS);
  }

  /** The samples so far, each {@code {seconds since start, used bytes}}, oldest first. */
  synchronized List<long[]> samples() {
    return List.copyOf(samples);
  }

  private void sample() {
    try {
      jcmd("GC.run");
      long used = 0;
      Matcher matcher = USED.matcher(jcmd("GC.heap_info"));
      while (matcher.find()) {
        used += Long.parseLong(matcher.group(1)) * 1024;
      }
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
      synchronized (this) {
        samples.add(new long[] {seconds, used});
      }
      Files.writeString(log, seconds + "\t" + used + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      System.out.printf("heap after full GC at %d s: %.1f MiB%n", seconds, used / 1048576.0);
    } catch (IOException | RuntimeException e) {
      System.out.println("heap sample failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("jcmd " + pid + " " + command + " failed: " + output.strip());
    }
    return output;
  }

  /**
   * Whether the heap stayed flat: the median of the last third of the samples is at most {@code maxGrowthPercent}
   * above the median of the first third (with fewer than 3 samples, the last against the first).
   *
   * @return {@code "flat"}, or why not (too few samples, or the growth and both medians in MiB)
   */
  String verdict(int maxGrowthPercent) {
    List<long[]> all = samples();
    if (all.size() < 2) {
      return "too few heap samples (" + all.size() + "): run for at least 2 sampling intervals";
    }
    int third = Math.max(1, all.size() / 3);
    long first = median(all.subList(0, third));
    long last = median(all.subList(all.size() - third, all.size()));
    double growthPercent = 100.0 * (last - first) / first;
    return growthPercent <= maxGrowthPercent ? "flat" : String.format(
        "grew %.1f%% (> %d%%): median of the first %d samples %.1f MiB, of the last %d %.1f MiB",
        growthPercent, maxGrowthPercent, third, first / 1048576.0, third, last / 1048576.0);
  }

  private static long median(List<long[]> samples) {
    long[] used = samples.stream().mapToLong(sample -> sample[1]).sorted().toArray();
    return used.length % 2 == 1 ? used[used.length / 2] : (used[used.length / 2 - 1] + used[used.length / 2]) / 2;
  }
}
