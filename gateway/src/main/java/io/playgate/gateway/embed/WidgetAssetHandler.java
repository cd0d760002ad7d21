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

  private record Body(String contentType, Buffer bytes) {
  }

  /** Built once; read-only afterwards, so any event loop may read it without locking. */
  private final Map<String, Body> bodies = new HashMap<>();

  /** @param assets the loaded assets */
  WidgetAssetHandler(WidgetAssets assets) {
    for (WidgetAssets.Asset a : assets.all()) {
      bodies.put(a.path(), new Body(a.contentType(), Buffer.buffer(a.bytes())));
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    Body body = bodies.get(ctx.request().path());
    if (body == null) {
      throw ProblemException.notFound("no such asset");
    }
    ctx.response()
        .putHeader("Content-Type", body.contentType())
        .putHeader("Cache-Control", "public, max-age=31536000, immutable")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Access-Control-Allow-Origin", "*")
        .end(body.bytes());
  }
}
