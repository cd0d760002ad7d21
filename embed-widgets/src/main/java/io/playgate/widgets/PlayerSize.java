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
   * Narrowest usable player, in px: play button, seek bar and (for videos) full screen still fit
   * ({@code player.css} drops the volume, times and artwork as the frame narrows).
   */
  public static final int MIN_WIDTH = 200;
  /**
   * Lowest usable player, in px: the "mini" presentation ({@code player.css}, frames under 140 px high) shows one
   * title line above the play button and seek bar in 80 px.
   */
  public static final int MIN_HEIGHT = 80;
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
   * @return true when the player is usable at this size: at least {@link #MIN_WIDTH} × {@link #MIN_HEIGHT} px
   */
  public boolean playable() {
    return width >= MIN_WIDTH && height >= MIN_HEIGHT;
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
