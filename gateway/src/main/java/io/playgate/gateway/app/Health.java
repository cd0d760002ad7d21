package io.playgate.gateway.app;

import io.playgate.gateway.cluster.RedisLink;
import io.playgate.gateway.http.AccessLogHandler;
import io.playgate.gateway.http.Routes;
import io.playgate.gateway.hub.HubClient;
import io.playgate.gateway.hub.HubException;
import io.playgate.gateway.hub.HubFailure;
import io.playgate.gateway.hub.subsonic.SubsonicApi;
import io.playgate.hub.local.LocalHub;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import org.jspecify.annotations.Nullable;

/**
 * Liveness and readiness, {@code GET /health/live} and {@code GET /health/ready}, for load balancers: on the public
 * router and on the management listener.
 *
 * <p>Readiness: this node can take traffic once it has booted. The hub's state is reported in the check's data
 * ({@code {"hub": "up"}} or {@code {"hub": "TIMEOUT"}}, a {@link HubFailure} name) but never makes the node unready:
 * every node shares the one hub, and a node whose hub is down still serves its cached entries (stale-if-error,
 * RFC 5861 §4). Taking all nodes out of rotation during a hub outage would turn a degraded service into no service.
 * An embedded hub is up once loaded; a remote hub is probed with one MediaItem request (through the circuit breaker,
 * so an open breaker answers at once); a Subsonic server with {@code ping}, its data adding the API version
 * discovery's state ({@code "subsonic": "up"} or the failure of the last attempt). With {@code cache.redis.url} set,
 * the data also says whether the node uses Redis now ({@code "redis": "up"} or {@code "down"}); a node without Redis
 * still serves from its own cache and the hub, so that never makes it unready either.
 *
 * <p>A draining node (after {@code SIGTERM}, {@link Drain}) is unready at once: 503 with
 * {@code {"status": "DOWN", "checks": [{"id": "server", "status": "DOWN", "data": {"server": "draining"}}]}}, so a
 * load balancer polling readiness takes it out of rotation before its listener closes.
 */
final class Health {

  private static final String PROBE_ID = "playgate-readiness-probe";
  /** The readiness answer of a draining node, shaped like vertx-health-check's own. */
  static final String DRAINING = new JsonObject().put("status", "DOWN")
      .put("checks", new JsonArray().add(new JsonObject().put("id", "server").put("status", "DOWN")
          .put("data", new JsonObject().put("server", "draining"))))
      .put("outcome", "DOWN").encode();
  /** How long the hub probe may take before the check reports it failed, in ms. */
  private static final long HUB_CHECK_TIMEOUT_MILLIS = 10_000;

  private final @Nullable LocalHub localHub;
  private final HubClient client;
  private final @Nullable SubsonicApi subsonic;
  private final @Nullable RedisLink redis;
  private final Drain drain;

  /**
   * @param localHub the embedded hub, or {@code null} in remote mode
   * @param client the hub client (behind its circuit breaker)
   * @param subsonic the Subsonic server in subsonic mode (probed with {@code ping}), else {@code null}
   * @param redis the cluster's Redis, or {@code null} when the node runs alone
   * @param drain the graceful shutdown's state: while draining, readiness is 503
   */
  Health(@Nullable LocalHub localHub, HubClient client, @Nullable SubsonicApi subsonic, @Nullable RedisLink redis,
      Drain drain) {
    this.localHub = localHub;
    this.client = client;
    this.subsonic = subsonic;
    this.redis = redis;
    this.drain = drain;
  }

  /** @param routes the router under construction */
  void mount(Routes routes) {
    routes.readable("/health/live").handler(live(routes.vertx()));
    routes.readable("/health/ready").handler(ready(routes.vertx()));
  }

  /**
   * @param vertx the Vert.x instance
   * @return a handler answering liveness: up while the process runs
   */
  static Handler<RoutingContext> live(Vertx vertx) {
    return HealthCheckHandler.create(vertx).register("server", p -> p.complete(Status.OK()));
  }

  /**
   * @param vertx the Vert.x instance
   * @return a handler answering readiness, with the hub's state in its data; while the node drains, 503 at once
   *     with {@link #DRAINING} (no hub probe)
   */
  Handler<RoutingContext> ready(Vertx vertx) {
    Handler<RoutingContext> checks = HealthCheckHandler.create(vertx)
        .register("hub", HUB_CHECK_TIMEOUT_MILLIS, this::check);
    return ctx -> {
      if (drain.draining()) {
        AccessLogHandler.expected(ctx);
        ctx.response().setStatusCode(503).putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8")
            .end(DRAINING);
      } else {
        checks.handle(ctx);
      }
    };
  }

  private void check(Promise<Status> promise) {
    Promise<Status> hub = Promise.promise();
    Future<Status> checked = hub.future().otherwise(e -> Status.OK());
    checkHub(hub);
    RedisLink link = redis;
    if (link == null) {
      checked.onComplete(ar -> promise.complete(ar.result()));
      return;
    }
    // the probe goes through the link's breaker, so it also notices an outage while no request needs Redis
    Future<?> ping = link.ping().otherwiseEmpty();
    Future.all(checked, ping).onComplete(ar -> {
      Status status = checked.result();
      JsonObject data = status.getData() != null ? status.getData() : new JsonObject();
      promise.complete(status.setData(data.put("redis", link.state())));
    });
  }

  private void checkHub(Promise<Status> promise) {
    if (localHub != null) {
      promise.complete(Status.OK(new JsonObject().put("hub", "up")));
      return;
    }
    if (subsonic != null) {
      // "up", or the failure of the last ping (the boot keeps retrying with back-off while the server is down)
      subsonic.ping().onComplete(ar -> promise.complete(Status.OK(new JsonObject().put("hub", ar.succeeded() ? "up"
          : ar.cause() instanceof HubException he ? he.failure().name() : "error").put("subsonic", subsonic.state()))));
      return;
    }
    client.fetch(PROBE_ID, null).onComplete(ar -> {
      // any HTTP answer, including 404 for the probe id, means the hub is up
      boolean up = ar.succeeded() || ar.cause() instanceof HubException he && (he.failure() == HubFailure.NOT_FOUND
          || he.failure() == HubFailure.REMOVED || he.failure() == HubFailure.PRIVATE);
      String hub = up ? "up" : ar.cause() instanceof HubException he ? he.failure().name() : "error";
      promise.complete(Status.OK(new JsonObject().put("hub", hub)));
    });
  }
}
