package io.playgate.hub.simulator;

import io.playgate.hub.local.LocalHub;
import io.playgate.hub.simulator.FaultSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.regex.Pattern;

/**
 * The hub simulator's fault-injection admin API, on its own HTTP server bound to a loopback address only (never
 * mounted on the gateway, never on the hub's port):
 * <ul>
 *   <li>{@code GET /admin/faults} → 200 the {@link FaultSettings} in force as JSON ({@link FaultSettings#toJson()});</li>
 *   <li>{@code PUT /admin/faults} with a FaultSettings JSON object (absent fields off) → 200 the new settings;
 *       malformed JSON, an unknown field or a value out of range → 400 {@code application/problem+json} naming the
 *       field, settings unchanged;</li>
 *   <li>{@code DELETE /admin/faults} → 200 the reset settings (every fault off);</li>
 *   <li>{@code GET /admin/counts} → 200 {@code {"total": N, "ids": {"t1": n, …}}}, media requests since start or reset;</li>
 *   <li>{@code DELETE /admin/counts} → 204, counters zeroed.</li>
 * </ul>
 * Request bodies are capped at 64 KiB (413 above).
 */
public final class HubAdmin {

  /** Default port of the admin server. */
  public static final int DEFAULT_PORT = 9091;

  private static final Pattern IPV4_LOOPBACK = Pattern.compile("^127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}$");

  private HubAdmin() {
  }

  /**
   * @param host a host name or address literal, as given on the command line
   * @return true for {@code localhost}, an IPv4 address in 127.0.0.0/8, or {@code ::1} (no DNS lookup is made)
   */
  public static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.trim();
    return h.equalsIgnoreCase("localhost") || IPV4_LOOPBACK.matcher(h).matches() || h.equals("::1")
        || h.equals("[::1]");
  }

  /**
   * Starts the admin server.
   *
   * @param vertx the Vert.x instance
   * @param hub the hub whose counters it reads and resets
   * @param faults the hub's fault injection ({@link HubFaults#of(LocalHub)})
   * @param host a loopback address ({@link #isLoopback(String)})
   * @param port a port, 0 for any free one
   * @return a future completed on the caller's context with the listening server, failed with an
   *     {@link IllegalArgumentException} for a non-loopback host, or with the bind error
   */
  public static Future<HttpServer> listen(Vertx vertx, LocalHub hub, HubFaults faults, String host, int port) {
    if (!isLoopback(host)) {
      return Future.failedFuture(new IllegalArgumentException(
          "the hub admin server binds to loopback only (localhost, 127.0.0.0/8, ::1), not '" + host + "'"));
    }
    String bind = host.trim().equals("[::1]") ? "::1" : host.trim();
    return vertx.createHttpServer(new HttpServerOptions().setHost(bind).setPort(port))
        .requestHandler(router(vertx, hub, faults))
        .listen();
  }

  /**
   * @param vertx the Vert.x instance
   * @param hub the hub whose counters it reads and resets
   * @param faults the hub's fault injection
   * @return the admin routes under {@code /admin/}, JSON problems for everything else
   */
  public static Router router(Vertx vertx, LocalHub hub, HubFaults faults) {
    Router router = Router.router(vertx);
    router.route("/admin/*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
    router.get("/admin/faults").handler(ctx -> settings(ctx, faults.get()));
    router.put("/admin/faults").handler(ctx -> put(ctx, faults));
    router.delete("/admin/faults").handler(ctx -> {
      faults.reset();
      settings(ctx, faults.get());
    });
    router.get("/admin/counts").handler(ctx -> {
      JsonObject ids = new JsonObject();
      hub.requestCounts().forEach(ids::put);
      json(ctx, new JsonObject().put("total", hub.totalRequests()).put("ids", ids));
    });
    router.delete("/admin/counts").handler(ctx -> {
      hub.resetCounts();
      ctx.response().setStatusCode(204).end();
    });
    router.errorHandler(400, ctx -> LocalHub.problem(ctx.response(), 400, "Bad Request", "malformed request"));
    router.errorHandler(404, ctx -> LocalHub.problem(ctx.response(), 404, "Not Found", "no such admin resource"));
    router.errorHandler(405, ctx -> LocalHub.problem(ctx.response(), 405, "Method Not Allowed",
        "/admin/faults takes GET, PUT and DELETE; /admin/counts takes GET and DELETE"));
    router.errorHandler(413, ctx -> LocalHub.problem(ctx.response(), 413, "Content Too Large",
        "settings bodies are at most 64 KiB"));
    router.errorHandler(500, ctx -> LocalHub.problem(ctx.response(), 500, "Internal Server Error", "internal error"));
    return router;
  }

  private static void put(RoutingContext ctx, HubFaults faults) {
    FaultSettings s;
    try {
      if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() == 0) {
        throw new IllegalArgumentException("body: expected a JSON object of fault settings");
      }
      s = FaultSettings.fromJson(new JsonObject(ctx.body().buffer()));
    } catch (DecodeException | ClassCastException e) {
      LocalHub.problem(ctx.response(), 400, "Bad Request", "body: not a JSON object");
      return;
    } catch (IllegalArgumentException e) {
      LocalHub.problem(ctx.response(), 400, "Bad Request", e.getMessage());
      return;
    }
    faults.set(s);
    settings(ctx, s);
  }

  private static void settings(RoutingContext ctx, FaultSettings s) {
    json(ctx, s.toJson());
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
