package io.playgate.widgets;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The share page ({@code /media/{id}}): Open Graph, Twitter player card, oEmbed discovery, structured data and a
 * full-size player.
 *
 * @param player the player to show
 * @param canonicalUrl this page's public URL
 * @param description plain-text description, or {@code null}
 * @param siteName {@code og:site_name}
 * @param ogType Open Graph type, e.g. {@code music.song}, {@code video.other}
 * @param embedUrl the iframe player URL for the Twitter player card
 * @param oembedJsonUrl discovery link, JSON
 * @param oembedXmlUrl discovery link, XML
 * @param firstStream the first playable stream, or {@code null}; kept for callers of the short constructor, the
 *     template lists {@code streams}
 * @param streams every rendition for {@code og:video} (a video) or {@code og:audio} (a track, or an album's or
 *     playlist's first playable audio member), most widely playable first; may be empty
 * @param openGraph the type's own Open Graph properties in order ({@code music:duration}, {@code music:musician},
 *     {@code music:album}, {@code music:song}, {@code video:duration}, …); may be empty
 * @param author the artist's name for {@code <meta name="author">}, or {@code null}
 * @param summary plain text for {@code og:description}, {@code twitter:description} and the {@code description}
 *     meta: the hub's description, or a line built from the kind, artist and duration; never empty
 * @param structuredData the page's one JSON-LD block (schema.org), already escaped for a {@code <script>} element,
 *     or {@code null}
 * @param card the social card ({@code og:image}, {@code twitter:image}), or {@code null} to name the player's
 *     artwork there instead
 */
public record SharePageView(PlayerView player, String canonicalUrl, @Nullable String description, String siteName,
    String ogType, String embedUrl, String oembedJsonUrl, String oembedXmlUrl,
    PlayerView.@Nullable Source firstStream, List<PlayerView.Source> streams, List<Meta> openGraph,
    @Nullable String author, String summary, @Nullable ScriptJson structuredData, PlayerView.@Nullable Image card) {

  /** A share page without a social card: {@code og:image} names the player's artwork. */
  public SharePageView(PlayerView player, String canonicalUrl, @Nullable String description, String siteName,
      String ogType, String embedUrl, String oembedJsonUrl, String oembedXmlUrl,
      PlayerView.@Nullable Source firstStream, List<PlayerView.Source> streams, List<Meta> openGraph,
      @Nullable String author, String summary, @Nullable ScriptJson structuredData) {
    this(player, canonicalUrl, description, siteName, ogType, embedUrl, oembedJsonUrl, oembedXmlUrl, firstStream,
        streams, openGraph, author, summary, structuredData, null);
  }

  /** A share page with only the first stream, no type-specific Open Graph properties and no structured data. */
  public SharePageView(PlayerView player, String canonicalUrl, @Nullable String description, String siteName,
      String ogType, String embedUrl, String oembedJsonUrl, String oembedXmlUrl,
      PlayerView.@Nullable Source firstStream) {
    this(player, canonicalUrl, description, siteName, ogType, embedUrl, oembedJsonUrl, oembedXmlUrl, firstStream,
        firstStream == null ? List.of() : List.of(firstStream), List.of(), null,
        description == null ? player.title() : description, null, null);
  }

  /**
   * One {@code <meta property content>} pair of the Open Graph protocol (https://ogp.me/).
   *
   * @param property e.g. {@code music:duration}
   * @param content plain text (the template escapes it), e.g. {@code 70} or an absolute URL
   */
  public record Meta(String property, String content) {
  }
}
