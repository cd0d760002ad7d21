package io.playgate.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.playgate.gateway.http.StandardMethods;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsNaming;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The per-request HTTP server meters of one listener, with the names, types, descriptions and labels
 * {@code vertx-micrometer-metrics} gives them ({@code vertx_http_server_requests_total},
 * {@code …_response_time_seconds}, {@code …_request_bytes}, {@code …_response_bytes}, {@code …_active_requests},
 * {@code …_request_resets_total}; labels {@code local}, {@code method} and, on answered requests, {@code code}), but
 * each meter looked up once: Vert.x's implementation builds a tag list and asks the registry for four meters on every
 * request, which cost about a sixth of a hot request's CPU. Here the {@code method} label is bounded
 * ({@link StandardMethods#label}, ten values) and {@code code} is 100..599, so every meter of a listener sits in a
 * small table filled on first use. Connection-level events (connections, bytes read and written, WebSocket counts)
 * go to Vert.x's implementation unchanged.
 *
 * <p>Thread-safe; called on the connections' event loops.
 */
final class ServerRequestMeters implements HttpServerMetrics<ServerRequestMeters.Request, Object, Object> {

  private static final int STATUS_LIMIT = 600;

  private final HttpServerMetrics<Object, Object, Object> connections;
  private final MeterRegistry registry;
  private final MetricsNaming names;
  private final String local;
  private final ConcurrentHashMap<String, MethodMeters> byMethod = new ConcurrentHashMap<>();

  /**
   * @param connections Vert.x's meters of the same listener, for connection-level events
   * @param registry where the meters are registered
   * @param names the meter names ({@code MicrometerMetricsOptions.getMetricsNaming()})
   * @param localAddress the listener's bind address, the {@code local} label
   */
  @SuppressWarnings("unchecked")
  ServerRequestMeters(HttpServerMetrics<?, ?, ?> connections, MeterRegistry registry, MetricsNaming names,
      @Nullable SocketAddress localAddress) {
    this.connections = (HttpServerMetrics<Object, Object, Object>) connections;
    this.registry = registry;
    this.names = names;
    this.local = localAddress == null ? "?" : localAddress.host() + ":" + localAddress.port();
  }

  /** One request in flight; both its request and its response end before it leaves the active count. */
  static final class Request {
    private final MethodMeters meters;
    private final long startNanos = System.nanoTime();
    private boolean requestEnded;
    private boolean responseEnded;
    private boolean reset;

    private Request(MethodMeters meters) {
      this.meters = meters;
      meters.active.increment();
    }
  }

  @Override
  public Request requestBegin(Object socket, HttpRequest request) {
    return new Request(byMethod.computeIfAbsent(StandardMethods.label(request.method()), MethodMeters::new));
  }

  @Override
  public void requestEnd(Request r, HttpRequest request, long bytesRead) {
    r.meters.requestBytes().record(bytesRead);
    r.requestEnded = true;
    if (r.responseEnded && !r.reset) {
      r.meters.active.decrement();
    }
  }

  @Override
  public void responseEnd(Request r, HttpResponse response, long bytesWritten) {
    StatusMeters status = r.meters.status(response.statusCode());
    status.requests.increment();
    status.responseTime.record(System.nanoTime() - r.startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    status.responseBytes.record(bytesWritten);
    r.responseEnded = true;
    if (r.requestEnded && !r.reset) {
      r.meters.active.decrement();
    }
  }

  @Override
  public void requestReset(Request r) {
    r.meters.resets().increment();
    if (!r.reset && !(r.requestEnded && r.responseEnded)) {
      r.meters.active.decrement();
    }
    r.reset = true;
  }

  @Override
  public Object connected(SocketAddress remoteAddress, String remoteName) {
    return connections.connected(remoteAddress, remoteName);
  }

  @Override
  public void disconnected(Object socket, SocketAddress remoteAddress) {
    connections.disconnected(socket, remoteAddress);
  }

  @Override
  public void bytesRead(Object socket, SocketAddress remoteAddress, long numberOfBytes) {
    connections.bytesRead(socket, remoteAddress, numberOfBytes);
  }

  @Override
  public void bytesWritten(Object socket, SocketAddress remoteAddress, long numberOfBytes) {
    connections.bytesWritten(socket, remoteAddress, numberOfBytes);
  }

  @Override
  public void exceptionOccurred(Object socket, SocketAddress remoteAddress, Throwable t) {
    connections.exceptionOccurred(socket, remoteAddress, t);
  }

  @Override
  public @Nullable Object connected(Object socket, Request request, ServerWebSocket webSocket) {
    // WebSocket counts stay Vert.x's; the gateway serves none, so its request object is never needed
    return connections.connected(socket, null, webSocket);
  }

  @Override
  public void disconnected(Object webSocket) {
    connections.disconnected(webSocket);
  }

  @Override
  public void close() {
    connections.close();
  }

  /**
   * The meters of one {@code method} label: those without {@code code}, and a table of those with it. Like Vert.x's,
   * a meter appears in the registry when it is first used, not before. A race registers a meter twice; the registry
   * hands both callers the one it keeps.
   */
  private final class MethodMeters {
    private final Tags tags;
    private final LongAdder active = new LongAdder();
    private volatile @Nullable DistributionSummary requestBytes;
    private volatile @Nullable Counter resets;
    private final AtomicReferenceArray<StatusMeters> byStatus = new AtomicReferenceArray<>(STATUS_LIMIT);

    MethodMeters(String method) {
      tags = Tags.of(Label.LOCAL.toString(), local, Label.HTTP_METHOD.toString(), method);
      Gauge.builder(names.getHttpActiveRequests(), active, LongAdder::doubleValue)
          .description("Number of requests being processed").tags(tags).register(registry);
    }

    DistributionSummary requestBytes() {
      DistributionSummary m = requestBytes;
      if (m == null) {
        m = DistributionSummary.builder(names.getHttpRequestBytes()).description("Size of requests in bytes")
            .tags(tags).register(registry);
        requestBytes = m;
      }
      return m;
    }

    Counter resets() {
      Counter m = resets;
      if (m == null) {
        m = Counter.builder(names.getHttpRequestResetsCount()).description("Number of request resets")
            .tags(tags).register(registry);
        resets = m;
      }
      return m;
    }

    StatusMeters status(int code) {
      if (code < 0 || code >= STATUS_LIMIT) {
        // not a status Vert.x sends; the registry still keeps one series per code
        return new StatusMeters(tags.and(Label.HTTP_CODE.toString(), Integer.toString(code)));
      }
      StatusMeters m = byStatus.get(code);
      if (m == null) {
        m = new StatusMeters(tags.and(Label.HTTP_CODE.toString(), Integer.toString(code)));
        byStatus.set(code, m);
      }
      return m;
    }
  }

  /** The meters of one {@code method} and {@code code}. */
  private final class StatusMeters {
    private final Counter requests;
    private final Timer responseTime;
    private final DistributionSummary responseBytes;

    StatusMeters(Tags tags) {
      requests = Counter.builder(names.getHttpRequestsCount()).description("Number of processed requests")
          .tags(tags).register(registry);
      responseTime = Timer.builder(names.getHttpResponseTime()).description("Request processing time")
          .tags(tags).register(registry);
      responseBytes = DistributionSummary.builder(names.getHttpResponseBytes())
          .description("Size of responses in bytes").tags(tags).register(registry);
    }
  }
}
