package io.playgate.gateway.hub;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ConnectException;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HubClient} over Vert.x WebClient, per ARCHITECTURE.md, "Hub API v1": {@code Accept: application/json},
 * redirects never followed, a TCP connect timeout, a total deadline per call enforced by resetting the HTTP stream (so
 * a hub that drips one byte at a time cannot hold a connection past it), and a cap on the decoded body so a compressed
 * bomb or endless body ends as {@link HubFailure#BAD_RESPONSE} with bounded memory; an explicitly sized connection pool
 * and wait queue ({@link HubClientOptions#maxPoolSize()}, {@link HubClientOptions#maxWaitQueueSize()}); one retry
 * with jittered backoff, only after a connect error. Every failure is logged once as one structured line
 * ({@code hub.fail id=… failure=… gatewayStatus=… reason=…}, the reason naming the hub's status and what was wrong):
 * WARN for the 5xx kinds, DEBUG for 404/410/403. A track carrying the {@code waveform} extension gets its peaks
 * fetched right after it, by the same rules, and drawn into levels ({@link WaveformPeaks}); when that fails, the item
 * is answered without a waveform and one line {@code hub.waveform id=… reason=…} is logged at WARN.
 */
public final class WebHubClient implements HubClient {

  private static final Logger LOG = LoggerFactory.getLogger(WebHubClient.class);

  private final Vertx vertx;
  private final WebClient client;
  private final HubClientOptions options;

  private WebHubClient(Vertx vertx, HubClientOptions options) {
    this.vertx = vertx;
    this.options = options;
    WebClientOptions web = new WebClientOptions()
        .setFollowRedirects(false)
        .setDecompressionSupported(true)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
        .setKeepAlive(true)
        .setUserAgent("Playgate/1.0");
    // an explicitly sized pool: a hub that stops answering holds at most maxPoolSize connections, and callers beyond
    // the wait queue fail at once instead of queueing without bound
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(options.maxPoolSize()).setHttp2MaxSize(options.maxPoolSize())
        .setMaxWaitQueueSize(options.maxWaitQueueSize());
    this.client = WebClient.create(vertx, web, pool);
    CallDeadline.install(vertx, client, options.timeout());
  }

  /**
   * @param vertx the Vert.x instance whose event loops run the calls
   * @param options connection, deadline and size limits
   * @return a client; {@link #close()} it when done
   */
  public static HubClient create(Vertx vertx, HubClientOptions options) {
    return new WebHubClient(vertx, options);
  }

  @Override
  public Future<HubResponse> fetch(String id, @Nullable String ifNoneMatch) {
    if (id == null || !MediaItem.ID.matcher(id).matches()) {
      return Future.failedFuture(new HubException(HubFailure.NOT_FOUND, String.valueOf(id), "invalid id"));
    }
    long startNanos = System.nanoTime();
    return send(id, ifNoneMatch)
        .recover(e -> {
          // one retry, only when no request reached the hub's application (GET is idempotent anyway)
          long delayMillis = retryDelayMillis();
          long leftMillis = options.timeout().toMillis() - (System.nanoTime() - startNanos) / 1_000_000;
          if (!isConnectError(e) || delayMillis < 0 || leftMillis < delayMillis + options.connectTimeout().toMillis()) {
            return Future.failedFuture(e);
          }
          LOG.debug("hub.retry id={} after={}ms cause=\"{}\"", id, delayMillis, e.toString());
          return vertx.timer(Math.max(1, delayMillis), TimeUnit.MILLISECONDS).compose(t -> send(id, ifNoneMatch));
        })
        .transform(ar -> {
          try {
            if (ar.failed()) {
              throw classify(id, ar.cause());
            }
            return Future.succeededFuture(interpret(id, ar.result(), ifNoneMatch != null));
          } catch (HubException e) {
            if (e.failure().status() >= 500) {
              LOG.warn("hub.fail id={} failure={} gatewayStatus={} reason=\"{}\"", id, e.failure(), e.failure().status(),
                  e.getMessage());
            } else {
              // unknown, removed or private media: the hub answered as it should
              LOG.debug("hub.fail id={} failure={} gatewayStatus={} reason=\"{}\"", id, e.failure(), e.failure().status(),
                  e.getMessage());
            }
            return Future.failedFuture(e);
          }
        })
        .compose(answer -> withPeaks(id, answer));
  }

  /**
   * Fetches the peaks of a track's {@code waveform} (ARCHITECTURE.md, "Hub API v1") once, with the entry, so the
   * cache keeps and weighs them with it; never fails: without peaks the item goes on without its waveform.
   */
  private Future<HubResponse> withPeaks(String id, HubResponse answer) {
    MediaItem item = answer.item();
    MediaItem.Waveform waveform = item == null ? null : item.waveform();
    if (item == null || waveform == null || item.kind() != MediaKind.TRACK) {
      return Future.succeededFuture(answer);
    }
    return fetchPeaks(waveform.url())
        .map(body -> item.withWaveform(
            waveform.withLevels(WaveformPeaks.levels(body, waveform.samplesPerSecond(), item.durationMs()))))
        .otherwise(e -> {
          LOG.warn("hub.waveform id={} reason=\"{}\"", id, e.getMessage());
          return item.withWaveform(null);
        })
        .map(withLevels -> new HubResponse(withLevels, answer.etag(), answer.maxAgeSeconds(), false));
  }

  /** GET of a peaks URL: http(s) only, no redirects, the deadline and body cap of hub calls, a JSON 200 only. */
  private Future<Buffer> fetchPeaks(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      return Future.failedFuture(new IllegalArgumentException("waveform url is not http(s)"));
    }
    try {
      return sendPeaksRequest(url);
    } catch (RuntimeException e) {
      // an URL WebClient cannot parse
      return Future.failedFuture(new IllegalArgumentException("waveform url is not usable: " + e.getMessage()));
    }
  }

  private Future<Buffer> sendPeaksRequest(String url) {
    return client.getAbs(url)
        .putHeader("Accept", "application/json")
        .followRedirects(false)
        .idleTimeout(options.timeout().toMillis())
        .as(CappedBody.codec(options.maxBodyBytes()))
        .send()
        .map(resp -> {
          String type = resp.getHeader("Content-Type");
          String mime = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
          if (resp.statusCode() != 200 || !mime.equals("application/json") || resp.body() == null) {
            throw new IllegalStateException("peaks answered status=" + resp.statusCode() + " content-type '" + type + "'");
          }
          return resp.body();
        });
  }

  private Future<HttpResponse<Buffer>> send(String id, @Nullable String ifNoneMatch) {
    var request = client.getAbs(options.baseUrl().get() + "/v1/media/" + id)
        .putHeader("Accept", "application/json")
        .followRedirects(false)
        .idleTimeout(options.timeout().toMillis())
        .as(CappedBody.codec(options.maxBodyBytes()));
    if (ifNoneMatch != null) {
      request.putHeader("If-None-Match", ifNoneMatch);
    }
    if (options.apiKey() != null) {
      // the hub credential (ARCHITECTURE.md, "Hub API v1"): private and unlisted items are answered, not 403
      request.putHeader("Authorization", "Bearer " + options.apiKey());
    }
    return request.send();
  }

  /** @return the jittered delay of the connect retry in ms, uniform in [delay/2, delay], or -1 when disabled */
  private long retryDelayMillis() {
    long base = options.connectRetryDelay().toMillis();
    if (base <= 0) {
      return -1;
    }
    return base / 2 + ThreadLocalRandom.current().nextLong(base - base / 2 + 1);
  }

  /**
   * Refused or timed out while connecting: the hub never saw the request. (A connection closed after the request was
   * sent is not retried: the hub may have received it.)
   */
  private static boolean isConnectError(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof ConnectException || c instanceof io.netty.channel.ConnectTimeoutException) {
        return true;
      }
      if (CallDeadline.isDeadline(c) || c instanceof CappedBody.TooLargeException) {
        return false;
      }
    }
    return false;
  }

  private HubResponse interpret(String id, HttpResponse<Buffer> resp, boolean conditional) {
    int status = resp.statusCode();
    String etag = resp.getHeader("ETag");
    Long maxAge = CacheControl.maxAgeSeconds(resp.getHeader("Cache-Control"));
    if (status == 200) {
      String type = resp.getHeader("Content-Type");
      String mime = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      if (!(mime.equals("application/json") || (mime.startsWith("application/") && mime.endsWith("+json")))) {
        throw new HubException(HubFailure.BAD_RESPONSE, id, "status=200 content-type '" + type + "' is not JSON");
      }
      Buffer body = resp.body();
      if (body == null) {
        throw new HubException(HubFailure.BAD_RESPONSE, id, "status=200 with empty body");
      }
      MediaItem item;
      try {
        item = MediaItemParser.parse(body, id);
      } catch (HubException e) {
        throw new HubException(HubFailure.BAD_RESPONSE, id, "status=200 " + e.getMessage());
      }
      return new HubResponse(item, etag, maxAge, false);
    }
    if (status == 304 && conditional) {
      return new HubResponse(null, etag, maxAge, true);
    }
    throw switch (status) {
      case 404 -> new HubException(HubFailure.NOT_FOUND, id, "status=404");
      case 410 -> new HubException(HubFailure.REMOVED, id, "status=410");
      case 403 -> new HubException(HubFailure.PRIVATE, id, "status=403");
      default -> {
        if (status >= 300 && status < 400) {
          yield new HubException(HubFailure.BAD_RESPONSE, id, "status=" + status + " redirect to '"
              + resp.getHeader("Location") + "' not followed");
        }
        if (status >= 500) {
          yield new HubException(HubFailure.UNAVAILABLE, id, "status=" + status);
        }
        yield new HubException(HubFailure.BAD_RESPONSE, id, "status=" + status + " unexpected");
      }
    };
  }

  private static HubException classify(String id, Throwable cause) {
    if (cause instanceof HubException he) {
      return he;
    }
    if (CallDeadline.passed(cause)) {
      return new HubException(HubFailure.TIMEOUT, id, "no complete answer within the deadline");
    }
    if (cause instanceof CappedBody.TooLargeException) {
      return new HubException(HubFailure.BAD_RESPONSE, id, cause.getMessage());
    }
    if (cause instanceof TimeoutException || cause instanceof io.netty.channel.ConnectTimeoutException) {
      return new HubException(HubFailure.TIMEOUT, id, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }
    if (cause instanceof ConnectException) {
      return new HubException(HubFailure.UNAVAILABLE, id, "connect failed: " + cause.getMessage());
    }
    return new HubException(HubFailure.UNAVAILABLE, id, cause.getClass().getSimpleName() + ": " + cause.getMessage());
  }

  @Override
  public Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }
}
