package io.playgate.gateway.embed;

import io.playgate.gateway.http.ProblemException;
import io.playgate.widgets.WidgetAssets;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET /widgets/{name}.{hash}.{ext}}: the player's content-hashed assets from memory, with
 * {@code Cache-Control: public, max-age=31536000, immutable} (a new build is a new URL).
 */
public final class WidgetAssetHandler implements Handler<RoutingContext> {

  private final Map<String, Buffer> bodies = new HashMap<>();
  private final WidgetAssets assets;

  private WidgetAssetHandler(WidgetAssets assets) {
    this.assets = assets;
  }

  /**
   * @param assets the loaded assets
   * @return the handler, for a {@code /widgets/*} route
   */
  public static WidgetAssetHandler create(WidgetAssets assets) {
    return new WidgetAssetHandler(assets);
  }

  @Override
  public void handle(RoutingContext ctx) {
    WidgetAssets.Asset asset = assets.byPath(ctx.request().path());
    if (asset == null) {
      throw ProblemException.notFound("no such asset");
    }
    Buffer body;
    synchronized (bodies) {
      body = bodies.computeIfAbsent(asset.path(), p -> Buffer.buffer(asset.bytes()));
    }
    ctx.response()
        .putHeader("Content-Type", asset.contentType())
        .putHeader("Cache-Control", "public, max-age=31536000, immutable")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Access-Control-Allow-Origin", "*")
        .end(body);
  }
}
