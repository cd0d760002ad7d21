package io.playgate.gateway.view;

import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.MediaKind;
import io.playgate.widgets.PlayerOptions;
import io.playgate.widgets.PlayerSize;
import io.playgate.widgets.Templates;
import org.jspecify.annotations.Nullable;

/**
 * The one place an embed snippet is built: the {@code <iframe>} that oEmbed answers as {@code html} (oEmbed 1.0
 * §2.3.4) and that a share page offers for copying, for one MediaItem, player options and the consumer's box.
 * Sizes: a video keeps its aspect ratio and rounds the scaled side down; an audio player clamps each side; a large
 * album or playlist player grows into the height {@code maxheight} allows, up to all its rows. The snippet is
 * responsive ({@code max-width:100%}; a video also {@code aspect-ratio}) with no stylesheet of the host's.
 * Thread-safe; CPU-only.
 */
public final class EmbedSnippets {

  private final PlayerViews views;
  private final Templates templates;

  /**
   * The consumer's box, oEmbed 1.0 §2.2 {@code maxwidth}/{@code maxheight}: the snippet never exceeds it.
   *
   * @param maxWidth px, {@code >= 1}, or {@code null} for no limit
   * @param maxHeight px, {@code >= 1}, or {@code null} for no limit
   */
  public record Box(@Nullable Integer maxWidth, @Nullable Integer maxHeight) {
    /** No limit on either side: the player's natural size. */
    public static final Box NONE = new Box(null, null);
  }

  /**
   * One snippet.
   *
   * @param html exactly one {@code <iframe>}, without surrounding white space
   * @param src the iframe's absolute {@code src}: {@code {publicBaseUrl}/embed/{id}} with the options as query
   * @param size the iframe's {@code width}/{@code height} in px
   */
  public record Snippet(String html, String src, PlayerSize size) {
  }

  /**
   * @param views the gateway's public URLs, and the rows a list player shows
   * @param templates renders the iframe
   */
  public EmbedSnippets(PlayerViews views, Templates templates) {
    this.views = views;
    this.templates = templates;
  }

  /**
   * @param item the MediaItem
   * @param requested the player options asked for
   * @param box the consumer's box
   * @param partner the calling partner's name ({@code [a-z0-9-]}), carried as {@code partner=<name>} in the
   *     {@code src} so the player page takes the partner's {@code frame-ancestors}; {@code null} for none
   * @return the snippet; its size may be below {@link #minimum(MediaItem)}: callers refuse those
   */
  public Snippet snippet(MediaItem item, PlayerOptions requested, Box box, @Nullable String partner) {
    PlayerSize size = size(item, requested, box);
    String src = views.embedUrl(item.id(), options(item, requested, box));
    if (partner != null) {
      src += (src.contains("?") ? "&" : "?") + "partner=" + partner;
    }
    String title = item.artist() == null ? item.title() : item.title() + " – " + item.artist().name();
    String html = item.kind() == MediaKind.VIDEO ? templates.videoIframe(src, size, title)
        : templates.iframe(src, size, title);
    return new Snippet(html, src, size);
  }

  /**
   * The iframe's size: the player's natural size for its layout, fitted inside the box (oEmbed 1.0 §2.2: never
   * larger). A large album or playlist player given a {@code maxheight} takes the height that shows all its rows
   * ({@link PlayerSize#listShowingAllRows(int)}), or {@code maxheight} when that is less.
   *
   * @param item the MediaItem
   * @param requested the player options asked for
   * @param box the consumer's box
   * @return the size in px; it may be below {@link #minimum(MediaItem)}
   */
  public PlayerSize size(MediaItem item, PlayerOptions requested, Box box) {
    if (item.kind() == MediaKind.VIDEO) {
      return PlayerViews.naturalSize(item).clamp(box.maxWidth(), box.maxHeight(), true);
    }
    PlayerOptions options = options(item, requested, box);
    PlayerSize natural = PlayerViews.naturalSize(item, options.layout());
    if (item.kind().isCollection() && box.maxHeight() != null && options.layout() == PlayerOptions.Layout.LARGE) {
      natural = PlayerSize.listShowingAllRows(views.rowCount(item));
    }
    return natural.clamp(box.maxWidth(), box.maxHeight(), false);
  }

  /**
   * @param item the MediaItem
   * @return the smallest usable player of its kind: {@link PlayerSize#VIDEO_MINIMUM} for a video, else
   *     {@link PlayerSize#AUDIO_MINIMUM}
   */
  public static PlayerSize minimum(MediaItem item) {
    return item.kind() == MediaKind.VIDEO ? PlayerSize.VIDEO_MINIMUM : PlayerSize.AUDIO_MINIMUM;
  }

  /**
   * @return the options the iframe {@code src} carries: as requested, and for an audio or list player without a
   *     {@code layout} but with a {@code maxheight}, the layout that height allows (352 px or more: large)
   */
  private static PlayerOptions options(MediaItem item, PlayerOptions requested, Box box) {
    if (item.kind() != MediaKind.VIDEO && requested.layout() == null && box.maxHeight() != null) {
      return requested.withLayout(PlayerOptions.Layout.forMaxHeight(box.maxHeight()));
    }
    return requested;
  }
}
