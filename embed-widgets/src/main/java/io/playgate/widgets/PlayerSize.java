package io.playgate.widgets;

import org.jspecify.annotations.Nullable;

/**
 * A player's size in CSS pixels, and the oEmbed {@code maxwidth}/{@code maxheight} clamp (oEmbed 1.0 §2.2: the
 * provider must not exceed them).
 *
 * @param width width in px, {@code >= 1}
 * @param height height in px, {@code >= 1}
 */
public record PlayerSize(int width, int height) {

  /** Natural size of a single-track audio player: 560 × 152 px. */
  public static final PlayerSize TRACK = new PlayerSize(560, 152);
  /** Natural size of an album or playlist player with its track list: 560 × 352 px. */
  public static final PlayerSize COLLECTION = new PlayerSize(560, 352);
  /**
   * Narrowest usable audio or list player, in px: play button, seek bar and title still fit
   * ({@code player.css} drops the volume, times and artwork as the frame narrows).
   */
  public static final int MIN_WIDTH = 200;
  /**
   * Lowest usable audio or list player, in px: the "mini" presentation ({@code player.css}, frames under 140 px
   * high) shows one title line above the play button and seek bar in 80 px.
   */
  public static final int MIN_HEIGHT = 80;
  /** The smallest audio or list player: {@link #MIN_WIDTH} × {@link #MIN_HEIGHT} = 200 × 80 px. */
  public static final PlayerSize AUDIO_MINIMUM = new PlayerSize(MIN_WIDTH, MIN_HEIGHT);
  /**
   * The smallest video player: 120 × 68 px (16:9 at 120 px wide). The "small video" presentation
   * ({@code player.css}, frames under 260 px wide or 160 px high) keeps a 30 px play button, a seek bar of at least
   * 32 px and a 30 px full-screen button in one row over the bottom of the picture; the title line and the volume
   * step aside.
   */
  public static final PlayerSize VIDEO_MINIMUM = new PlayerSize(120, 68);
  /**
   * Height of a large album or playlist player without its rows, in px: padding, the 120 px artwork, the controls
   * and the gaps of {@code .pg-layout-large} in {@code player.css}.
   */
  public static final int LIST_CHROME_HEIGHT = 215;
  /** Height of one row of a large album or playlist player's track list, in px ({@code .pg-row-play}). */
  public static final int LIST_ROW_HEIGHT = 36;
  /** Video size used when the hub gives none: 640 × 360 px. */
  public static final PlayerSize VIDEO_FALLBACK = new PlayerSize(640, 360);

  /** Checks the values. */
  public PlayerSize {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("sizes are positive");
    }
  }

  /**
   * @param width hub {@code width}, or {@code null}
   * @param height hub {@code height}, or {@code null}
   * @return the video's native frame size, or {@link #VIDEO_FALLBACK} when the hub gave none
   */
  public static PlayerSize video(@Nullable Integer width, @Nullable Integer height) {
    return width == null || height == null ? VIDEO_FALLBACK : new PlayerSize(width, height);
  }

  /**
   * @param rows rows in the track list, {@code >= 0}
   * @return the size of a large album or playlist player showing all its rows without scrolling: 560 px wide,
   *     {@link #LIST_CHROME_HEIGHT} + {@code rows} × {@link #LIST_ROW_HEIGHT} px high
   */
  public static PlayerSize listShowingAllRows(int rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("rows: at least 0");
    }
    return new PlayerSize(COLLECTION.width(), LIST_CHROME_HEIGHT + rows * LIST_ROW_HEIGHT);
  }

  /**
   * @param minimum the smallest usable size of the player ({@link #AUDIO_MINIMUM} or {@link #VIDEO_MINIMUM})
   * @return true when both sides are at least the minimum's
   */
  public boolean atLeast(PlayerSize minimum) {
    return width >= minimum.width() && height >= minimum.height();
  }

  /**
   * Fits this size inside {@code maxWidth} × {@code maxHeight} without ever upscaling.
   * <ul>
   *   <li>{@code keepAspect} (video): both sides scale by one factor, the largest that fits; the scaled side is
   *       rounded <em>down</em> to whole pixels (so 1280×720 within height 100 is 177×100), never below 1.</li>
   *   <li>otherwise (a responsive audio/list player): each side is clamped on its own.</li>
   * </ul>
   *
   * @param maxWidth {@code maxwidth} in px ({@code >= 1}), or {@code null} for none
   * @param maxHeight {@code maxheight} in px ({@code >= 1}), or {@code null} for none
   * @param keepAspect whether to keep the aspect ratio
   * @return the clamped size
   */
  public PlayerSize clamp(@Nullable Integer maxWidth, @Nullable Integer maxHeight, boolean keepAspect) {
    long mw = maxWidth == null ? Long.MAX_VALUE : maxWidth;
    long mh = maxHeight == null ? Long.MAX_VALUE : maxHeight;
    if (!keepAspect) {
      return new PlayerSize((int) Math.min(width, mw), (int) Math.min(height, mh));
    }
    if (width <= mw && height <= mh) {
      return this;
    }
    // the limiting side is the one with the smaller ratio max/native: compare mw/width with mh/height exactly
    boolean widthLimits = mh == Long.MAX_VALUE || (mw != Long.MAX_VALUE && mw * height <= mh * width);
    if (widthLimits) {
      return new PlayerSize((int) mw, (int) Math.max(1, (long) height * mw / width));
    }
    return new PlayerSize((int) Math.max(1, (long) width * mh / height), (int) mh);
  }
}
