package io.playgate.hub.local;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * One {@code GET|HEAD /v1/media/{id}} request of the local hub, as a {@link MediaAnswerHook} sees it: the request,
 * the catalogue entry it names, and the hub's normal answer, which a hook may give at once, later, or with its body
 * written its own way.
 */
public final class MediaExchange {

  /** Routing-context key under which a private or unlisted id is recorded, so access logs can hide it. */
  public static final String HIDDEN_ID_KEY = "playgate.hiddenMediaId";

  private final LocalHub hub;
  private final RoutingContext context;
  private final String id;
  private final Catalog.@Nullable Entry entry;
  private final String cacheControl;

  MediaExchange(LocalHub hub, RoutingContext context, String id, Catalog.@Nullable Entry entry,
      String cacheControl) {
    this.hub = hub;
    this.context = context;
    this.id = id;
    this.entry = entry;
    this.cacheControl = cacheControl;
  }

  /** @return the request's routing context (request, response, Vert.x instance) */
  public RoutingContext context() {
    return context;
  }

  /** @return the media id of the path, as sent (not checked against any syntax) */
  public String id() {
    return id;
  }

  /** @return the catalogue entry, or {@code null} when the id is unknown */
  public Catalog.@Nullable Entry entry() {
    return entry;
  }

  /** @return true when the entry exists and is neither removed nor private/unlisted (a 200 for anyone) */
  public boolean servable() {
    return entry != null && !entry.removed() && !entry.isPrivate();
  }

  /** @return the {@code Cache-Control} value the hub sends with a MediaItem, e.g. {@code public, max-age=300} */
  public String cacheControl() {
    return cacheControl;
  }

  /** The hub's answer: 404 unknown, 410 removed, 403 private without the credential, 304, or 200 with the item. */
  public void answer() {
    answer(HttpServerResponse::end);
  }

  /**
   * The hub's answer, with the body of a 200 written by {@code bodyWriter} instead of at once (e.g. one byte at a
   * time); 304 and the error answers are the same as {@link #answer()}.
   *
   * @param bodyWriter given the response, status and headers set, and the MediaItem body; must end the response
   */
  public void answer(BiConsumer<HttpServerResponse, Buffer> bodyWriter) {
    HttpServerResponse resp = context.response();
    if (entry == null) {
      problem(404, "Not Found", "unknown media id");
      return;
    }
    if (entry.removed()) {
      problem(410, "Gone", "media removed");
      return;
    }
    if (entry.isPrivate()) {
      // the gateway's access log prints this id as <private> (the same key as the gateway's Visibility.HIDDEN_ID_KEY)
      context.put(HIDDEN_ID_KEY, id);
    }
    if (entry.isPrivate() && !hub.holdsCredential(context)) {
      problem(403, "Forbidden", "media is private");
      return;
    }
    resp.putHeader("ETag", entry.etag()).putHeader("Cache-Control", cacheControl);
    if (EntityTags.ifNoneMatch(context.request().getHeader("If-None-Match"), entry.etag())) {
      resp.setStatusCode(304).end();
      return;
    }
    resp.putHeader("Content-Type", "application/json");
    bodyWriter.accept(resp, entry.body());
  }

  /**
   * Ends the response with a problem, as {@link LocalHub#problem(HttpServerResponse, int, String, String)}.
   *
   * @param status 4xx or 5xx
   * @param title the problem title
   * @param detail the problem detail
   */
  public void problem(int status, String title, String detail) {
    LocalHub.problem(context.response(), status, title, detail);
  }
}
