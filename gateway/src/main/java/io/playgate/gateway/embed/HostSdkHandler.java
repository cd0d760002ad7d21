package io.playgate.gateway.embed;

import io.playgate.gateway.http.ConditionalResponse;
import io.playgate.widgets.WidgetAssets;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /embed.js}: the host-page SDK. Partners reference it by this fixed URL, so it is short-cached
 * ({@code max-age} {@value #MAX_AGE_SECONDS} s) rather than content-hashed; CORS-readable by any origin.
 * A strong {@code ETag} (the first 128 bits of the body's SHA-256, so it changes exactly when the file does) lets
 * partner pages revalidate with a {@code 304} instead of downloading the file again every {@value #MAX_AGE_SECONDS} s
 * (RFC 9110 §8.8.3, §13.1.2).
 */
public final class HostSdkHandler implements Handler<RoutingContext> {

  /** Freshness of {@code /embed.js}, in seconds: a new release reaches partner pages within this. */
  public static final int MAX_AGE_SECONDS = 300;

  private final Buffer body;
  private final String contentType;
  private final String etag;

  /** @param assets the loaded assets */
  HostSdkHandler(WidgetAssets assets) {
    WidgetAssets.Asset sdk = assets.hostSdk();
    this.body = Buffer.buffer(sdk.bytes());
    this.contentType = sdk.contentType();
    this.etag = ConditionalResponse.strongEtag(sdk.bytes());
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", contentType)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Access-Control-Allow-Origin", "*");
    ConditionalResponse.end(ctx, etag, "public, max-age=" + MAX_AGE_SECONDS, () -> body);
  }
}
