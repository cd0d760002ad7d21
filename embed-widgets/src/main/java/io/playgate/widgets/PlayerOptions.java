package io.playgate.widgets;

import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Player options (ARCHITECTURE.md, "Public contracts"), accepted alike by {@code /oembed} (carried into the iframe
 * {@code src}) and {@code /embed/{id}}.
 *
 * @param autoplay {@code autoplay=1}: start playing (muted, as browsers require) when loaded
 * @param startSeconds {@code start=<seconds>}: start offset, 0..86400
 * @param theme {@code theme=light|dark|auto}
 * @param color {@code color=<6 hex digits>} accent colour, lower-case, without {@code #}; {@code null} for the default
 * @param facade {@code facade=1}: click-to-load placeholder
 * @param dnt {@code dnt=1}: do not track (no analytics beacons)
 * @param layout {@code layout=compact|large}: the audio player's height class (152 px or 352 px); {@code null}
 *     when not given (the player picks by kind: compact for a track, large for an album or playlist)
 */
public record PlayerOptions(boolean autoplay, int startSeconds, Theme theme, @Nullable String color, boolean facade,
    boolean dnt, @Nullable Layout layout) {

  /** The defaults: no autoplay, start at 0, theme auto, default colour, no facade, tracking allowed, layout by kind. */
  public static final PlayerOptions DEFAULTS = new PlayerOptions(false, 0, Theme.AUTO, null, false, false, null);

  /** {@code layout}: the two common embed heights of an audio player. */
  public enum Layout {
    /** 152 px high: artwork, title, controls. */
    COMPACT(152),
    /** 352 px high: large artwork, or a collection's track list. */
    LARGE(352);

    private final int heightPx;

    Layout(int heightPx) {
      this.heightPx = heightPx;
    }

    /** @return the player's natural height in CSS px */
    public int heightPx() {
      return heightPx;
    }

    /** @return the query spelling */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param maxHeightPx an oEmbed {@code maxheight} in px
     * @return {@link #LARGE} when it leaves room for the large player, else {@link #COMPACT}
     */
    public static Layout forMaxHeight(int maxHeightPx) {
      return maxHeightPx >= LARGE.heightPx ? LARGE : COMPACT;
    }
  }

  /** Maximum {@code start}: one day, in seconds. */
  public static final int MAX_START_SECONDS = 86_400;

  private static final Pattern HEX6 = Pattern.compile("[0-9a-fA-F]{6}");

  /** {@code theme}: light, dark, or auto (follows {@code prefers-color-scheme}). */
  public enum Theme {
    LIGHT, DARK, AUTO;

    /** @return the query spelling */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Reads and validates the options from query parameters.
   *
   * @param param returns a parameter's single value, or {@code null} when absent
   * @return the options; absent parameters take their defaults
   * @throws IllegalArgumentException whose message names the parameter and the accepted values
   */
  public static PlayerOptions parse(Function<String, @Nullable String> param) {
    boolean autoplay = flag(param, "autoplay");
    boolean facade = flag(param, "facade");
    boolean dnt = flag(param, "dnt");
    int start = 0;
    String s = param.apply("start");
    if (s != null) {
      if (!s.matches("\\d{1,9}") || Integer.parseInt(s) > MAX_START_SECONDS) {
        throw new IllegalArgumentException("start: expected whole seconds from 0 to " + MAX_START_SECONDS);
      }
      start = Integer.parseInt(s);
    }
    Theme theme = Theme.AUTO;
    String t = param.apply("theme");
    if (t != null) {
      theme = switch (t.toLowerCase(Locale.ROOT)) {
        case "light" -> Theme.LIGHT;
        case "dark" -> Theme.DARK;
        case "auto" -> Theme.AUTO;
        default -> throw new IllegalArgumentException("theme: expected light, dark or auto");
      };
    }
    String color = param.apply("color");
    if (color != null) {
      if (!HEX6.matcher(color).matches()) {
        throw new IllegalArgumentException("color: expected 6 hexadecimal digits, e.g. ff5500");
      }
      color = color.toLowerCase(Locale.ROOT);
    }
    Layout layout = null;
    String l = param.apply("layout");
    if (l != null) {
      layout = switch (l.toLowerCase(Locale.ROOT)) {
        case "compact" -> Layout.COMPACT;
        case "large" -> Layout.LARGE;
        default -> throw new IllegalArgumentException("layout: expected compact or large");
      };
    }
    return new PlayerOptions(autoplay, start, theme, color, facade, dnt, layout);
  }

  private static boolean flag(Function<String, @Nullable String> param, String name) {
    String v = param.apply(name);
    if (v == null || v.equals("0")) {
      return false;
    }
    if (v.equals("1")) {
      return true;
    }
    throw new IllegalArgumentException(name + ": expected 0 or 1");
  }

  /**
   * @return the non-default options as a query string without {@code ?} (e.g. {@code autoplay=1&color=ff5500}), in
   *     a fixed order, so equal options give equal strings; empty for the defaults
   */
  public String query() {
    StringBuilder q = new StringBuilder();
    if (autoplay) {
      q.append("&autoplay=1");
    }
    if (startSeconds > 0) {
      q.append("&start=").append(startSeconds);
    }
    if (theme != Theme.AUTO) {
      q.append("&theme=").append(theme.value());
    }
    if (color != null) {
      q.append("&color=").append(color);
    }
    if (facade) {
      q.append("&facade=1");
    }
    if (dnt) {
      q.append("&dnt=1");
    }
    if (layout != null) {
      q.append("&layout=").append(layout.value());
    }
    return q.length() == 0 ? "" : q.substring(1);
  }

  /** @return these options with {@code facade} off and {@code autoplay} on: where a facade's click leads */
  public PlayerOptions afterFacadeClick() {
    return new PlayerOptions(true, startSeconds, theme, color, false, dnt, layout);
  }

  /** @return these options with {@code facade} off: the player loads at once */
  public PlayerOptions withoutFacade() {
    return new PlayerOptions(autoplay, startSeconds, theme, color, false, dnt, layout);
  }

  /**
   * @param newLayout the layout to set, or {@code null} for "by kind"
   * @return these options with that layout
   */
  public PlayerOptions withLayout(@Nullable Layout newLayout) {
    return new PlayerOptions(autoplay, startSeconds, theme, color, facade, dnt, newLayout);
  }
}
