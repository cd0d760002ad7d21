package io.playgate.gateway.subsonic;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.Supysonic;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fixture itself: Debian's supysonic serves the library it was given, with the tags it was given. */
class SupysonicFixtureIT {

  @RegisterExtension
  static final Supysonic supysonic = new Supysonic();

  @Test
  void servesTheTaggedLibrary() throws Exception {
    var song = supysonic.call("getSong", Map.of("id", supysonic.songId("Feelings"))).getJsonObject("song");
    assertThat(song.getString("album")).isEqualTo("Frets on Fire songs");
    assertThat(song.getInteger("track")).isEqualTo(2);
    assertThat(song.getInteger("duration")).isEqualTo(70);
    assertThat(song.getString("coverArt")).matches("[0-9]+");
    var album = supysonic.call("getAlbum", Map.of("id", supysonic.albumId("Songs by Muldjord")))
        .getJsonObject("album");
    assertThat(album.getString("artist")).isEqualTo(Supysonic.ODD_ARTIST);
    assertThat(album.containsKey("coverArt")).as("an album without art has no coverArt").isFalse();
    var playlist = supysonic.call("getPlaylist", Map.of("id", supysonic.playlistId(Supysonic.PUBLIC_PLAYLIST)))
        .getJsonObject("playlist");
    assertThat(playlist.getBoolean("public")).isTrue();
    assertThat(playlist.getJsonArray("entry")).hasSize(3);
  }
}
