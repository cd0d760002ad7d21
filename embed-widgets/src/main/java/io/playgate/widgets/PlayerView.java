package io.playgate.widgets;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything a player template shows. Strings are plain text (templates escape them); URLs are absolute http(s)
 * URLs or {@code null} (the gateway drops any other scheme before building a view).
 *
 * @param id media id
 * @param kind {@code track}, {@code video}, {@code album} or {@code playlist}
 * @param title display title, non-empty
 * @param artistName artist name, or {@code null}
 * @param artistUrl artist page, or {@code null}
 * @param pageUrl the item's public page, or {@code null}
 * @param artwork cover or poster, or {@code null}
 * @param sources playable renditions of a track or video, best first; empty for collections
 * @param size the player's natural size
 * @param duration {@code m:ss} or {@code h:mm:ss}, or {@code null}
 * @param tracks album/playlist rows in order; empty otherwise
 * @param options player options of the request
 * @param license licence line, or {@code null}
 * @param embedUrl this player's own URL with options, for a facade's click
 * @param assets the hashed asset URLs
 * @param explicit the hub's {@code explicit} flag: the player shows an "Explicit" badge
 * @param waveform a track's waveform, drawn under the seek bar, or {@code null} (the plain bar)
 */
public record PlayerView(String id, String kind, String title, @Nullable String artistName,
    @Nullable String artistUrl, @Nullable String pageUrl, @Nullable Image artwork, List<Source> sources,
    PlayerSize size, @Nullable String duration, List<TrackRow> tracks, PlayerOptions options,
    @Nullable License license, String embedUrl, Assets assets, boolean explicit, @Nullable Waveform waveform) {

  /** A view without a waveform. */
  public PlayerView(String id, String kind, String title, @Nullable String artistName, @Nullable String artistUrl,
      @Nullable String pageUrl, @Nullable Image artwork, List<Source> sources, PlayerSize size,
      @Nullable String duration, List<TrackRow> tracks, PlayerOptions options, @Nullable License license,
      String embedUrl, Assets assets, boolean explicit) {
    this(id, kind, title, artistName, artistUrl, pageUrl, artwork, sources, size, duration, tracks, options, license,
        embedUrl, assets, explicit, null);
  }

  /** A view of media not flagged explicit. */
  public PlayerView(String id, String kind, String title, String artistName, String artistUrl, String pageUrl,
      Image artwork, List<Source> sources, PlayerSize size, String duration, List<TrackRow> tracks,
      PlayerOptions options, License license, String embedUrl, Assets assets) {
    this(id, kind, title, artistName, artistUrl, pageUrl, artwork, sources, size, duration, tracks, options, license,
        embedUrl, assets, false);
  }

  /** @return true for a video */
  public boolean isVideo() {
    return kind.equals("video");
  }

  /** @return true for an album or playlist */
  public boolean isCollection() {
    return kind.equals("album") || kind.equals("playlist");
  }

  /**
   * @return the audio layout this player renders: the {@code layout} option, else compact for a track and large for
   *     an album or playlist (a video always fills its frame; it reports {@code large})
   */
  public PlayerOptions.Layout layout() {
    if (options.layout() != null) {
      return options.layout();
    }
    return kind.equals("track") ? PlayerOptions.Layout.COMPACT : PlayerOptions.Layout.LARGE;
  }

  /** @return true when any row of a collection is a video */
  public boolean hasVideoRows() {
    return tracks.stream().anyMatch(TrackRow::isVideo);
  }

  /**
   * @param url absolute URL
   * @param type MIME type with codecs, e.g. {@code audio/ogg; codecs=opus}
   */
  public record Source(String url, String type) {
  }

  /**
   * @param url absolute image URL
   * @param width px
   * @param height px
   * @param alt alternative text
   */
  public record Image(String url, int width, int height, String alt) {
  }

  /**
   * @param name licence name
   * @param url licence URL, or {@code null}
   * @param attribution attribution text, or {@code null}
   */
  public record License(String name, @Nullable String url, @Nullable String attribution) {
  }

  /**
   * One row of an album or playlist.
   *
   * @param number 1-based position
   * @param id media id
   * @param kind {@code track} or {@code video}
   * @param title display title
   * @param artistName artist, or {@code null}
   * @param duration {@code m:ss}, or {@code null}
   * @param sources renditions, best first
   * @param poster poster or artwork, or {@code null}
   */
  public record TrackRow(int number, String id, String kind, String title, @Nullable String artistName,
      @Nullable String duration, List<Source> sources, @Nullable Image poster) {

    /** @return true for a video row */
    public boolean isVideo() {
      return kind.equals("video");
    }
  }

  /**
   * A track's loudness over time, drawn as mirrored bars in an inline SVG of {@code levels.size()} x 100 user units
   * (the player's CSP allows no fetch of other origins, so the shape travels in the page).
   *
   * @param levels one value per bar, first to last, each 0 to 100 (percent of full scale); not empty
   */
  public record Waveform(List<Integer> levels) {

    /** Copies {@code levels}; rejects an empty list or a value outside 0..100. */
    public Waveform {
      levels = List.copyOf(levels);
      if (levels.isEmpty() || levels.stream().anyMatch(v -> v < 0 || v > 100)) {
        throw new IllegalArgumentException("waveform levels must be 1 or more values from 0 to 100");
      }
    }

    /** @return the SVG {@code viewBox}: {@code 0 0 <bars> 100} */
    public String viewBox() {
      return "0 0 " + levels.size() + " 100";
    }

    /**
     * @return SVG path data, to be stroked 0.6 units wide with butt caps: bar {@code i} is a vertical line at
     *     {@code x = i + 0.5} centred on the middle line, its height its level relative to the loudest (which is 100
     *     units tall; a mastered track's peaks sit close together, and the shape is what a listener looks for), at
     *     least 2 units so silence still shows
     */
    public String path() {
      int loudest = Math.max(1, levels.stream().mapToInt(Integer::intValue).max().orElse(1));
      StringBuilder d = new StringBuilder(levels.size() * 11);
      for (int i = 0; i < levels.size(); i++) {
        int h = Math.max(2, (int) Math.round(levels.get(i) * 100.0 / loudest));
        int twiceTop = 100 - h;
        d.append('M').append(i).append(".5 ").append(twiceTop / 2).append(twiceTop % 2 == 0 ? "" : ".5")
            .append('v').append(h);
      }
      return d.toString();
    }
  }

  /**
   * Hashed URLs of the player's static assets.
   *
   * @param css stylesheet URL path
   * @param js script URL path (the player, an ES module)
   * @param facadeJs script URL path of the click-to-load placeholder (an ES module of a few hundred bytes)
   * @param shareJs script URL path of the share page's Embed panel (an ES module)
   */
  public record Assets(String css, String js, String facadeJs, String shareJs) {

    /**
     * Assets of pages that offer no Embed panel (players, problem pages): {@code shareJs} is the player's own
     * script, which a page that loads both runs once (an ES module is evaluated once per URL).
     *
     * @param css stylesheet URL path
     * @param js script URL path (the player)
     * @param facadeJs script URL path of the click-to-load placeholder
     */
    public Assets(String css, String js, String facadeJs) {
      this(css, js, facadeJs, js);
    }
  }

  /**
   * Formats a duration for display.
   *
   * @param durationMs milliseconds, or {@code null}
   * @return {@code m:ss} below an hour, {@code h:mm:ss} above, whole seconds rounded down as media players show
   *     them, or {@code null}
   */
  public static @Nullable String formatDuration(@Nullable Long durationMs) {
    if (durationMs == null) {
      return null;
    }
    long total = durationMs / 1000;
    long h = total / 3600;
    long m = (total % 3600) / 60;
    long s = total % 60;
    return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
  }
}
