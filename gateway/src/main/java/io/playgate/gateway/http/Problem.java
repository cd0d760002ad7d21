package io.playgate.gateway.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * An RFC 9457 problem details object.
 *
 * @param type problem type URI (§3.1.1); {@code about:blank} when the status says it all
 * @param title short summary of the type (§3.1.3); for {@code about:blank}, the status phrase
 * @param status the HTTP status (§3.1.2)
 * @param detail explanation of this occurrence (§3.1.4), or {@code null}
 * @param instance the request path this occurred on (§3.1.5), or {@code null}
 * @param requestId extension member: the {@code X-Request-Id} of the request, for support
 */
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable String instance,
    @Nullable String requestId) {

  /** The media type of a JSON problem body (RFC 9457 §3). */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** @return the JSON body */
  public Buffer toBuffer() {
    JsonObject json = new JsonObject().put("type", type).put("title", title).put("status", status);
    if (detail != null) {
      json.put("detail", detail);
    }
    if (instance != null) {
      json.put("instance", instance);
    }
    if (requestId != null) {
      json.put("requestId", requestId);
    }
    return json.toBuffer();
  }
}
