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
 * @param related link lists under the player, in order: an album's or playlist's tracks, "on this album", "more
 *     from this artist"; may be empty
 * @param embed the Embed panel, or {@code null} when the item may not be embedded (the page then says so)
 */
public record SharePageView(PlayerView player, String canonicalUrl, @Nullable String description, String siteName,
    String ogType, String embedUrl, String oembedJsonUrl, String oembedXmlUrl,
    PlayerView.@Nullable Source firstStream, List<PlayerView.Source> streams, List<Meta> openGraph,
    @Nullable String author, String summary, @Nullable ScriptJson structuredData, PlayerView.@Nullable Image card,
    List<LinkList> related, @Nullable EmbedPanel embed) {

  /** A share page without related links and without an Embed panel. */
  public SharePageView(PlayerView player, String canonicalUrl, @Nullable String description, String siteName,
      String ogType, String embedUrl, String oembedJsonUrl, String oembedXmlUrl,
      PlayerView.@Nullable Source firstStream, List<PlayerView.Source> streams, List<Meta> openGraph,
      @Nullable String author, String summary, @Nullable ScriptJson structuredData, PlayerView.@Nullable Image card) {
    this(player, canonicalUrl, description, siteName, ogType, embedUrl, oembedJsonUrl, oembedXmlUrl, firstStream,
        streams, openGraph, author, summary, structuredData, card, List.of(), null);
  }

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
   * A titled list of links to other pages, e.g. an album's tracks.
   *
   * @param key a stable name of the list ({@code tracks}, {@code album}, {@code artist}), used for element ids and
   *     classes; {@code [a-z]+}
   * @param heading the list's heading, plain text
   * @param headingUrl where the heading links to (e.g. the album's share page), or {@code null}
   * @param numbered whether the order means something (a track list) rather than a loose set
   * @param links the links, in order; never empty
   */
  public record LinkList(String key, String heading, @Nullable String headingUrl, Numbering numbered,
      List<Link> links) {
  }

  /** Whether a {@link LinkList}'s order is its content (an ordered list) or not. */
  public enum Numbering {
    /** An ordered list: a track list. */
    ORDERED,
    /** An unordered set of links. */
    UNORDERED
  }

  /**
   * One link of a {@link LinkList}.
   *
   * @param url absolute http(s) URL
   * @param text the link text, plain text
   * @param detail a muted note after it (artist, duration), plain text, or {@code null}
   * @param target what it points at, relative to the page showing it
   */
  public record Link(String url, String text, @Nullable String detail, Target target) {
  }

  /** What a {@link Link} points at, relative to the page showing it. */
  public enum Target {
    /** Another page of the gateway. */
    OTHER_PAGE,
    /** This very page: shown as {@code aria-current="page"}, not as a link. */
    THIS_PAGE,
    /** A page on the hub's site ({@code rel="noopener"}). */
    HUB_PAGE
  }

  /**
   * The Embed panel: the ready {@code <iframe>} snippet and the choices that change it. The snippet is the oEmbed
   * {@code html} for the default choices; {@code share.js} replaces it with the oEmbed {@code html} the gateway
   * answers for the chosen ones, so the page never builds a snippet of its own.
   *
   * @param snippet the oEmbed {@code html} for the first size and the default options, exactly as {@code /oembed}
   *     answers it
   * @param oembedUrl the JSON oEmbed URL for this page without player options ({@code /oembed?url=…&format=json}),
   *     to which the script appends the chosen options
   * @param sizes the size choices, the default first; never empty
   * @param startAtCurrentTime whether the "start at the current time" choice is offered (a track or video)
   */
  public record EmbedPanel(String snippet, String oembedUrl, List<SizeChoice> sizes, boolean startAtCurrentTime) {
  }

  /**
   * One size choice of the Embed panel.
   *
   * @param query the oEmbed parameters it adds, e.g. {@code layout=large} or {@code maxwidth=640}; empty for the
   *     player's natural size
   * @param label what people read, e.g. {@code Large, 560 × 352}
   */
  public record SizeChoice(String query, String label) {
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
