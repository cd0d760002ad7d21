package io.playgate.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NativeTransportTest {

  @Test
  void theNativeEpollTransportLoadsOnLinuxX8664() throws Exception {
    assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
        "netty-transport-native-epoll is shipped for Linux x86-64 only");
    Vertx vertx = GatewayMetrics.create().createVertx();
    try {
      assertThat(vertx.isNativeTransportEnabled()).as(String.valueOf(vertx.unavailableNativeTransportCause()))
          .isTrue();
      assertThat(GatewayMetrics.transport(vertx)).isEqualTo("network transport: native epoll");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static String location(Class<?> type) {
    try {
      return java.nio.file.Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void withoutItTheGatewayFallsBackToNioAndSaysWhy() throws IOException, InterruptedException {
    // a JVM where Netty refuses its native transport, as on a platform without the library
    String javaBin = ProcessHandle.current().info().command().orElse("java");
    // the probe's and the gateway's own folders first: a runner may load tests through a class path of its own
    String classPath = String.join(java.io.File.pathSeparator, location(TransportProbe.class),
        location(GatewayMetrics.class), System.getProperty("java.class.path"));
    Process p = new ProcessBuilder(List.of(javaBin, "-Dio.netty.transport.noNative=true",
        "-cp", classPath, TransportProbe.class.getName()))
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the probe ends").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("native=false")
        .contains("network transport: NIO (native epoll unavailable: ")
        .contains("served=200");
    // silent: nothing above INFO about the transport (a busy machine may still log a blocked-thread WARN)
    assertThat(out.lines().filter(l -> l.contains("WARN") || l.contains("ERROR")))
        .noneMatch(l -> l.toLowerCase(java.util.Locale.ROOT).contains("transport") || l.contains("epoll"));
  }
}
