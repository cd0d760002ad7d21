package io.playgate.gateway.metrics;

import io.playgate.gateway.http.JsonBody;
import io.playgate.gateway.hub.MediaItem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * One analytics beacon of a player, as {@code POST /events} accepts it: a JSON object with exactly these members
 * <pre>{"v": 1, "media": "&lt;media id&gt;", "event": "play", "origin": "https://partner.example"}</pre>
 * {@code event} is one of {@link #EVENTS} ({@code q25}…{@code q100} are the quartiles of the duration played);
 * {@code origin} is the embedding page's origin (RFC 6454 serialisation: {@code scheme://host[:port]}, http or
 * https, no path) or {@code "null"} for an opaque origin. Nothing else is accepted: no user id, no cookie, no URL.
 *
 * @param mediaId media id, matching {@link MediaItem#ID}
 * @param event the event name
 * @param origin the normalised origin (lower-case scheme and host), or {@code "null"}
 */
public record PlayerEvent(String mediaId, String event, String origin) {

  /** Event names, in the order a listener meets them. */
  public static final List<String> EVENTS = List.of("impression", "play", "q25", "q50", "q75", "q100", "ended");

  /** Longest accepted origin, in characters. */
  public static final int MAX_ORIGIN_CHARS = 300;

  private static final List<String> MEMBERS = List.of("v", "media", "event", "origin");

  /**
   * @param body the request body
   * @return the validated event
   * @throws io.playgate.gateway.http.ProblemException 400 from {@link JsonBody}: not JSON, not an object, a member
   *     given twice or unknown
   * @throws IllegalArgumentException naming what is wrong: a missing member, a wrong version, a malformed id, an
   *     unknown event, or an origin that is not an origin
   */
  public static PlayerEvent parse(Buffer body) {
    JsonObject json = JsonBody.object(body, MEMBERS);
    if (!(json.getValue("v") instanceof Number n) || n.doubleValue() != 1) {
      throw new IllegalArgumentException("v: expected 1");
    }
    if (!(json.getValue("media") instanceof String media) || !MediaItem.ID.matcher(media).matches()) {
      throw new IllegalArgumentException("media: expected a media id ([A-Za-z0-9_-]{1,64})");
    }
    if (!(json.getValue("event") instanceof String event) || !EVENTS.contains(event)) {
      throw new IllegalArgumentException("event: expected one of " + String.join(", ", EVENTS));
    }
    if (!(json.getValue("origin") instanceof String origin)) {
      throw new IllegalArgumentException("origin: expected the embedding page's origin, e.g. https://partner.example");
    }
    return new PlayerEvent(media, event, origin(origin));
  }

  /**
   * @param text an origin as a browser serialises it
   * @return the origin with scheme and host lower-cased and the scheme's default port left out
   * @throws IllegalArgumentException when it is not an http(s) origin or {@code "null"}
   */
  static String origin(String text) {
    if (text.equals("null")) {
      return text;
    }
    String bad = "origin: expected scheme://host[:port] (http or https, no path), or null";
    if (text.length() > MAX_ORIGIN_CHARS) {
      throw new IllegalArgumentException(bad);
    }
    try {
      URI u = new URI(text);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null || u.getRawUserInfo() != null
          || !(u.getRawPath() == null || u.getRawPath().isEmpty()) || u.getRawQuery() != null
          || u.getRawFragment() != null || u.getPort() == 0 || u.getPort() > 65535) {
        throw new IllegalArgumentException(bad);
      }
      // RFC 6454 §6.2: the default port of the scheme is not serialised, so https://x:443 is https://x
      boolean defaultPort = u.getPort() == -1 || u.getPort() == (scheme.equals("https") ? 443 : 80);
      return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + u.getPort());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(bad);
    }
  }
}
