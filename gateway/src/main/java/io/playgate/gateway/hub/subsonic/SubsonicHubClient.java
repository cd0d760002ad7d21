package io.playgate.gateway.hub.subsonic;

import io.playgate.gateway.hub.HubClient;
import io.playgate.gateway.hub.HubException;
import io.playgate.gateway.hub.HubFailure;
import io.playgate.gateway.hub.HubResponse;
import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.MediaItemParser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HubClient} over a Subsonic server ({@link SubsonicApi}): a gateway id ({@link SubsonicIds}) becomes
 * {@code getSong}, {@code getAlbum} or {@code getPlaylist}, and the answer a MediaItem ({@link SubsonicMapping},
 * checked by {@link MediaItemParser}).
 *
 * <p><b>Freshness.</b> Subsonic sends no {@code ETag} and no {@code max-age}: each answer is fresh for
 * {@code hub.maxAge} (as the embedded hub's are), and its entity tag is a digest of the MediaItem made from it, so a
 * revalidation whose item did not change (the server's {@code changed}/{@code created} times and every field the
 * same) is a {@code 304} and keeps the rendered variants. A private item's signed URLs change on each fetch, so its
 * entry is always replaced with fresh signatures.
 */
public final class SubsonicHubClient implements HubClient {

  private static final Logger LOG = LoggerFactory.getLogger(SubsonicHubClient.class);

  private final SubsonicApi api;
  private final SubsonicMapping mapping;
  private final long maxAgeSeconds;

  /**
   * @param api the server
   * @param publicBaseUrl the gateway's public base URL, without trailing slash
   * @param urls the media proxy's URLs
   * @param maxAge how long each answer is fresh ({@code hub.maxAge}), whole seconds used
   */
  public SubsonicHubClient(SubsonicApi api, String publicBaseUrl, ProxyUrls urls, Duration maxAge) {
    this.api = api;
    this.mapping = new SubsonicMapping(publicBaseUrl, api.options().formats(), urls);
    this.maxAgeSeconds = maxAge.toSeconds();
  }

  @Override
  public Future<HubResponse> fetch(String id, @Nullable String ifNoneMatch) {
    SubsonicIds.Ref ref = SubsonicIds.parse(id);
    if (ref == null) {
      return Future.failedFuture(new HubException(HubFailure.NOT_FOUND, id, "not a Subsonic gateway id"));
    }
    return api.call(ref.kind().method, Map.of("id", ref.serverId()), id).map(r -> {
      JsonObject wire = mapping.item(ref, r);
      if (wire == null) {
        throw new HubException(HubFailure.BAD_RESPONSE, id, "answer without its " + ref.kind().member);
      }
      MediaItem item;
      try {
        item = MediaItemParser.item(wire, id, "", true);
      } catch (HubException e) {
        LOG.warn("hub.fail id={} failure={} gatewayStatus={} reason=\"{}\"", id, e.failure(), e.failure().status(),
            e.getMessage());
        throw e;
      }
      String etag = "\"" + digest(wire.encode()) + "\"";
      return etag.equals(ifNoneMatch) ? new HubResponse(null, etag, maxAgeSeconds, true)
          : new HubResponse(item, etag, maxAgeSeconds, false);
    });
  }

  /**
   * The start page's list: every album ({@code getAlbumList2}, by name, at most 500) and every public playlist.
   *
   * @return a future with the gateway ids, albums first, or failed with a {@link HubException}
   */
  public Future<List<String>> listedIds() {
    Future<JsonObject> albums = api.call("getAlbumList2", Map.of("type", "alphabeticalByName", "size", "500"), "list");
    Future<JsonObject> playlists = api.call("getPlaylists", Map.of(), "list");
    return Future.all(albums, playlists).map(x -> {
      List<String> ids = new ArrayList<>();
      JsonObject list = albums.result().getValue("albumList2") instanceof JsonObject o ? o : new JsonObject();
      add(ids, SubsonicIds.Kind.ALBUM, SubsonicAnswer.list(list, "album"));
      JsonObject pls = playlists.result().getValue("playlists") instanceof JsonObject o ? o : new JsonObject();
      add(ids, SubsonicIds.Kind.PLAYLIST, SubsonicAnswer.list(pls, "playlist").stream()
          .filter(p -> "true".equals(SubsonicAnswer.text(p, "public"))).toList());
      return ids;
    });
  }

  private static void add(List<String> ids, SubsonicIds.Kind kind, List<JsonObject> entities) {
    for (JsonObject e : entities) {
      String id = SubsonicIds.gatewayId(kind, SubsonicAnswer.text(e, "id"));
      if (id != null) {
        ids.add(id);
      }
    }
  }

  @Override
  public Future<Void> close() {
    return api.close();
  }

  private static String digest(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
