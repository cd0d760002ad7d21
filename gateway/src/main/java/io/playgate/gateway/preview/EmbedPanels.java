package io.playgate.gateway.preview;

import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.MediaKind;
import io.playgate.gateway.view.EmbedSnippets;
import io.playgate.gateway.view.PlayerViews;
import io.playgate.widgets.PlayerOptions;
import io.playgate.widgets.PlayerSize;
import io.playgate.widgets.SharePageView.EmbedPanel;
import io.playgate.widgets.SharePageView.SizeChoice;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The share page's Embed panel: the oEmbed {@code html} for the default options (built by {@link EmbedSnippets},
 * exactly as {@code /oembed} builds it, oEmbed 1.0 §2.3.4) and the size choices, each an oEmbed parameter
 * ({@code layout} for audio and list players, {@code maxwidth} for videos) labelled with the size
 * {@link EmbedSnippets#size} gives it. The page's script asks {@code /oembed} for the chosen options, so no snippet
 * is ever built twice. Thread-safe; CPU-only.
 */
final class EmbedPanels {

  /** Video widths offered below the natural size, in px. */
  private static final int[] VIDEO_WIDTHS = {640, 480, 320};

  private EmbedPanels() {
  }

  /**
   * @param item the page's MediaItem
   * @param snippets the one snippet builder
   * @param views the gateway's public URLs
   * @return the panel, or {@code null} when the owner disabled embedding ({@code embeddable: false}; oEmbed answers
   *     401 for it)
   */
  static @Nullable EmbedPanel of(MediaItem item, EmbedSnippets snippets, PlayerViews views) {
    if (!item.embeddable()) {
      return null;
    }
    String snippet = snippets.snippet(item, PlayerOptions.DEFAULTS, EmbedSnippets.Box.NONE, null).html();
    // relative, so the page's connect-src 'self' allows it whatever host name the viewer used
    String oembed = "/oembed?url=" + URLEncoder.encode(views.shareUrl(item.id()), StandardCharsets.UTF_8)
        + "&format=json";
    boolean timed = item.kind() == MediaKind.TRACK || item.kind() == MediaKind.VIDEO;
    return new EmbedPanel(snippet, oembed, sizes(item, snippets), timed);
  }

  private static List<SizeChoice> sizes(MediaItem item, EmbedSnippets snippets) {
    List<SizeChoice> choices = new ArrayList<>();
    if (item.kind() == MediaKind.VIDEO) {
      PlayerSize natural = snippets.size(item, PlayerOptions.DEFAULTS, EmbedSnippets.Box.NONE);
      choices.add(new SizeChoice("", "Full size, " + label(natural)));
      for (int width : VIDEO_WIDTHS) {
        if (width < natural.width()) {
          PlayerSize size = snippets.size(item, PlayerOptions.DEFAULTS, new EmbedSnippets.Box(width, null));
          choices.add(new SizeChoice("maxwidth=" + width, label(size)));
        }
      }
      return List.copyOf(choices);
    }
    // the kind's own layout first: it is the snippet without a layout parameter
    PlayerOptions.Layout first = item.kind() == MediaKind.TRACK ? PlayerOptions.Layout.COMPACT
        : PlayerOptions.Layout.LARGE;
    PlayerOptions.Layout other = first == PlayerOptions.Layout.COMPACT ? PlayerOptions.Layout.LARGE
        : PlayerOptions.Layout.COMPACT;
    choices.add(new SizeChoice("", layoutLabel(item, first, snippets)));
    choices.add(new SizeChoice("layout=" + other.value(), layoutLabel(item, other, snippets)));
    return List.copyOf(choices);
  }

  private static String layoutLabel(MediaItem item, PlayerOptions.Layout layout, EmbedSnippets snippets) {
    PlayerSize size = snippets.size(item, PlayerOptions.DEFAULTS.withLayout(layout), EmbedSnippets.Box.NONE);
    String name = layout == PlayerOptions.Layout.COMPACT ? "Compact" : "Large";
    return name + ", " + label(size);
  }

  private static String label(PlayerSize size) {
    return size.width() + " × " + size.height();
  }
}
