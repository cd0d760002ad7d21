package io.playgate.gateway.testing;

import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Subsonic server for integration tests: Debian's {@code supysonic} (API 1.10.2) served by
 * {@code supysonic-server} (waitress) on a free loopback port, over a temporary library built from the demo
 * catalogue's real media files.
 *
 * <p>The library: album "Frets on Fire songs" by "Sectoid" (three tracks, a {@code cover.jpg}), and album
 * "Songs by Muldjord" by {@link #ODD_ARTIST} (two tracks, no cover art); each file re-tagged with ffmpeg (title,
 * artist, album, track number). Two playlists made through the API: {@value #PUBLIC_PLAYLIST} (public) and
 * {@value #PRIVATE_PLAYLIST} (not public). User {@value #USER} / {@value #PASSWORD}. {@code stream?format=opus}
 * transcodes with ffmpeg (libopus, 64 kbit/s). The temporary folder holds
 * {@code supysonic.conf}, the SQLite database, the server's log ({@code server.log}) and the library.
 *
 * <pre>{@code
 * @RegisterExtension @Order(1) static final Supysonic supysonic = new Supysonic();
 * @RegisterExtension @Order(2) static final GatewayExtension gateway = GatewayExtension.embedded()
 *     .with("hub.mode", "subsonic").with("hub.subsonic.url", supysonic::url) ...;
 * }</pre>
 * Needs {@code supysonic}, {@code python3-waitress} and {@code ffmpeg} (Debian packages; {@code .ci/run} installs
 * them).
 */
public final class Supysonic implements BeforeAllCallback, AfterAllCallback {

  /** The Subsonic user. */
  public static final String USER = "alice";
  /** Its password. */
  public static final String PASSWORD = "s3cret-Pa55";
  /** An artist name that needs escaping in HTML, XML and JSON, with non-ASCII letters. */
  public static final String ODD_ARTIST = "Muldjord & Ærø <muldjord@example.org>";
  /** The public playlist's name. */
  public static final String PUBLIC_PLAYLIST = "Playgate mix";
  /** The non-public playlist's name. */
  public static final String PRIVATE_PLAYLIST = "Alice's own mix";

  /** One track of the library: demo file, title, artist, album, track number, album folder. */
  public record Track(String demoFile, String title, String artist, String album, int number, String folder) {
  }

  /** The tracks, in album order. */
  public static final List<Track> TRACKS = List.of(
      new Track("sectoid-metal-madness.mp3", "Metal Madness", "Sectoid", "Frets on Fire songs", 1, "Sectoid/FoF"),
      new Track("sectoid-feelings.mp3", "Feelings", "Sectoid", "Frets on Fire songs", 2, "Sectoid/FoF"),
      new Track("sectoid-war-of-freedom.mp3", "War of Freedom", "Sectoid", "Frets on Fire songs", 3, "Sectoid/FoF"),
      new Track("muldjord-armygeddon.mp3", "Armygeddon", ODD_ARTIST, "Songs by Muldjord", 1, "Muldjord/Songs"),
      new Track("muldjord-chaos-god.mp3", "Chaos God", ODD_ARTIST, "Songs by Muldjord", 2, "Muldjord/Songs"));

  private static final Duration BOOT_BOUND = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Path dir;
  private int port;
  private Process server;
  private final Map<String, String> songIds = new LinkedHashMap<>();
  private final Map<String, String> albumIds = new LinkedHashMap<>();
  private final Map<String, String> playlistIds = new LinkedHashMap<>();

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("playgate-supysonic");
    buildLibrary();
    writeConfig();
    cli("user", "add", USER, "-p", PASSWORD);
    cli("folder", "add", "music", dir.resolve("library").toString());
    cli("folder", "scan", "music");
    port = freePort();
    start();
    readIds();
    makePlaylists();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** @return the server's base URL, e.g. {@code http://127.0.0.1:41234} (the Subsonic API is under {@code /rest}) */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** @return the port the server listens on (again after {@link #start()}) */
  public int port() {
    return port;
  }

  /**
   * @param title a track title of {@link #TRACKS}
   * @return the server's id of that song (a UUID)
   */
  public String songId(String title) {
    return require(songIds, title);
  }

  /**
   * @param name an album name
   * @return the server's id of that album (a UUID)
   */
  public String albumId(String name) {
    return require(albumIds, name);
  }

  /**
   * @param name {@link #PUBLIC_PLAYLIST} or {@link #PRIVATE_PLAYLIST}
   * @return the server's id of that playlist (a UUID)
   */
  public String playlistId(String name) {
    return require(playlistIds, name);
  }

  /**
   * @param title a track title of {@link #TRACKS}
   * @return the file the server streams for it, as tagged in the library
   */
  public Path file(String title) {
    Track t = TRACKS.stream().filter(x -> x.title().equals(title)).findFirst().orElseThrow();
    return dir.resolve("library").resolve(t.folder()).resolve(fileName(t));
  }

  /** @return what the server printed so far */
  public String log() throws IOException {
    return Files.readString(dir.resolve("server.log"));
  }

  /**
   * Starts {@code supysonic-server} on {@link #port()} and waits until {@code ping} answers (bounded).
   *
   * @throws IOException when the process cannot start
   */
  public void start() throws IOException {
    server = new ProcessBuilder("supysonic-server", "-S", "waitress", "-h", "127.0.0.1", "-p", String.valueOf(port))
        .directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile())).start();
    await().atMost(BOOT_BOUND).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
        .until(() -> "ok".equals(call("ping", Map.of()).getString("status")));
  }

  /** Stops the server and waits (bounded) until it has exited; its port then refuses connections. */
  public void stop() throws InterruptedException {
    if (server == null || !server.isAlive()) {
      return;
    }
    server.destroy();
    if (!server.waitFor(15, TimeUnit.SECONDS)) {
      server.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
    }
  }

  /**
   * One Subsonic API call as a client would make it ({@code p=} clear password, {@code f=json}).
   *
   * @param method e.g. {@code getAlbum}
   * @param params further query parameters
   * @return the {@code subsonic-response} object
   */
  public JsonObject call(String method, Map<String, String> params) throws IOException, InterruptedException {
    StringBuilder q = new StringBuilder(url()).append("/rest/").append(method).append(".view?u=").append(USER)
        .append("&p=").append(enc(PASSWORD)).append("&c=playgate-test&v=1.10.2&f=json");
    params.forEach((k, v) -> q.append('&').append(k).append('=').append(enc(v)));
    HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(q.toString()))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    return new JsonObject(resp.body()).getJsonObject("subsonic-response");
  }

  private void buildLibrary() throws IOException, InterruptedException {
    Path audio = TestGateway.demoCatalog().resolve("media/audio");
    for (Track t : TRACKS) {
      Path folder = Files.createDirectories(dir.resolve("library").resolve(t.folder()));
      run(List.of("ffmpeg", "-v", "error", "-y", "-i", audio.resolve(t.demoFile()).toString(), "-map", "0:a",
          "-c", "copy", "-map_metadata", "-1", "-metadata", "title=" + t.title(), "-metadata", "artist=" + t.artist(),
          "-metadata", "album_artist=" + t.artist(), "-metadata", "album=" + t.album(),
          "-metadata", "track=" + t.number(), folder.resolve(fileName(t)).toString()));
    }
    Files.copy(TestGateway.demoCatalog().resolve("media/art/sectoid-fof-600.jpg"),
        dir.resolve("library/Sectoid/FoF/cover.jpg"));
  }

  private static String fileName(Track t) {
    return String.format("%02d.mp3", t.number());
  }

  private void writeConfig() throws IOException {
    Files.writeString(dir.resolve("supysonic.conf"), String.join("\n",
        "[base]", "database_uri = sqlite:///" + dir.resolve("supysonic.db"), "scanner_extensions = mp3",
        "[webapp]", "cache_dir = " + dir.resolve("cache"), "log_level = WARNING",
        "[daemon]", "socket = " + dir.resolve("daemon.sock"),
        // stream?format=opus: ffmpeg writes Ogg Opus to stdout, which supysonic sends chunked (no Content-Length)
        "[transcoding]", "transcoder_mp3_opus = ffmpeg -v error -i %srcpath -map 0:a -c:a libopus -b:a 64k -f ogg -",
        ""));
  }

  private void readIds() throws IOException, InterruptedException {
    JsonObject list = call("getAlbumList2", Map.of("type", "alphabeticalByName", "size", "500"));
    for (Object a : list.getJsonObject("albumList2").getJsonArray("album")) {
      JsonObject album = (JsonObject) a;
      albumIds.put(album.getString("name"), album.getString("id"));
      JsonArray songs = call("getAlbum", Map.of("id", album.getString("id"))).getJsonObject("album")
          .getJsonArray("song");
      for (Object s : songs) {
        songIds.put(((JsonObject) s).getString("title"), ((JsonObject) s).getString("id"));
      }
    }
    if (songIds.size() != TRACKS.size() || albumIds.size() != 2) {
      throw new IllegalStateException("supysonic scanned " + albumIds + " / " + songIds);
    }
  }

  private void makePlaylists() throws IOException, InterruptedException {
    create(PUBLIC_PLAYLIST, List.of("Feelings", "Armygeddon", "War of Freedom"));
    create(PRIVATE_PLAYLIST, List.of("Chaos God"));
    for (Object p : call("getPlaylists", Map.of()).getJsonObject("playlists").getJsonArray("playlist")) {
      playlistIds.put(((JsonObject) p).getString("name"), ((JsonObject) p).getString("id"));
    }
    call("updatePlaylist", Map.of("playlistId", playlistId(PUBLIC_PLAYLIST), "public", "true"));
  }

  private void create(String name, List<String> titles) throws IOException, InterruptedException {
    StringBuilder songs = new StringBuilder();
    for (String t : titles) {
      songs.append(songs.isEmpty() ? "" : "&songId=").append(songId(t));
    }
    // songId repeats, so this query is written out rather than taken from a map
    JsonObject r = callRaw("createPlaylist", "name=" + enc(name) + "&songId=" + songs);
    if (!"ok".equals(r.getString("status"))) {
      throw new IllegalStateException("createPlaylist: " + r.encode());
    }
  }

  private JsonObject callRaw(String method, String query) throws IOException, InterruptedException {
    String u = url() + "/rest/" + method + ".view?u=" + USER + "&p=" + enc(PASSWORD)
        + "&c=playgate-test&v=1.10.2&f=json&" + query;
    HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(u)).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString());
    return new JsonObject(resp.body()).getJsonObject("subsonic-response");
  }

  private void cli(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("supysonic-cli"));
    cmd.addAll(List.of(args));
    run(cmd);
  }

  private void run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String require(Map<String, String> ids, String key) {
    String id = ids.get(key);
    if (id == null) {
      throw new IllegalArgumentException(key + " not in " + ids.keySet());
    }
    return id;
  }
}
