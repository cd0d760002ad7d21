package io.playgate.gateway.hub.subsonic;

import io.playgate.gateway.hub.MediaKind;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How Subsonic ids become gateway ids: a kind prefix and the server's id, {@code s-<id>} for a song, {@code a-<id>}
 * for an album, {@code p-<id>} for a playlist (supysonic's UUIDs give 38 characters). A server id outside
 * {@code [A-Za-z0-9_-]{1,62}} has no gateway id (the item is left out), so every gateway id matches
 * {@link io.playgate.gateway.hub.MediaItem#ID} and the mapping is reversible without a lookup.
 */
public final class SubsonicIds {

  /** Server ids that map: the gateway's id alphabet, two characters shorter for the prefix. */
  static final Pattern SERVER_ID = Pattern.compile("[A-Za-z0-9_-]{1,62}");

  /** The three Subsonic entities the gateway shows, each with its prefix, API method and answer member. */
  public enum Kind {
    /** {@code getSong} → {@code song}: a track. */
    SONG("s-", "getSong", "song", MediaKind.TRACK),
    /** {@code getAlbum} → {@code album}: an album with its songs. */
    ALBUM("a-", "getAlbum", "album", MediaKind.ALBUM),
    /** {@code getPlaylist} → {@code playlist}: a playlist with its entries. */
    PLAYLIST("p-", "getPlaylist", "playlist", MediaKind.PLAYLIST);

    final String prefix;
    final String method;
    final String member;
    final MediaKind mediaKind;

    Kind(String prefix, String method, String member, MediaKind mediaKind) {
      this.prefix = prefix;
      this.method = method;
      this.member = member;
      this.mediaKind = mediaKind;
    }
  }

  /**
   * A gateway id read back.
   *
   * @param kind what it names
   * @param serverId the Subsonic server's id
   */
  public record Ref(Kind kind, String serverId) {
    /** @return the gateway id */
    public String gatewayId() {
      return kind.prefix + serverId;
    }
  }

  private SubsonicIds() {
  }

  /**
   * @param gatewayId any string
   * @return what it names, or {@code null} when it is no Subsonic gateway id
   */
  public static @Nullable Ref parse(String gatewayId) {
    for (Kind k : Kind.values()) {
      if (gatewayId.startsWith(k.prefix)) {
        String server = gatewayId.substring(k.prefix.length());
        return SERVER_ID.matcher(server).matches() ? new Ref(k, server) : null;
      }
    }
    return null;
  }

  /**
   * @param kind the entity's kind
   * @param serverId the server's id, any string
   * @return the gateway id, or {@code null} when the server id cannot be one
   */
  public static @Nullable String gatewayId(Kind kind, @Nullable String serverId) {
    return serverId != null && SERVER_ID.matcher(serverId).matches() ? kind.prefix + serverId : null;
  }
}
