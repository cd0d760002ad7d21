package io.playgate.gateway.artwork;

import io.playgate.gateway.cache.CachedMedia;
import io.playgate.gateway.cache.Rendered;
import io.playgate.gateway.http.ConditionalResponse;
import io.playgate.gateway.hub.CappedBody;
import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.view.ArtworkLadder;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.awt.image.BufferedImage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the artwork variants of a cached item (ARCHITECTURE.md, "Artwork and social cards"): a ladder step of the
 * hub's largest artwork, or the social card. A variant is rendered once per cache entry and kept beside it
 * ({@link CachedMedia#variant}, weighed in {@code cache.maxSize}); concurrent requests for a variant not yet kept
 * share one rendering. The source is downloaded from the URL the hub lists (redirects not followed, at most
 * {@link ArtworkOptions#maxSourceBytes()}, abandoned after {@link ArtworkOptions#fetchTimeout()} without a byte);
 * decoding, scaling, drawing and encoding run on the {@value ArtworkOptions#WORKER_POOL} worker pool, never on an
 * event loop. Thread-safe; one per process.
 */
public final class ArtworkService {

  private static final Logger LOG = LoggerFactory.getLogger(ArtworkService.class);
  private static final int CARD_ARTWORK_PX = ArtworkLadder.CARD_HEIGHT;

  private final WebClient client;
  private final WorkerExecutor workers;
  private final ArtworkOptions options;
  private final String siteName;
  private final UnaryOperator<String> fetchUrl;
  private final ConcurrentMap<String, Future<Rendered>> inflight = new ConcurrentHashMap<>();

  private ArtworkService(Vertx vertx, ArtworkOptions options, String siteName, UnaryOperator<String> fetchUrl) {
    this.options = options;
    this.siteName = siteName;
    this.fetchUrl = fetchUrl;
    int connectMillis = (int) Math.min(Integer.MAX_VALUE, options.fetchTimeout().toMillis());
    this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
        .setConnectTimeout(connectMillis).setKeepAlive(true).setUserAgent("Playgate/1.0"),
        new PoolOptions().setHttp1MaxSize(8).setMaxWaitQueueSize(256));
    this.workers = vertx.createSharedWorkerExecutor(ArtworkOptions.WORKER_POOL, options.workers(),
        options.fetchTimeout().toNanos() + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS);
  }

  /**
   * @param vertx the Vert.x instance (its event loops download, its {@value ArtworkOptions#WORKER_POOL} pool renders)
   * @param options byte and pixel caps, worker count, download timeout
   * @param siteName the name drawn on the social card ({@code oembed.providerName})
   * @param fetchUrl maps an artwork URL the hub lists to the URL the gateway downloads it from (in embedded mode the
   *     embedded hub's public files URL to its loopback address; otherwise the identity)
   * @return the service
   */
  public static ArtworkService create(Vertx vertx, ArtworkOptions options, String siteName,
      UnaryOperator<String> fetchUrl) {
    return new ArtworkService(vertx, options, siteName, fetchUrl);
  }

  /** @return the options in use */
  public ArtworkOptions options() {
    return options;
  }

  /**
   * The variant {@code name} of the entry's item, from the entry's kept variants or rendered now.
   *
   * @param entry the media cache's entry; its item is public
   * @param name a step of {@link ArtworkLadder#STEPS} (as text) or {@link ArtworkLadder#CARD}
   * @param format the output format
   * @return a future of the image bytes with a strong {@code ETag}, completed on an event loop of the first caller
   *     of this variant (callers move to their own context); failed with {@link ArtworkException} when the hub's
   *     artwork cannot be used (a step needs artwork; a card is drawn without it when it cannot be had)
   */
  Future<Rendered> variant(CachedMedia entry, String name, ImageScaler.Format format) {
    String key = "artwork|" + name + "." + format.extension;
    Rendered kept = entry.keptVariant(key);
    if (kept != null) {
      return Future.succeededFuture(kept);
    }
    MediaItem.Artwork source = ArtworkLadder.source(entry.item());
    String flight = entry.item().id() + "|" + key + "|" + (source == null ? "" : source.url());
    Promise<Rendered> mine = Promise.promise();
    Future<Rendered> running = inflight.putIfAbsent(flight, mine.future());
    if (running != null) {
      return running;
    }
    render(entry.item(), source, name, format).onComplete(ar -> {
      inflight.remove(flight, mine.future());
      if (ar.succeeded()) {
        mine.complete(entry.variant(key, ar::result));
      } else {
        mine.fail(ar.cause());
      }
    });
    return mine.future();
  }

  private Future<Rendered> render(MediaItem item, MediaItem.@Nullable Artwork source, String name,
      ImageScaler.Format format) {
    boolean card = name.equals(ArtworkLadder.CARD);
    if (source == null) {
      return card ? onWorkers(item, name, format, null)
          : Future.failedFuture(new ArtworkException("the hub lists no artwork"));
    }
    Future<byte[]> bytes = download(source.url());
    if (card) {
      // a card without its artwork is still a card: the title, the artist, the play mark
      bytes = bytes.recover(e -> {
        LOG.warn("artwork.skip id={} variant=card reason={}", item.id(), e.getMessage());
        return Future.succeededFuture(null);
      });
    }
    return bytes.compose(b -> onWorkers(item, name, format, b));
  }

  private Future<Rendered> onWorkers(MediaItem item, String name, ImageScaler.Format format, byte @Nullable [] bytes) {
    return workers.executeBlocking(() -> {
      long start = System.nanoTime();
      byte[] out = name.equals(ArtworkLadder.CARD) ? card(item, format, bytes)
          : ImageScaler.scale(ImageScaler.decode(bytes, options.maxSourcePixels(), Integer.parseInt(name)),
              Integer.parseInt(name), format);
      LOG.debug("artwork.render id={} variant={}.{} thread={} micros={} bytes={}", item.id(), name, format.extension,
          Thread.currentThread().getName(), (System.nanoTime() - start) / 1000, out.length);
      return Rendered.opaque(out, ConditionalResponse.strongEtag(out));
    }, false);
  }

  private byte[] card(MediaItem item, ImageScaler.Format format, byte @Nullable [] bytes) {
    BufferedImage art = null;
    if (bytes != null) {
      try {
        art = ImageScaler.decode(bytes, options.maxSourcePixels(), CARD_ARTWORK_PX);
      } catch (ArtworkException e) {
        LOG.warn("artwork.skip id={} variant=card reason={}", item.id(), e.getMessage());
      }
    }
    return ImageScaler.encode(SocialCard.draw(art, item.title(), item.artist() == null ? null : item.artist().name(),
        siteName), format);
  }

  /** The hub's artwork bytes: 200 only, redirects not followed, capped, no stall longer than the fetch timeout. */
  private Future<byte[]> download(String url) {
    return client.getAbs(fetchUrl.apply(url)).followRedirects(false)
        .idleTimeout(options.fetchTimeout().toMillis())
        .as(CappedBody.codec(options.maxSourceBytes())).send()
        .recover(e -> Future.failedFuture(new ArtworkException(e instanceof CappedBody.TooLargeException
            ? "artwork larger than " + options.maxSourceBytes() + " bytes"
            : "download failed (" + e.getClass().getSimpleName() + ")")))
        .compose(resp -> resp.statusCode() == 200 ? Future.succeededFuture(resp.body().getBytes())
            : Future.failedFuture(new ArtworkException("artwork answered status " + resp.statusCode())));
  }
}
