package io.playgate.gateway.subsonic;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.Supysonic;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code hub.mode: subsonic} against a real Subsonic server (Debian's supysonic 0.7.2, {@link Supysonic}): the
 * library's songs, albums and playlists through oEmbed, the player and the share page, and their media through the
 * proxy, with Range as the server answers it. Quirks the real server shows here: error code 70 for an unknown id and
 * code 0 for an id it cannot parse, token authentication refused with code 10 (so {@code enc:}), UUID ids beside
 * integer cover-art ids, an album without {@code coverArt}, an artist needing escaping, a transcoded stream sent
 * chunked without {@code Content-Length}.
 */
class SubsonicIT {

  private static final String SIGNING_SECRET = "subsonic-signing-secret-0123456789";

  @RegisterExtension
  @Order(1)
  static final Supysonic supysonic = new Supysonic();

  @RegisterExtension
  @Order(2)
  static final GatewayExtension gateway = GatewayExtension.embedded().with("hub.mode", "subsonic")
      .with("hub.subsonic.url", supysonic::url).with("hub.subsonic.user", Supysonic.USER)
      .with("hub.subsonic.password", Supysonic.PASSWORD).with("hub.subsonic.formats", "[\"opus\"]")
      .with("partners.signingSecret", SIGNING_SECRET);

  /** Everything the gateway sent in this class: status line, headers and body of each answer. */
  private static final List<String> SENT = new ArrayList<>();

  private static HttpResponse<String> get(String pathAndQuery, String... headers) {
    HttpResponse<String> r = Http.get(gateway.base() + pathAndQuery, headers);
    SENT.add(r.statusCode() + " " + r.headers().map() + "\n" + r.body());
    return r;
  }

  private static HttpResponse<byte[]> bytes(String url, String... headers) {
    HttpResponse<byte[]> r = Http.getBytes(url, headers);
    SENT.add(r.statusCode() + " " + r.headers().map());
    return r;
  }

  private static String oembed(String id, String more) {
    return "/oembed?url=" + URLEncoder.encode(gateway.base() + "/media/" + id, StandardCharsets.UTF_8) + more;
  }

  private static String song(String title) {
    return "s-" + supysonic.songId(title);
  }

  @Test
  void aSongIsATrackWithItsTagsDurationArtworkAndProxiedStreams() {
    HttpResponse<String> r = get(oembed(song("Feelings"), ""));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject o = Http.json(r);
    assertThat(o.getString("title")).isEqualTo("Feelings");
    assertThat(o.getString("author_name")).isEqualTo("Sectoid");
    // the thumbnail is the gateway's scaled artwork, drawn from the art the proxy relays
    assertThat(o.getString("thumbnail_url")).startsWith(gateway.base() + "/artwork/" + song("Feelings") + "/");
    HttpResponse<byte[]> thumbnail = bytes(o.getString("thumbnail_url"));
    assertThat(thumbnail.statusCode()).isEqualTo(200);
    assertThat(thumbnail.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/"));

    String artUrl = gateway.cache().peek(song("Feelings")).artwork().get(0).url();
    assertThat(artUrl).startsWith(gateway.base() + "/subsonic/art/" + song("Feelings") + "/");
    HttpResponse<byte[]> art = bytes(artUrl);
    assertThat(art.statusCode()).isEqualTo(200);
    assertThat(art.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(art.headers().firstValue("Cache-Control")).hasValue("public, max-age=86400");
    assertThat(art.body()).startsWith(0xFF, 0xD8);

    String embed = get("/embed/" + song("Feelings")).body();
    assertThat(embed).contains(gateway.base() + "/subsonic/stream/" + song("Feelings") + "/original")
        .contains(gateway.base() + "/subsonic/stream/" + song("Feelings") + "/opus").contains("1:10");
  }

  @Test
  void oEmbedXmlAndTheSharePageEscapeTheArtist() {
    HttpResponse<String> xml = get(oembed(song("Armygeddon"), "&format=xml"));
    assertThat(xml.statusCode()).isEqualTo(200);
    assertThat(xml.body()).contains("<author_name>Muldjord &amp; Ærø &lt;muldjord@example.org&gt;</author_name>")
        .doesNotContain("<thumbnail_url>");
    HttpResponse<String> page = get("/media/" + song("Armygeddon"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Muldjord &amp; Ærø &lt;muldjord@example.org&gt;")
        .doesNotContain("<muldjord@example.org>");
  }

  @Test
  void anAlbumListsItsSongsInOrder() {
    String id = "a-" + supysonic.albumId("Frets on Fire songs");
    JsonObject o = Http.json(get(oembed(id, "")));
    assertThat(o.getString("title")).isEqualTo("Frets on Fire songs");
    assertThat(gateway.cache().peek(id).artwork().get(0).url()).contains("/subsonic/art/" + id + "/");
    String player = get("/embed/" + id).body();
    int a = player.indexOf("Metal Madness");
    int b = player.indexOf("Feelings");
    int c = player.indexOf("War of Freedom");
    assertThat(a).isPositive().isLessThan(b);
    assertThat(b).isLessThan(c);
    assertThat(get("/media/" + id).statusCode()).isEqualTo(200);
    JsonObject noArt = Http.json(get(oembed("a-" + supysonic.albumId("Songs by Muldjord"), "")));
    assertThat(noArt.containsKey("thumbnail_url")).as("an album without coverArt has no thumbnail").isFalse();
  }

  @Test
  void aPublicPlaylistPlaysAndAPrivateOneNeedsASignature() {
    String id = "p-" + supysonic.playlistId(Supysonic.PUBLIC_PLAYLIST);
    assertThat(Http.json(get(oembed(id, ""))).getString("title")).isEqualTo(Supysonic.PUBLIC_PLAYLIST);
    String player = get("/embed/" + id).body();
    assertThat(player).contains("Feelings").contains("Armygeddon").contains("War of Freedom");
    assertThat(get("/media/" + id).statusCode()).isEqualTo(200);

    String hidden = "p-" + supysonic.playlistId(Supysonic.PRIVATE_PLAYLIST);
    assertThat(get(oembed(hidden, "")).statusCode()).isEqualTo(401);
    assertThat(get("/embed/" + hidden).statusCode()).isEqualTo(403);
  }

  /** The documented embed signature (docs/partners.md), computed here independently of EmbedSigner. */
  private static String embedSig(String id, long exp) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(("playgate-embed-v1\n" + id + "\n" + exp + "\n")
        .getBytes(StandardCharsets.UTF_8)));
  }

  /** The proxy URLs of a page, HTML entities decoded. */
  private static List<String> proxyUrls(String html) {
    Matcher m = Pattern.compile(Pattern.quote(gateway.base()) + "/subsonic/(stream|art)/[^\"'\\s<>\\\\]+").matcher(html);
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group().replace("&amp;", "&"));
    }
    return found;
  }

  @Test
  void aPrivatePlaylistsSignedPageGivesProxyUrlsThatPlayAndRefuseTampering() throws Exception {
    String id = "p-" + supysonic.playlistId(Supysonic.PRIVATE_PLAYLIST);
    long exp = Instant.now().getEpochSecond() + 600;
    HttpResponse<String> page = get("/embed/" + id + "?exp=" + exp + "&sig=" + embedSig(id, exp));
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains("Chaos God");
    List<String> urls = proxyUrls(page.body());
    String stream = urls.stream().filter(u -> u.contains("/subsonic/stream/" + song("Chaos God") + "/original"))
        .findFirst().orElseThrow(() -> new AssertionError("no original stream of Chaos God in " + urls));

    byte[] file = Files.readAllBytes(supysonic.file("Chaos God"));
    HttpResponse<byte[]> part = bytes(stream, "Range", "bytes=1000-1999");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + file.length);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(file, 1000, 2000));

    // a Subsonic song has no visibility of its own: its stream URLs are unsigned even in a private playlist's page,
    // and the page's own embed signature is no key to them
    assertThat(stream).doesNotContain("?");
    assertThat(bytes(stream + "?exp=" + exp + "&sig=" + embedSig(id, exp), "Range", "bytes=1000-1999").statusCode())
        .as("the embed signature on a proxy path").isEqualTo(403);
    assertThat(bytes(stream + "?exp=" + (exp + 1) + "&sig=" + embedSig(id, exp)).statusCode()).as("expiry moved")
        .isEqualTo(403);
    assertThat(bytes(stream + "?exp=" + exp).statusCode()).as("expiry without a signature").isEqualTo(403);
    // and the page itself needs its signature
    assertThat(get("/embed/" + id + "?exp=" + (exp + 1) + "&sig=" + embedSig(id, exp)).statusCode()).isEqualTo(403);
  }

  @Test
  void headOnTheProxyAnswersAsGetWithoutABody() throws Exception {
    String stream = "/subsonic/stream/" + song("Feelings") + "/original";
    HttpResponse<byte[]> get = bytes(gateway.base() + stream, "Range", "bytes=1000-1999");
    Http.Raw head = head(stream, "Range: bytes=1000-1999");
    assertThat(head.status()).isEqualTo(get.statusCode()).isEqualTo(206);
    for (String name : List.of("Content-Type", "Content-Length", "Content-Range", "Accept-Ranges", "Cache-Control")) {
      assertThat(head.headers().get(name.toLowerCase(Locale.ROOT))).as("HEAD " + name)
          .isEqualTo(get.headers().firstValue(name).orElse(null));
    }
    assertThat(head.headers().get("content-length")).isEqualTo("1000");
    assertThat(head.body()).as("HEAD stream body").isEmpty();

    // a transcoded stream is chunked until supysonic has cached the transcode: its HEAD names no length or the
    // cached one, never 0 (which would tell a player the stream is empty)
    Http.Raw opus = head("/subsonic/stream/" + song("Metal Madness") + "/opus", "Accept: */*");
    assertThat(opus.status()).isEqualTo(200);
    assertThat(opus.headers().get("content-type")).isEqualTo("audio/ogg");
    assertThat(opus.headers().get("content-length")).isNotEqualTo("0");
    assertThat(opus.body()).as("HEAD opus body").isEmpty();

    String art = gateway.cache().peek(song("Feelings")).artwork().get(0).url().substring(gateway.base().length());
    HttpResponse<byte[]> getArt = bytes(gateway.base() + art);
    Http.Raw headArt = head(art, "Accept: */*");
    assertThat(headArt.status()).isEqualTo(getArt.statusCode()).isEqualTo(200);
    for (String name : List.of("Content-Type", "Cache-Control", "Content-Security-Policy")) {
      assertThat(headArt.headers().get(name.toLowerCase(Locale.ROOT))).as("HEAD art " + name)
          .isEqualTo(getArt.headers().firstValue(name).orElse(null));
    }
    assertThat(headArt.headers().get("content-length")).isEqualTo(Integer.toString(getArt.body().length));
    assertThat(headArt.body()).as("HEAD art body").isEmpty();
  }

  /** A {@code HEAD} over a raw socket read to its close, so a body sent after the head would show. */
  private static Http.Raw head(String target, String header) throws Exception {
    URI uri = URI.create(gateway.base());
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      String req = "HEAD " + target + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n" + header
          + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(req.getBytes(StandardCharsets.ISO_8859_1));
      String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      SENT.add(all);
      int split = all.indexOf("\r\n\r\n");
      String[] lines = all.substring(0, split).split("\r\n");
      Map<String, String> headers = new HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int c = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
      }
      return new Http.Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, all.substring(split + 4));
    }
  }

  @Test
  void theStartPageListsAlbumsAndPublicPlaylists() {
    String page = get("/").body();
    assertThat(page).contains("Frets on Fire songs").contains("Songs by Muldjord").contains(Supysonic.PUBLIC_PLAYLIST)
        .doesNotContain("Alice&#39;s own mix").doesNotContain(Supysonic.PRIVATE_PLAYLIST);
  }

  @Test
  void rangesAreTheFilesBytes() throws Exception {
    byte[] file = Files.readAllBytes(supysonic.file("Feelings"));
    String url = gateway.base() + "/subsonic/stream/" + song("Feelings") + "/original";

    HttpResponse<byte[]> part = bytes(url, "Range", "bytes=1000-1999");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + file.length);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(file, 1000, 2000));

    HttpResponse<byte[]> suffix = bytes(url, "Range", "bytes=-500");
    assertThat(suffix.statusCode()).isEqualTo(206);
    assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(file, file.length - 500, file.length));

    assertThat(bytes(url, "Range", "bytes=" + (file.length + 10) + "-").statusCode()).isEqualTo(416);

    HttpResponse<byte[]> whole = bytes(url);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
    assertThat(whole.body()).isEqualTo(file);
  }

  @Test
  void aTranscodedStreamHasNoLengthAndIsRelayedChunked() {
    HttpResponse<byte[]> opus = bytes(gateway.base() + "/subsonic/stream/" + song("War of Freedom") + "/opus");
    assertThat(opus.statusCode()).isEqualTo(200);
    assertThat(opus.headers().firstValue("Content-Type")).hasValue("audio/ogg");
    assertThat(opus.headers().firstValue("Content-Length")).as("supysonic transcodes as it sends").isEmpty();
    assertThat(opus.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
    assertThat(new String(opus.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("OggS");
    assertThat(opus.body().length).as("70 s at 64 kbit/s").isGreaterThan(300_000);
  }

  @Test
  void theProxyServesOnlyWhatAnItemListsAndRefusesBadSignatures() {
    String stream = "/subsonic/stream/" + song("Feelings") + "/original";
    assertThat(get(stream + "?exp=4102444800&sig=00ff").statusCode()).as("tampered signature").isEqualTo(403);
    assertThat(get(stream + "?exp=1").statusCode()).as("expiry without signature").isEqualTo(403);
    assertThat(get("/subsonic/stream/" + song("Feelings") + "/flac").statusCode()).as("unlisted format")
        .isEqualTo(404);
    assertThat(get("/subsonic/art/" + song("Feelings") + "/1").statusCode()).as("art the item does not list")
        .isEqualTo(404);
    assertThat(get("/subsonic/stream/a-" + supysonic.albumId("Frets on Fire songs") + "/original").statusCode())
        .isEqualTo(404);
  }

  @Test
  void unknownIdsAre404() {
    assertThat(get(oembed("s-00000000-0000-0000-0000-000000000000", "")).statusCode()).as("code 70").isEqualTo(404);
    assertThat(get("/media/s-not-a-uuid").statusCode()).as("code 0").isEqualTo(404);
    assertThat(get("/embed/x-unknown").statusCode()).as("no Subsonic id").isEqualTo(404);
    assertThat(get("/subsonic/stream/s-00000000-0000-0000-0000-000000000000/original").statusCode()).isEqualTo(404);
  }

  @Test
  void readinessReportsTheServer() {
    JsonObject ready = Http.json(get("/health/ready"));
    assertThat(ready.encode()).contains("\"hub\":\"up\"").contains("\"subsonic\":\"up\"");
  }

  /** Runs after the tests above and reads everything they were sent. */
  @AfterAll
  static void noCredentialAnywhere() {
    Pattern credential = Pattern.compile("[?&;](u|p|t|s|c|v)=");
    for (String answer : SENT) {
      Matcher m = credential.matcher(answer);
      assertThat(m.find()).as("a Subsonic parameter in %s", answer.substring(0, Math.min(400, answer.length())))
          .isFalse();
      assertThat(answer).doesNotContain(Supysonic.PASSWORD).doesNotContain("enc:")
          .doesNotContain(":" + supysonic.port() + "/").doesNotContain("/rest/");
    }
    assertThat(SENT).hasSizeGreaterThan(20);
  }
}
