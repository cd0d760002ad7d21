package io.playgate.gateway.mediaproxy;

import io.playgate.gateway.cache.CachedMedia;
import io.playgate.gateway.cache.MediaCache;
import io.playgate.gateway.http.HeadContentLengthHandler;
import io.playgate.gateway.http.ProblemException;
import io.playgate.gateway.hub.HubException;
import io.playgate.gateway.hub.HubFailure;
import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.Visibility;
import io.playgate.gateway.hub.subsonic.ProxyUrls;
import io.playgate.gateway.hub.subsonic.SubsonicApi;
import io.playgate.gateway.hub.subsonic.SubsonicIds;
import io.playgate.gateway.partner.Rights;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One proxied request: the id's MediaItem from the cache (coalescing, stale-if-error and negative entries as for any
 * page), the URL checked against what the item lists, the signature and rights checked, then one call to the
 * configured Subsonic server. Streams are piped with back-pressure ({@code Range}/{@code If-Range} sent on, its
 * {@code 200}/{@code 206}/{@code 416} relayed with the headers a media element needs and nothing else); cover art is
 * read up to {@code hub.subsonic.maxArtSize} and served with {@code Cache-Control}. Failures go to the problem handler.
 */
final class MediaProxyHandler {

  /** The upstream headers a response may carry on; every other header of the server is dropped. */
  private static final List<String> RELAYED = List.of("Content-Type", "Content-Length", "Content-Range",
      "Accept-Ranges", "ETag", "Last-Modified");
  private static final Set<Integer> RELAYED_STATUSES = Set.of(200, 206, 304, 412, 416);
  /** Proxied bytes never run as a document of the gateway's origin. */
  private static final String CSP = "default-src 'none'; sandbox";
  private static final String ART_CACHE = "public, max-age=86400";
  private static final String SIGNED_CACHE = "private, max-age=3600";

  private final MediaCache cache;
  private final Rights rights;
  private final SubsonicApi api;
  private final ProxyUrls urls;

  MediaProxyHandler(MediaCache cache, Rights rights, SubsonicApi api, ProxyUrls urls) {
    this.cache = cache;
    this.rights = rights;
    this.api = api;
    this.urls = urls;
  }

  /** {@code GET /subsonic/stream/{id}/{format}}. */
  void stream(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String format = ctx.pathParam("format");
    String path = ProxyUrls.STREAM + id + "/" + format;
    SubsonicIds.Ref ref = SubsonicIds.parse(id);
    if (ref == null || ref.kind() != SubsonicIds.Kind.SONG) {
      ctx.fail(ProblemException.notFound("No such stream"));
      return;
    }
    Map<String, String> params = ProxyUrls.ORIGINAL.equals(format) ? Map.of("id", ref.serverId())
        : Map.of("id", ref.serverId(), "format", format);
    authorised(ctx, id, path, item -> item.streams().stream().anyMatch(s -> urls.names(s.url(), path)))
        .compose(item -> api.open("stream", params, rangeHeaders(ctx.request())))
        .onSuccess(up -> relayStream(ctx, up))
        .onFailure(ctx::fail);
  }

  /** {@code GET /subsonic/art/{id}/{artId}}. */
  void art(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String artId = ctx.pathParam("artId");
    String path = ProxyUrls.ART + id + "/" + artId;
    if (SubsonicIds.parse(id) == null) {
      ctx.fail(ProblemException.notFound("No such artwork"));
      return;
    }
    long cap = api.options().maxArtBytes();
    authorised(ctx, id, path, item -> item.artwork().stream().anyMatch(a -> urls.names(a.url(), path)))
        .compose(item -> api.open("getCoverArt", Map.of("id", artId, "size", "600"), MultiMap.caseInsensitiveMultiMap())
            .compose(up -> readArt(id, up, cap))
            .map(art -> {
              HttpServerResponse resp = ctx.response();
              resp.putHeader("Content-Type", art.type()).putHeader("Cache-Control",
                  item.visibility() == Visibility.PUBLIC ? ART_CACHE : SIGNED_CACHE);
              guard(resp);
              resp.end(art.bytes());
              return art;
            }))
        .onFailure(ctx::fail);
  }

  /**
   * The item, when the request may have what {@code path} names: a valid or absent signature (403 for a bad or expired
   * one), the item listing {@code path} (404 otherwise), and the player page's rights (403 for a refusal).
   */
  private Future<MediaItem> authorised(RoutingContext ctx, String id, String path, Predicate<MediaItem> lists) {
    ProxyUrls.Verdict verdict = urls.verify(path, ctx.request().getParam("exp"), ctx.request().getParam("sig"));
    if (verdict == ProxyUrls.Verdict.BAD || verdict == ProxyUrls.Verdict.EXPIRED) {
      return Future.failedFuture(new ProblemException(403, verdict == ProxyUrls.Verdict.EXPIRED
          ? "This media link has expired" : "This media link's signature is not valid"));
    }
    return cache.get(id).map(CachedMedia::item).map(item -> {
      if (!lists.test(item)) {
        throw ProblemException.notFound("No such media");
      }
      Rights.Access access = verdict == ProxyUrls.Verdict.VALID ? Rights.Access.SIGNED_URL : Rights.Access.PUBLIC_ONLY;
      if (rights.decide(item, ctx.request(), access, Rights.Use.OWN_PAGE) != Rights.Decision.PLAY) {
        throw new ProblemException(403, "This media is not available here");
      }
      return item;
    });
  }

  private static MultiMap rangeHeaders(HttpServerRequest req) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    for (String name : List.of("Range", "If-Range")) {
      String v = req.getHeader(name);
      if (v != null) {
        h.set(name, v);
      }
    }
    return h;
  }

  private void relayStream(RoutingContext ctx, HttpClientResponse up) {
    HttpServerResponse resp = ctx.response();
    if (!RELAYED_STATUSES.contains(up.statusCode()) || !playable(up.getHeader("Content-Type"), up.statusCode())) {
      discard(up);
      ctx.fail(new HubException(up.statusCode() >= 500 ? HubFailure.UNAVAILABLE : HubFailure.BAD_RESPONSE, "media",
          "stream status=" + up.statusCode() + " content-type=" + up.getHeader("Content-Type")));
      return;
    }
    resp.setStatusCode(up.statusCode());
    for (String name : RELAYED) {
      String v = up.getHeader(name);
      if (v != null) {
        resp.putHeader(name, v);
      }
    }
    resp.putHeader("Cache-Control", "no-store");
    guard(resp);
    // a 416's body is the server's own text: not echoed, only its Content-Range
    boolean bodiless = up.statusCode() == 304 || up.statusCode() == 412 || up.statusCode() == 416;
    if (up.statusCode() == 416) {
      resp.headers().remove("Content-Type").remove("Content-Length");
    }
    if (up.getHeader("Content-Length") == null && !bodiless) {
      // a transcoded stream has no length: chunked, and its HEAD names no length either (not 0)
      if (ctx.request().method() == HttpMethod.HEAD) {
        HeadContentLengthHandler.lengthUnknown(ctx);
      } else {
        resp.setChunked(true);
      }
    }
    if (ctx.request().method() == HttpMethod.HEAD || bodiless) {
      discard(up);
      resp.end();
      return;
    }
    resp.closeHandler(v -> discard(up));
    up.pipeTo(resp).onFailure(e -> discard(up));
  }

  /** Audio, video or Ogg for a stream; a 416's body is the server's short text, not relayed as media. */
  private static boolean playable(String type, int status) {
    if (status == 416 || status == 304 || status == 412) {
      return true;
    }
    String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
    return t.startsWith("audio/") || t.startsWith("video/") || t.startsWith("application/ogg");
  }

  private static Future<Art> readArt(String id, HttpClientResponse up, long cap) {
    String type = up.getHeader("Content-Type");
    String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
    // SVG can hold scripts: only raster images
    if (up.statusCode() != 200 || !t.startsWith("image/") || t.startsWith("image/svg")) {
      discard(up);
      return Future.failedFuture(new HubException(HubFailure.BAD_RESPONSE, id, "art status=" + up.statusCode()
          + " content-type=" + type));
    }
    Buffer bytes = Buffer.buffer();
    io.vertx.core.Promise<Art> done = io.vertx.core.Promise.promise();
    up.handler(chunk -> {
      if (bytes.length() + (long) chunk.length() > cap) {
        discard(up);
        done.tryFail(new HubException(HubFailure.BAD_RESPONSE, id, "art larger than " + cap + " bytes"));
      } else {
        bytes.appendBuffer(chunk);
      }
    });
    up.exceptionHandler(e -> done.tryFail(new HubException(HubFailure.UNAVAILABLE, id, "art: " + e)));
    up.endHandler(v -> done.tryComplete(new Art(type, bytes)));
    up.resume();
    return done.future();
  }

  /**
   * Drops an upstream answer the browser will not get (a {@code HEAD}, a refused type, a gone listener): the request
   * is reset, and the reset's own exception is expected, not an ERROR log a client could trigger.
   */
  private static void discard(HttpClientResponse up) {
    up.exceptionHandler(e -> { });
    up.request().reset();
  }

  private static void guard(HttpServerResponse resp) {
    resp.putHeader("X-Content-Type-Options", "nosniff").putHeader("Content-Security-Policy", CSP);
  }

  /** A cover image read whole: its media type and bytes. */
  private record Art(String type, Buffer bytes) {
  }
}
