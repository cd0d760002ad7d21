package io.playgate.loadtests;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

/**
 * One of the eight cached answers the gateway keeps per media item and a simulation asks for: oEmbed in JSON and XML
 * at three {@code maxwidth} values (oEmbed 1.0, section 2.2, https://oembed.com/#section2.2), the player
 * ({@code /embed/{id}}) and the share page ({@code /media/{id}}).
 *
 * @param name the request name in Gatling's report (one line per route, not per id)
 * @param path the path and query, relative to the gateway's base URL
 */
record Variant(String name, String path) {

  /** The three {@code maxwidth} values asked for, in CSS pixels. */
  static final List<Integer> MAX_WIDTHS = List.of(320, 480, 640);

  /**
   * The eight variants of one id, oEmbed first.
   *
   * @param publicBaseUrl the gateway's public base URL, without a trailing slash: the {@code url=} of an oEmbed
   *     request is {@code publicBaseUrl + "/media/" + id}
   * @param id a media id of the catalogue
   */
  static List<Variant> of(String publicBaseUrl, String id) {
    String url = URLEncoder.encode(publicBaseUrl + "/media/" + id, StandardCharsets.UTF_8);
    Stream<Variant> oembed = MAX_WIDTHS.stream().flatMap(width -> Stream.of("json", "xml")
        .map(format -> new Variant("oembed " + format,
            "/oembed?url=" + url + "&format=" + format + "&maxwidth=" + width)));
    return Stream.concat(oembed, Stream.of(new Variant("embed", "/embed/" + id), new Variant("media", "/media/" + id)))
        .toList();
  }
}
