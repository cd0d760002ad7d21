package io.playgate.gateway.embed;

import io.playgate.widgets.WidgetAssets;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /embed.js}: the host-page SDK. Partners reference it by this fixed URL, so it is short-cached
 * ({@code max-age} {@value #MAX_AGE_SECONDS} s) rather than content-hashed; CORS-readable by any origin.
 */
public final class HostSdkHandler implements Handler<RoutingContext> {

  /** Freshness of {@code /embed.js}, in seconds: a new release reaches partner pages within this. */
  public static final int MAX_AGE_SECONDS = 300;

  private final Buffer body;
  private final String contentType;

  private HostSdkHandler(WidgetAssets.Asset sdk) {
    this.body = Buffer.buffer(sdk.bytes());
    this.contentType = sdk.contentType();
  }

  /**
   * @param assets the loaded assets
   * @return the handler
   */
  public static HostSdkHandler create(WidgetAssets assets) {
    return new HostSdkHandler(assets.hostSdk());
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", contentType)
        .putHeader("Cache-Control", "public, max-age=" + MAX_AGE_SECONDS)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Access-Control-Allow-Origin", "*")
        .end(body);
  }
}
