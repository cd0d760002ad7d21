package io.playgate.gateway.metrics;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.TimeUnit;

/**
 * Run in its own JVM by {@link NativeTransportTest}: builds the gateway's Vert.x instance, serves one request on a
 * random port over whatever transport it got, and prints what happened.
 */
final class TransportProbe {

  private TransportProbe() {
  }

  public static void main(String[] args) throws Exception {
    Vertx vertx = GatewayMetrics.create().createVertx();
    System.out.println("native=" + vertx.isNativeTransportEnabled() + " " + GatewayMetrics.transport(vertx));
    int port = vertx.createHttpServer().requestHandler(req -> req.response().end("ok")).listen(0)
        .await(10, TimeUnit.SECONDS).actualPort();
    int status = vertx.createHttpClient().request(HttpMethod.GET, port, "127.0.0.1", "/")
        .compose(req -> req.send()).await(10, TimeUnit.SECONDS).statusCode();
    System.out.println("served=" + status);
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
