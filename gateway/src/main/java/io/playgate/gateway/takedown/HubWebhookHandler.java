package io.playgate.gateway.takedown;

import io.playgate.gateway.cache.InvalidationBus;
import io.playgate.gateway.cache.MediaCache;
import io.playgate.gateway.http.JsonBody;
import io.playgate.gateway.http.ProblemException;
import io.playgate.gateway.hub.MediaItem;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /hooks/hub}, the hub's webhook (ARCHITECTURE.md, "Hub API v1"): {@code {"event": "media.updated" |
 * "media.removed", "ids": ["…", …]}} signed with {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>}
 * under {@code hub.webhookSecret}.
 * <ul>
 *   <li>a request with more than one signature header is refused (400) before any is checked;</li>
 *   <li>the signature is checked first, over the exact bytes received, in constant time
 *       ({@link MessageDigest#isEqual}); missing or wrong → 401;</li>
 *   <li>then the body ({@link JsonBody}): not a JSON object, a member given twice or unknown, an unknown event, or
 *       ids that are not 1..1000 media ids → 400 (a body over the configured size is 413 before this handler, from
 *       the route's {@code BodyHandler}; another content type 415, from its {@code MediaTypeHandler});</li>
 *   <li>{@code media.removed}: each entry and its rendered variants are purged and the id is remembered as removed
 *       ({@link MediaCache#takedown}), so the very next request is a 404; {@code media.updated}: purged
 *       ({@link MediaCache#invalidate}), so the next request fetches it again;</li>
 *   <li>then the event is shared with the other nodes of the cluster ({@link InvalidationBus#publish}) → 204; when
 *       it cannot be shared (the cluster's Redis is unreachable) → 503 with {@code Retry-After: 1}: it is applied on
 *       this node only, and the hub should send it again (applying it twice does no harm).</li>
 * </ul>
 * Needs a {@code BodyHandler} before it on the route.
 */
public final class HubWebhookHandler implements Handler<RoutingContext> {

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
  /**
   * The challenge of the webhook's 401 (RFC 9110 §11.6.1): the credential is an HMAC-SHA256 signature of the body,
   * sent in {@link #SIGNATURE_HEADER}, not an {@code Authorization} header; the scheme names the algorithm and an
   * auth-param names the header.
   */
  public static final String CHALLENGE = "HMAC-SHA256 realm=\"playgate-hub-webhook\", header=\"" + SIGNATURE_HEADER
      + "\"";
  /** The event's members; any other is refused ({@link JsonBody}), as on every body-reading route. */
  private static final List<String> MEMBERS = List.of("event", "ids");
  /** Most ids accepted in one event. */
  public static final int MAX_IDS = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(HubWebhookHandler.class);
  private static final String PREFIX = "sha256=";

  private final MediaCache cache;
  private final InvalidationBus bus;
  private final SecretKeySpec key;

  private HubWebhookHandler(MediaCache cache, InvalidationBus bus, String secret) {
    this.cache = cache;
    this.bus = bus;
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /**
   * @param cache the media cache to purge
   * @param bus where the event is shared with the other nodes ({@link InvalidationBus#LOCAL} for a node on its own)
   * @param secret the shared secret ({@code hub.webhookSecret}), not empty
   * @return the handler
   * @throws IllegalArgumentException when the secret is empty
   */
  public static HubWebhookHandler create(MediaCache cache, InvalidationBus bus, String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("webhook secret must not be empty");
    }
    return new HubWebhookHandler(cache, bus, secret);
  }

  /**
   * @param secret the shared secret
   * @param body the raw body
   * @return the header value a hub sends for this body: {@code sha256=<lower-case hex>}
   */
  public static String sign(String secret, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8),
        "HmacSHA256"), body));
  }

  @Override
  public void handle(RoutingContext ctx) {
    Buffer raw = ctx.body().buffer();
    byte[] body = raw == null ? new byte[0] : raw.getBytes();
    if (ctx.request().headers().getAll(SIGNATURE_HEADER).size() > 1) {
      // which one would count is a guess a proxy in front might make differently (RFC 9110 §5.3): refuse both
      throw ProblemException.badRequest(SIGNATURE_HEADER + " is given more than once");
    }
    if (!signatureValid(ctx.request().getHeader(SIGNATURE_HEADER), body)) {
      LOG.warn("hook.reject reason=\"bad or missing {}\" bytes={}", SIGNATURE_HEADER, body.length);
      ctx.response().putHeader("WWW-Authenticate", CHALLENGE);
      throw new ProblemException(401, "missing or invalid " + SIGNATURE_HEADER + " signature");
    }
    JsonObject json = JsonBody.object(Buffer.buffer(body), MEMBERS);
    Object event = json.getValue("event");
    boolean removed = "media.removed".equals(event);
    if (!removed && !"media.updated".equals(event)) {
      throw ProblemException.badRequest("event: expected \"media.updated\" or \"media.removed\"");
    }
    List<String> ids = ids(json.getValue("ids"));
    if (removed) {
      cache.takedown(ids);
    } else {
      cache.invalidate(ids);
    }
    // the ids may be private or unlisted media, which stay out of logs at INFO
    LOG.info("hook.accept event={} ids={}", event, ids.size());
    LOG.debug("hook.accept event={} ids={}", event, ids.size() <= 10 ? ids : ids.size() + " ids");
    bus.publish(removed ? InvalidationBus.Kind.REMOVED : InvalidationBus.Kind.UPDATED, ids).onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end();
      } else {
        LOG.warn("hook.unshared event={} ids={}: applied on this node only ({}); asking the hub to send it again",
            event, ids.size(), ar.cause().toString());
        ctx.response().putHeader("Retry-After", "1");
        ctx.fail(new ProblemException(503, "applied on this node only: the cluster's Redis cannot be reached; "
            + "send the event again"));
      }
    });
  }

  private boolean signatureValid(String header, byte[] body) {
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(given, hmac(key, body));
  }

  private static byte[] hmac(SecretKeySpec key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }

  private static List<String> ids(Object value) {
    if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_IDS) {
      throw ProblemException.badRequest("ids: expected an array of 1 to " + MAX_IDS + " media ids");
    }
    List<String> ids = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof String id) || !MediaItem.ID.matcher(id).matches()) {
        throw ProblemException.badRequest("ids[" + i + "]: expected a media id matching " + MediaItem.ID.pattern());
      }
      ids.add(id);
    }
    return ids;
  }
}
