package io.playgate.catalog;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The Chinook sample database (artists, albums, tracks, playlists), read with HSQLDB from the script in
 * {@code net.hydromatic:chinook-data-hsqldb} ({@code jdbc:hsqldb:res:chinook}, read-only, schema {@code chinook}).
 *
 * @param artists artist names by {@code ArtistId}
 * @param albums albums in {@code AlbumId} order
 * @param tracks tracks in {@code TrackId} order
 * @param playlists playlists in {@code PlaylistId} order, with their track ids in {@code TrackId} order
 */
record ChinookData(Map<Integer, String> artists, List<Album> albums, List<Track> tracks, List<Playlist> playlists) {

  /** The media type whose tracks are videos (TV episodes). */
  static final String VIDEO_MEDIA_TYPE = "Protected MPEG-4 video file";

  /**
   * @param id AlbumId
   * @param title Title
   * @param artistId ArtistId
   */
  record Album(int id, String title, int artistId) {
  }

  /**
   * @param id TrackId
   * @param name Name
   * @param albumId AlbumId (every Chinook track has one)
   * @param video whether its media type is {@link #VIDEO_MEDIA_TYPE}
   * @param genre genre name, or {@code null}
   * @param composer Composer, or {@code null}
   * @param durationMs Milliseconds
   * @param bytes Bytes: the size of the original file
   */
  record Track(int id, String name, int albumId, boolean video, @Nullable String genre, @Nullable String composer,
      int durationMs, int bytes) {
  }

  /**
   * @param id PlaylistId
   * @param name Name
   * @param trackIds its tracks, in TrackId order (Chinook keeps no position)
   */
  record Playlist(int id, String name, List<Integer> trackIds) {
  }

  /**
   * Reads the whole database (about 4,000 rows that matter; a fraction of a second).
   *
   * @return the data
   * @throws SQLException when the script cannot be read
   */
  static ChinookData read() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", "sa");
    props.setProperty("password", "");
    props.setProperty("readonly", "true");
    try (Connection c = DriverManager.getConnection("jdbc:hsqldb:res:chinook", props);
        Statement s = c.createStatement()) {
      s.execute("SET SCHEMA \"chinook\"");
      Map<Integer, String> artists = new HashMap<>();
      try (ResultSet r = s.executeQuery("SELECT \"ArtistId\", \"Name\" FROM \"Artist\"")) {
        while (r.next()) {
          artists.put(r.getInt(1), r.getString(2) == null ? "Unknown artist" : r.getString(2));
        }
      }
      return new ChinookData(Map.copyOf(artists), albums(s), tracks(s), playlists(s));
    }
  }

  private static List<Album> albums(Statement s) throws SQLException {
    List<Album> albums = new ArrayList<>();
    try (ResultSet r = s.executeQuery("SELECT \"AlbumId\", \"Title\", \"ArtistId\" FROM \"Album\" ORDER BY 1")) {
      while (r.next()) {
        albums.add(new Album(r.getInt(1), r.getString(2), r.getInt(3)));
      }
    }
    return List.copyOf(albums);
  }

  private static List<Track> tracks(Statement s) throws SQLException {
    List<Track> tracks = new ArrayList<>();
    String sql = "SELECT t.\"TrackId\", t.\"Name\", t.\"AlbumId\", m.\"Name\", g.\"Name\", t.\"Composer\","
        + " t.\"Milliseconds\", t.\"Bytes\" FROM \"Track\" t JOIN \"MediaType\" m ON m.\"MediaTypeId\" = t.\"MediaTypeId\""
        + " LEFT JOIN \"Genre\" g ON g.\"GenreId\" = t.\"GenreId\" ORDER BY 1";
    try (ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        tracks.add(new Track(r.getInt(1), r.getString(2), r.getInt(3), VIDEO_MEDIA_TYPE.equals(r.getString(4)),
            r.getString(5), r.getString(6), r.getInt(7), r.getInt(8)));
      }
    }
    return List.copyOf(tracks);
  }

  private static List<Playlist> playlists(Statement s) throws SQLException {
    Map<Integer, List<Integer>> members = new HashMap<>();
    try (ResultSet r = s.executeQuery("SELECT \"PlaylistId\", \"TrackId\" FROM \"PlaylistTrack\" ORDER BY 1, 2")) {
      while (r.next()) {
        members.computeIfAbsent(r.getInt(1), k -> new ArrayList<>()).add(r.getInt(2));
      }
    }
    List<Playlist> playlists = new ArrayList<>();
    try (ResultSet r = s.executeQuery("SELECT \"PlaylistId\", \"Name\" FROM \"Playlist\" ORDER BY 1")) {
      while (r.next()) {
        playlists.add(new Playlist(r.getInt(1), r.getString(2), List.copyOf(members.getOrDefault(r.getInt(1), List.of()))));
      }
    }
    return List.copyOf(playlists);
  }
}
