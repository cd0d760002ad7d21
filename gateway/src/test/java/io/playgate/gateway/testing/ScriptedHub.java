package io.playgate.gateway.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real hub API v1 server on loopback whose answers a test changes between requests — what the file-backed local
 * hub cannot do: an id that is 404 and then appears, a private item that turns public, an item whose data changes.
 * {@code GET /v1/media/{id}} answers the id's current state: 200 MediaItem JSON with {@code ETag} and
 * {@code Cache-Control: max-age}, 304 on a matching {@code If-None-Match}, or the status set for it.
 */
public final class ScriptedHub {

  private record State(int status, String title, String etag) {
  }

  private final Map<String, State> states = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final HttpServer server;
  private final long maxAgeSeconds;

  private ScriptedHub(Vertx vertx, long maxAgeSeconds) {
    this.maxAgeSeconds = maxAgeSeconds;
    this.server = vertx.createHttpServer().requestHandler(req -> {
      String id = req.path().substring(req.path().lastIndexOf('/') + 1);
      counts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
      State s = states.getOrDefault(id, new State(404, null, null));
      if (s.status() != 200) {
        req.response().setStatusCode(s.status()).putHeader("Content-Type", "application/problem+json")
            .end(new JsonObject().put("status", s.status()).encode());
        return;
      }
      req.response().putHeader("ETag", s.etag()).putHeader("Cache-Control", "public, max-age=" + maxAgeSeconds);
      if (s.etag().equals(req.getHeader("If-None-Match"))) {
        req.response().setStatusCode(304).end();
        return;
      }
      req.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("id", id)
          .put("kind", "track").put("title", s.title()).put("pageUrl", "https://hub.example/track/" + id).encode());
    });
  }

  /**
   * @param vertx the test's Vert.x
   * @param maxAgeSeconds the {@code max-age} of every 200/304
   * @return a listening hub
   */
  public static ScriptedHub start(Vertx vertx, long maxAgeSeconds) {
    ScriptedHub hub = new ScriptedHub(vertx, maxAgeSeconds);
    try {
      hub.server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return hub;
  }

  /** @return the hub's base URL, for {@code hub.url} */
  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /**
   * @param id a media id
   * @param title its title; the ETag changes with it
   * @return this
   */
  public ScriptedHub item(String id, String title) {
    states.put(id, new State(200, title, "\"" + Integer.toHexString(title.hashCode()) + "\""));
    return this;
  }

  /**
   * @param id a media id
   * @param status what the hub answers for it, e.g. 404, 403, 410
   * @return this
   */
  public ScriptedHub status(String id, int status) {
    states.put(id, new State(status, null, null));
    return this;
  }

  /**
   * @param id a media id
   * @return requests received for it
   */
  public int count(String id) {
    AtomicInteger n = counts.get(id);
    return n == null ? 0 : n.get();
  }
}
