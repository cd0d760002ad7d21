package io.playgate.gateway.preview;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import java.net.http.HttpResponse;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The share pages' link lists on the demo catalogue, parsed as a browser parses them (jsoup): an album's and a
 * playlist's track list linking every member's share page, a track's "on this album" (its own row marked as the
 * current page, not linked) read through the cache from its album, and "more from this artist" (the album and the
 * artist's page on the hub); members the player leaves out (private, unlisted, not embeddable, territory-limited) are
 * not linked either.
 */
class ShareRelatedLinksIT {

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded().demoCatalog();

  private static Document page(String id) {
    HttpResponse<String> r = Http.get(gateway.base() + "/media/" + id);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Jsoup.parse(r.body(), gateway.base());
  }

  private static Element list(Document d, String key) {
    Element section = d.selectFirst("section.pg-related-" + key);
    assertThat(section).as("section %s in %s", key, d.location()).isNotNull();
    return section;
  }

  private static List<String> hrefs(Element section) {
    return section.select(".pg-related-list a").eachAttr("abs:href");
  }

  private String share(String id) {
    return gateway.base() + "/media/" + id;
  }

  @Test
  void albumListsItsTracksInOrderWithLinksToTheirPages() {
    Element tracks = list(page("sectoid-fof"), "tracks");
    assertThat(tracks.selectFirst("h2").text()).isEqualTo("Tracks on this album");
    assertThat(tracks.selectFirst("ol")).isNotNull();
    assertThat(hrefs(tracks)).containsExactly(share("sectoid-escape-from-chaosland"), share("sectoid-feelings"),
        share("sectoid-metal-madness"), share("sectoid-war-of-freedom"));
    assertThat(tracks.select("li").get(1).text()).isEqualTo("Feelings 1:10");
    // each linked page answers
    for (String href : hrefs(tracks)) {
      assertThat(Http.get(href).statusCode()).as(href).isEqualTo(200);
    }
  }

  @Test
  void playlistListsEveryMemberWithItsArtist() {
    Element tracks = list(page("playgate-demo-mix"), "tracks");
    assertThat(tracks.selectFirst("h2").text()).isEqualTo("In this playlist");
    assertThat(hrefs(tracks)).hasSize(8).startsWith(share("sectoid-feelings"), share("french-grand-prix-1906"))
        .endsWith(share("sectoid-war-of-freedom"));
    assertThat(tracks.select("li").get(0).selectFirst(".pg-related-detail").text()).startsWith("Sectoid · ");
    // a playlist names no single artist: no "more from"
    assertThat(page("playgate-demo-mix").select("section.pg-related-artist")).isEmpty();
  }

  @Test
  void trackShowsItsAlbumWithItselfMarkedAndMoreFromTheArtist() {
    Document d = page("muldjord-chaos-god");
    Element album = list(d, "album");
    assertThat(album.selectFirst("h2").text()).isEqualTo("On this album: Songs by Muldjord");
    assertThat(album.selectFirst("h2 a").attr("abs:href")).isEqualTo(share("muldjord-fof"));
    assertThat(hrefs(album)).containsExactly(share("muldjord-armygeddon"), share("muldjord-internal-degeneration"),
        share("muldjord-mutilated-mime"));
    Element here = album.selectFirst("[aria-current=page]");
    assertThat(here.text()).isEqualTo("Chaos God");
    assertThat(album.select("li").indexOf(here.parent())).isEqualTo(1);

    Element more = list(d, "artist");
    assertThat(more.selectFirst("h2").text()).isEqualTo("More from Muldjord");
    assertThat(more.selectFirst("ul")).isNotNull();
    assertThat(hrefs(more)).containsExactly(share("muldjord-fof"), "http://www.muldjord.com/");
    assertThat(more.select("a[href^=http://www.muldjord.com]").attr("rel")).isEqualTo("noopener");
  }

  @Test
  void itemsWithoutAlbumOrArtistPageHaveNoSuchLists() {
    Document video = page("big-buck-bunny");
    assertThat(video.select("section.pg-related-tracks, section.pg-related-album")).isEmpty();
    // a track off any album: no album list
    assertThat(page("renich-to-be-happy").select("section.pg-related-album")).isEmpty();
  }

  @Test
  void albumMembersTheHubDoesNotListPubliclyAreNotLinked() {
    // the demo's private, unlisted, not-embeddable and territory-limited tracks are on no public list
    for (String id : List.of("sectoid-fof", "muldjord-fof", "playgate-demo-mix", "sectoid-feelings")) {
      Document d = page(id);
      assertThat(d.select(".pg-related a").eachAttr("href"))
          .noneMatch(h -> h.contains("-private") || h.contains("-unlisted") || h.contains("-no-embed")
              || h.contains("-de-at"));
    }
  }
}
