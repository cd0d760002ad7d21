package io.playgate.hub.local;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Serves the catalogue's media files with HTTP Range (RFC 9110 §14): {@code Accept-Ranges: bytes}, 206 with
 * {@code Content-Range} for one satisfiable range (including the suffix form {@code bytes=-n}), 416 with
 * {@code Content-Range: bytes *}{@code /size} for an unsatisfiable one, the whole file with 200 otherwise, and
 * {@code HEAD} with the same headers and no body; {@code If-None-Match} → 304 and {@code If-Range} (§13.1.5) honoured
 * against a strong {@code ETag} made of size and modification time. Only files the catalogue references are served, so no path
 * from a request can reach anything else. File metadata is read asynchronously and the body is sent with
 * {@code sendFile} (zero-copy where the OS allows); the event loop never blocks.
 */
final class MediaFileHandler implements Handler<RoutingContext> {

  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("opus", "audio/ogg"), Map.entry("ogg", "audio/ogg"), Map.entry("oga", "audio/ogg"),
      Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/mp4"), Map.entry("aac", "audio/aac"),
      Map.entry("webm", "video/webm"), Map.entry("mp4", "video/mp4"),
      Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
      Map.entry("webp", "image/webp"), Map.entry("vtt", "text/vtt"),
      Map.entry("json", "application/json"));

  private final Path folder;
  private final Predicate<String> served;

  MediaFileHandler(Path folder, Predicate<String> served) {
    this.folder = folder.toAbsolutePath().normalize();
    this.served = served;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String rel = ctx.pathParam("*");
    HttpServerResponse resp = ctx.response();
    if (rel == null || !served.test(rel)) {
      LocalHub.problem(resp, 404, "Not Found", "no such media file");
      return;
    }
    Path file = folder.resolve(rel).normalize();
    if (!file.startsWith(folder)) {
      LocalHub.problem(resp, 404, "Not Found", "no such media file");
      return;
    }
    ctx.vertx().fileSystem().props(file.toString()).onComplete(ar -> {
      if (resp.closed()) {
        // the client went away while the file was looked up (a browser drops media requests when it seeks);
        // Vert.x 5.0.7's sendFile on a closed HTTP/1.1 connection fails with an NPE logged at ERROR
        return;
      }
      if (ar.failed() || !ar.result().isRegularFile()) {
        LocalHub.problem(resp, 404, "Not Found", "no such media file");
        return;
      }
      long size = ar.result().size();
      long mtime = ar.result().lastModifiedTime();
      resp.putHeader("Accept-Ranges", "bytes")
          .putHeader("Content-Type", contentType(rel))
          .putHeader("Cache-Control", "public, max-age=86400")
          .putHeader("X-Content-Type-Options", "nosniff");
      String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(mtime) + "\"";
      resp.putHeader("ETag", etag);
      boolean head = ctx.request().method() == HttpMethod.HEAD;
      if (EntityTags.ifNoneMatch(ctx.request().getHeader("If-None-Match"), etag)) {
        resp.setStatusCode(304).end();
        return;
      }
      // If-Range (RFC 9110 §13.1.5): the range applies only to the representation the client already has,
      // named by a strong ETag; anything else (another tag, a date) gets the whole file
      String ifRange = ctx.request().getHeader("If-Range");
      String range = ifRange == null || ifRange.trim().equals(etag) ? ctx.request().getHeader("Range") : null;
      ByteRange.Outcome outcome = ByteRange.parse(range, size);
      if (outcome instanceof ByteRange.Unsatisfiable) {
        resp.putHeader("Content-Range", "bytes */" + size);
        LocalHub.problem(resp, 416, "Range Not Satisfiable", "the file has " + size + " bytes");
      } else if (outcome instanceof ByteRange.Partial p) {
        ByteRange r = p.range();
        resp.setStatusCode(206).putHeader("Content-Range", r.contentRange());
        send(resp, file, r.first(), r.length(), head);
      } else {
        send(resp, file, 0, size, head);
      }
    });
  }

  private static void send(HttpServerResponse resp, Path file, long offset, long length, boolean head) {
    if (head) {
      resp.putHeader("Content-Length", Long.toString(length)).end();
    } else {
      resp.sendFile(file.toString(), offset, length);
    }
  }

  private static String contentType(String path) {
    int dot = path.lastIndexOf('.');
    String ext = dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }
}
