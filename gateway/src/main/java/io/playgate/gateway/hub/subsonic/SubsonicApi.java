package io.playgate.gateway.hub.subsonic;

import io.playgate.gateway.hub.CallDeadline;
import io.playgate.gateway.hub.CappedBody;
import io.playgate.gateway.hub.HubClientOptions;
import io.playgate.gateway.hub.HubException;
import io.playgate.gateway.hub.HubFailure;
import io.playgate.gateway.hub.SubsonicOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.spi.BodyStream;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Subsonic REST API as the gateway calls it (http://www.subsonic.org/pages/api.jsp): {@code GET
 * {url}/rest/{method}.view} with {@code u}, the authentication, {@code v}, {@code c=playgate} and {@code f=json}; only
 * ever the configured server, never a URL from a request. Calls share the hub's limits ({@code hub.connectTimeout},
 * {@code hub.timeout} as a total deadline, {@code hub.maxBodySize}, the pool), never follow redirects, and map every
 * failure to a {@link HubException}.
 *
 * <p><b>Authentication.</b> {@code ping} (with {@code p=enc:<hex>}, which every version accepts) tells the server's
 * API version; from 1.13.0 on each call carries a token ({@code t} = md5(password + salt), {@code s} = a fresh salt),
 * before that {@code p=enc:<hex password>}. A server that answers a token call with code 10 (a required parameter is
 * missing: supysonic 0.7.2 reports 1.10.2 and refuses tokens so) is called with {@code enc:} from then on. When the
 * server cannot be reached, discovery is retried with back-off (1 s doubling to 60 s) and on the next call.
 *
 * <p><b>Errors</b> come as HTTP 200 with {@code "status": "failed"} and a code: 70 (not found) and 0 (supysonic's
 * answer to an id it cannot parse) → {@link HubFailure#NOT_FOUND}; 40/41 (wrong credentials, token refused for an
 * LDAP user) → {@link HubFailure#BAD_RESPONSE} and one WARN line naming the configuration; 50 (not authorised) →
 * {@link HubFailure#PRIVATE}; any other code → {@link HubFailure#BAD_RESPONSE}. An HTTP 404 (supysonic's "Unknown
 * method" for an endpoint it lacks) is {@link HubFailure#BAD_RESPONSE}, never a negative entry; 5xx and refused
 * connections {@link HubFailure#UNAVAILABLE}; the deadline {@link HubFailure#TIMEOUT}; HTML
 * {@link HubFailure#BAD_RESPONSE}. Futures complete on the caller's context (Vert.x HTTP client).
 */
public final class SubsonicApi {

  private static final Logger LOG = LoggerFactory.getLogger(SubsonicApi.class);
  private static final String CLIENT = "playgate";
  private static final String ENC_VERSION = "1.10.2";
  private static final long MAX_BACKOFF_MILLIS = 60_000;
  /** How long a media body may rest between bytes, in ms. */
  static final long MEDIA_IDLE_MILLIS = 300_000;

  private enum Auth { TOKEN, ENC }

  private final Vertx vertx;
  private final SubsonicOptions options;
  private final HubClientOptions limits;
  private final String base;
  private final WebClient client;
  private final HttpClientAgent streams;
  private final SecureRandom random = new SecureRandom();
  private final AtomicBoolean credentialsRefusedLogged = new AtomicBoolean();
  private volatile @Nullable Auth auth;
  private volatile String version = ENC_VERSION;
  private volatile String state = "unknown";
  private @Nullable Future<Auth> discovery;

  /**
   * @param vertx the Vert.x instance
   * @param options {@code hub.subsonic.*}; url, user and password set
   * @param limits the hub's connection limits, deadline and body cap
   */
  public SubsonicApi(Vertx vertx, SubsonicOptions options, HubClientOptions limits) {
    this.vertx = vertx;
    this.options = options;
    this.limits = limits;
    this.base = Objects.requireNonNull(options.url(), "hub.subsonic.url") + "/rest/";
    Objects.requireNonNull(options.user(), "hub.subsonic.user");
    Objects.requireNonNull(options.password(), "hub.subsonic.password");
    int connectMillis = (int) Math.min(Integer.MAX_VALUE, limits.connectTimeout().toMillis());
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(limits.maxPoolSize())
        .setMaxWaitQueueSize(limits.maxWaitQueueSize());
    this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setKeepAlive(true)
        .setDecompressionSupported(true).setConnectTimeout(connectMillis).setUserAgent("Playgate/1.0"), pool);
    CallDeadline.install(vertx, client, limits.timeout());
    this.streams = vertx.httpClientBuilder().with(new HttpClientOptions().setConnectTimeout(connectMillis)
        .setKeepAlive(true)).with(pool).build();
  }

  /** Starts discovering the server's version now, retrying with back-off until it answers. */
  public void discoverInBackground() {
    discoverWithBackoff(1_000);
  }

  private void discoverWithBackoff(long delayMillis) {
    auth().onFailure(e -> {
      if (e instanceof HubException he && he.failure() != HubFailure.BAD_RESPONSE) {
        vertx.setTimer(delayMillis, t -> discoverWithBackoff(Math.min(MAX_BACKOFF_MILLIS, delayMillis * 2)));
      }
    });
  }

  /**
   * @return what readiness reports: {@code up} with the API version and authentication in use, or the
   *     {@link HubFailure} name of the last failed discovery, or {@code unknown}
   */
  public String state() {
    return state;
  }

  /**
   * Pings the server (discovering its version first when not yet known).
   *
   * @return a future completed with {@link #state()} once the server answered, failed with a {@link HubException}
   */
  public Future<String> ping() {
    return call("ping", Map.of(), "ping").map(r -> state);
  }

  /**
   * One API call; its answer read as JSON or XML ({@link SubsonicAnswer}).
   *
   * @param method e.g. {@code getSong}
   * @param params further query parameters (values are encoded here)
   * @param mediaId the gateway id the call is for, for failures and logs
   * @return a future with the {@code subsonic-response} object of an {@code ok} answer, or failed with a
   *     {@link HubException}
   */
  public Future<JsonObject> call(String method, Map<String, String> params, String mediaId) {
    return auth().compose(a -> send(method, params, mediaId, a).recover(e -> {
      if (a == Auth.TOKEN && e instanceof TokenRefused) {
        LOG.info("subsonic.auth the server at {} refused token authentication (code 10); using enc: from now on",
            options.url());
        auth = Auth.ENC;
        return send(method, params, mediaId, Auth.ENC);
      }
      return Future.failedFuture(e);
    })).recover(e -> Future.failedFuture(logged(mediaId, classify(mediaId, e))));
  }

  /**
   * Opens a media call whose body the caller streams ({@code stream}, {@code getCoverArt}): the response arrives
   * paused, with its status and headers, and the caller pipes or reads it (and resumes it). Its head must arrive
   * within {@code hub.timeout} (else {@link HubFailure#TIMEOUT}); after that the body may rest up to
   * {@value #MEDIA_IDLE_MILLIS} ms between bytes (a player whose buffer is full stops reading).
   *
   * @param method {@code stream} or {@code getCoverArt}
   * @param params the id and format or size
   * @param headers request headers to send ({@code Range}, {@code If-Range}); nothing else of the browser's
   * @return a future with the upstream response, or failed with a {@link HubException}
   */
  public Future<HttpClientResponse> open(String method, Map<String, String> params, MultiMap headers) {
    return auth().compose(a -> {
      RequestOptions req = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url(method, params, a))
          .setFollowRedirects(false).setIdleTimeout(MEDIA_IDLE_MILLIS).setHeaders(headers);
      return streams.request(req).compose(r -> {
        // the answer's head within hub.timeout; after it, the body may pause as long as the listener's buffer is full
        AtomicBoolean late = new AtomicBoolean();
        long timer = vertx.setTimer(limits.timeout().toMillis(), t -> {
          late.set(true);
          r.reset();
        });
        return r.send().andThen(ar -> vertx.cancelTimer(timer)).recover(e -> Future.failedFuture(late.get()
            ? new HubException(HubFailure.TIMEOUT, "media", "no answer within the deadline") : e));
      }).compose(resp -> {
        resp.pause();
        return isApiAnswer(resp.getHeader("Content-Type")) ? apiError(resp, a) : Future.succeededFuture(resp);
      });
    }).recover(e -> Future.failedFuture(logged("media", classify("media", e))));
  }

  /**
   * @return the media proxy's options: formats, art cap
   */
  public SubsonicOptions options() {
    return options;
  }

  private static boolean isApiAnswer(@Nullable String contentType) {
    String t = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
    return t.startsWith("application/json") || t.startsWith("text/xml") || t.startsWith("application/xml");
  }

  /**
   * A media call answered with an API error (HTTP 200, {@code status: failed}) instead of media: its body read up to
   * {@code hub.maxBodySize} ({@link CappedBody}), the connection reset beyond that.
   */
  private Future<HttpClientResponse> apiError(HttpClientResponse resp, Auth a) {
    return readCapped(resp, limits.maxBodyBytes()).compose(b -> {
      JsonObject r = SubsonicAnswer.parse(b, resp.getHeader("Content-Type"), "media");
      JsonObject error = r.getValue("error") instanceof JsonObject e ? e : new JsonObject();
      Long code = SubsonicAnswer.number(error, "code");
      RuntimeException f = failure("media", code == null ? -1 : code.intValue(), a);
      if (f instanceof TokenRefused) {
        auth = Auth.ENC;
        f = new HubException(HubFailure.UNAVAILABLE, "media", "token authentication refused; enc: from now on");
      }
      return Future.failedFuture(f);
    });
  }

  /**
   * @param resp a paused response
   * @param maxBytes the most bytes kept, positive
   * @return its body, or failed with {@link CappedBody.TooLargeException} (the request reset) beyond {@code maxBytes};
   *     completes on the response's context
   */
  static Future<Buffer> readCapped(HttpClientResponse resp, long maxBytes) {
    BodyStream<Buffer> sink;
    try {
      sink = CappedBody.codec(maxBytes).stream();
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
    resp.handler(chunk -> sink.write(chunk).onFailure(e -> resp.request().reset()));
    resp.exceptionHandler(sink::handle);
    resp.endHandler(v -> sink.end());
    resp.resume();
    return sink.result();
  }

  private Future<HttpResponse<Buffer>> get(String method, Map<String, String> params, Auth a) {
    return client.getAbs(url(method, params, a)).followRedirects(false)
        .putHeader("Accept", "application/json, text/xml;q=0.5")
        .as(CappedBody.codec(limits.maxBodyBytes())).send();
  }

  private Future<JsonObject> send(String method, Map<String, String> params, String mediaId, Auth a) {
    return get(method, params, a).map(resp -> answer(method, mediaId, resp, a));
  }

  private JsonObject answer(String method, String mediaId, HttpResponse<Buffer> resp, Auth a) {
    int status = resp.statusCode();
    if (status != 200) {
      HubFailure f = status >= 500 ? HubFailure.UNAVAILABLE : HubFailure.BAD_RESPONSE;
      throw new HubException(f, mediaId, "status=" + status + (status == 404 ? " (the server lacks " + method
          + ": Unknown method)" : ""));
    }
    Buffer body = resp.body();
    JsonObject r = SubsonicAnswer.parse(body == null ? Buffer.buffer() : body, resp.getHeader("Content-Type"),
        mediaId);
    if ("ok".equals(r.getString("status"))) {
      credentialsRefusedLogged.set(false);
      return r;
    }
    JsonObject error = r.getValue("error") instanceof JsonObject e ? e : new JsonObject();
    Long code = SubsonicAnswer.number(error, "code");
    throw failure(mediaId, code == null ? -1 : code.intValue(), a);
  }

  /**
   * @param code a Subsonic error code (API "Error handling")
   * @return the hub failure it maps to (code 10 to a token call is retried with {@code enc:} before this applies)
   */
  static HubFailure failureOf(int code) {
    return switch (code) {
      case 70, 0 -> HubFailure.NOT_FOUND;
      case 50 -> HubFailure.PRIVATE;
      default -> HubFailure.BAD_RESPONSE;
    };
  }

  /** The failure of an error answer; refused credentials are logged once until a call succeeds again. */
  private RuntimeException failure(String mediaId, int code, Auth a) {
    if (code == 10 && a == Auth.TOKEN) {
      return new TokenRefused();
    }
    if ((code == 40 || code == 41) && credentialsRefusedLogged.compareAndSet(false, true)) {
      LOG.warn("subsonic.auth the server at {} refused user '{}' (error {}): check hub.subsonic.user and "
          + "hub.subsonic.password (PLAYGATE_HUB_SUBSONIC_PASSWORD)", options.url(), options.user(), code);
    }
    // the server's message is not kept: it may echo input
    return new HubException(failureOf(code), mediaId, "subsonic error " + code);
  }

  /** The server's version, once: {@code ping} with {@code enc:}; forgotten after a failure so the next call asks. */
  private synchronized Future<Auth> auth() {
    Auth known = auth;
    if (known != null) {
      return Future.succeededFuture(known);
    }
    if (discovery == null) {
      discovery = send("ping", Map.of(), "ping", Auth.ENC).map(r -> {
        version = r.getString("version", ENC_VERSION);
        Auth a = atLeast(version, 1, 13) ? Auth.TOKEN : Auth.ENC;
        auth = a;
        state = "up";
        LOG.info("subsonic.ping server {} speaks API {}; authentication {}", options.url(), version,
            a == Auth.TOKEN ? "token" : "enc:");
        return a;
      }).onFailure(e -> forgetDiscovery(classify("ping", e)));
    }
    return discovery;
  }

  private synchronized void forgetDiscovery(HubException e) {
    discovery = null;
    state = e.failure().name();
  }

  private String url(String method, Map<String, String> params, Auth a) {
    StringBuilder q = new StringBuilder(base).append(method).append(".view?u=").append(enc(options.user()));
    if (a == Auth.TOKEN) {
      byte[] salt = new byte[8];
      random.nextBytes(salt);
      String s = HexFormat.of().formatHex(salt);
      q.append("&t=").append(md5Hex(options.password() + s)).append("&s=").append(s);
    } else {
      q.append("&p=enc:").append(HexFormat.of().formatHex(options.password().getBytes(StandardCharsets.UTF_8)));
    }
    q.append("&v=").append(a == Auth.TOKEN ? version : ENC_VERSION).append("&c=").append(CLIENT).append("&f=json");
    params.forEach((k, v) -> q.append('&').append(k).append('=').append(enc(v)));
    return q.toString();
  }

  static boolean atLeast(String version, int major, int minor) {
    String[] parts = version.split("\\.");
    try {
      int ma = Integer.parseInt(parts[0]);
      int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return ma > major || ma == major && mi >= minor;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String md5Hex(String s) {
    try {
      // MD5 because the Subsonic API defines the token so (API 1.13.0, "Authentication")
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String enc(@Nullable String s) {
    return URLEncoder.encode(String.valueOf(s), StandardCharsets.UTF_8);
  }

  private static HubException classify(String mediaId, Throwable e) {
    if (e instanceof HubException he) {
      return he;
    }
    if (CallDeadline.passed(e)) {
      return new HubException(HubFailure.TIMEOUT, mediaId, "no complete answer within the deadline");
    }
    if (e instanceof CappedBody.TooLargeException) {
      return new HubException(HubFailure.BAD_RESPONSE, mediaId, e.getMessage());
    }
    if (e instanceof java.util.concurrent.TimeoutException || e instanceof io.netty.channel.ConnectTimeoutException) {
      return new HubException(HubFailure.TIMEOUT, mediaId, e.getClass().getSimpleName());
    }
    String what = e instanceof ConnectException ? "connect failed: " : e.getClass().getSimpleName() + ": ";
    // the message of a connect failure names host and port only, never the query (which holds the credentials)
    return new HubException(HubFailure.UNAVAILABLE, mediaId, what + safe(e.getMessage()));
  }

  private static String safe(@Nullable String message) {
    return message == null ? "" : message.replaceAll("\\?.*", "?…");
  }

  private static HubException logged(String mediaId, HubException e) {
    if (e.failure().status() >= 500) {
      LOG.warn("hub.fail id={} failure={} gatewayStatus={} reason=\"{}\"", mediaId, e.failure(), e.failure().status(),
          e.getMessage());
    } else {
      LOG.debug("hub.fail id={} failure={} gatewayStatus={} reason=\"{}\"", mediaId, e.failure(),
          e.failure().status(), e.getMessage());
    }
    return e;
  }

  /** Closes both clients. */
  public Future<Void> close() {
    client.close();
    return streams.close();
  }

  /** Code 10 to a token call: the server wants {@code enc:}. */
  private static final class TokenRefused extends RuntimeException {
    TokenRefused() {
      super("token authentication refused", null, false, false);
    }
  }
}
