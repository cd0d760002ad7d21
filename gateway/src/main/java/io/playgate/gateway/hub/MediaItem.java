package io.playgate.gateway.hub;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A hub MediaItem (ARCHITECTURE.md, "Hub API v1"), as parsed and checked by {@link MediaItemParser}. Strings are
 * well-formed Unicode (see the parser for the replacement rule); lists are immutable and never {@code null}.
 *
 * @param id matches {@code [A-Za-z0-9_-]{1,64}}
 * @param kind track, video, album or playlist
 * @param title non-empty display title
 * @param artist the artist, or {@code null}
 * @param album the album a track belongs to, or {@code null}
 * @param trackNumber position in its album, 1-based, or {@code null}
 * @param durationMs duration in milliseconds, or {@code null}
 * @param description free text, or {@code null}
 * @param pageUrl the item's public page on the hub (absolute URL as sent by the hub)
 * @param artwork images, any order
 * @param streams playable renditions, best first
 * @param width video frame width in px, or {@code null}
 * @param height video frame height in px, or {@code null}
 * @param items album/playlist members in order (without nested items)
 * @param embeddable false when the owner disabled embedding
 * @param territories ISO 3166-1 alpha-2 codes where it may play, or {@code ["*"]}
 * @param explicit explicit content flag
 * @param license licence, or {@code null}
 * @param updatedAt last change on the hub, or {@code null}
 * @param visibility extension field {@code visibility} (ARCHITECTURE.md, "Hub API v1"): public unless the hub says
 *     otherwise
 * @param waveform extension field {@code waveform} (ARCHITECTURE.md, "Hub API v1"): where the hub offers the
 *     track's peaks, with the levels the gateway fetched from there; {@code null} when the hub offers none
 * @param publishedAt extension field {@code publishedAt} (ARCHITECTURE.md, "Hub API v1"): when the item was first
 *     published on the hub, or {@code null} when the hub does not say
 */
public record MediaItem(String id, MediaKind kind, String title, @Nullable Artist artist, @Nullable AlbumRef album,
    @Nullable Integer trackNumber, @Nullable Long durationMs, @Nullable String description, String pageUrl,
    List<Artwork> artwork, List<MediaStream> streams, @Nullable Integer width, @Nullable Integer height,
    List<MediaItem> items, boolean embeddable, List<String> territories, boolean explicit, @Nullable License license,
    @Nullable Instant updatedAt, Visibility visibility, @Nullable Waveform waveform, @Nullable Instant publishedAt) {

  /** A MediaItem without the {@code publishedAt} extension. */
  public MediaItem(String id, MediaKind kind, String title, @Nullable Artist artist, @Nullable AlbumRef album,
      @Nullable Integer trackNumber, @Nullable Long durationMs, @Nullable String description, String pageUrl,
      List<Artwork> artwork, List<MediaStream> streams, @Nullable Integer width, @Nullable Integer height,
      List<MediaItem> items, boolean embeddable, List<String> territories, boolean explicit,
      @Nullable License license, @Nullable Instant updatedAt, Visibility visibility, @Nullable Waveform waveform) {
    this(id, kind, title, artist, album, trackNumber, durationMs, description, pageUrl, artwork, streams, width, height,
        items, embeddable, territories, explicit, license, updatedAt, visibility, waveform, null);
  }

  /** A public MediaItem (no {@code visibility} field). */
  public MediaItem(String id, MediaKind kind, String title, @Nullable Artist artist, @Nullable AlbumRef album,
      @Nullable Integer trackNumber, @Nullable Long durationMs, @Nullable String description, String pageUrl,
      List<Artwork> artwork, List<MediaStream> streams, @Nullable Integer width, @Nullable Integer height,
      List<MediaItem> items, boolean embeddable, List<String> territories, boolean explicit,
      @Nullable License license, @Nullable Instant updatedAt) {
    this(id, kind, title, artist, album, trackNumber, durationMs, description, pageUrl, artwork, streams, width, height,
        items, embeddable, territories, explicit, license, updatedAt, Visibility.PUBLIC);
  }

  /** A MediaItem without a waveform (no {@code waveform} field). */
  public MediaItem(String id, MediaKind kind, String title, @Nullable Artist artist, @Nullable AlbumRef album,
      @Nullable Integer trackNumber, @Nullable Long durationMs, @Nullable String description, String pageUrl,
      List<Artwork> artwork, List<MediaStream> streams, @Nullable Integer width, @Nullable Integer height,
      List<MediaItem> items, boolean embeddable, List<String> territories, boolean explicit,
      @Nullable License license, @Nullable Instant updatedAt, Visibility visibility) {
    this(id, kind, title, artist, album, trackNumber, durationMs, description, pageUrl, artwork, streams, width, height,
        items, embeddable, territories, explicit, license, updatedAt, visibility, null);
  }

  /**
   * @param newWaveform the waveform to carry instead, or {@code null} for none
   * @return this item with {@code newWaveform}
   */
  public MediaItem withWaveform(@Nullable Waveform newWaveform) {
    return new MediaItem(id, kind, title, artist, album, trackNumber, durationMs, description, pageUrl, artwork,
        streams, width, height, items, embeddable, territories, explicit, license, updatedAt, visibility, newWaveform,
        publishedAt);
  }

  /** Ids the hub and gateway accept: {@code [A-Za-z0-9_-]{1,64}}. */
  public static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /**
   * @param name display name
   * @param url artist page, or {@code null}
   */
  public record Artist(String name, @Nullable String url) {
  }

  /**
   * @param id album id
   * @param title album title, or {@code null}
   */
  public record AlbumRef(String id, @Nullable String title) {
  }

  /**
   * @param url image URL
   * @param width width in px, positive
   * @param height height in px, positive
   */
  public record Artwork(String url, int width, int height) {
  }

  /**
   * @param url media URL
   * @param mimeType MIME type with optional codecs parameter, e.g. {@code audio/ogg; codecs=opus}
   * @param bitrateKbps nominal bitrate in kbit/s, or {@code null}
   */
  public record MediaStream(String url, String mimeType, @Nullable Integer bitrateKbps) {
  }

  /**
   * @param name licence name, e.g. {@code CC-BY-SA-3.0}
   * @param url licence text URL, or {@code null}
   * @param attribution attribution line to show, or {@code null}
   */
  public record License(String name, @Nullable String url, @Nullable String attribution) {
  }

  /**
   * The hub's {@code waveform} extension (ARCHITECTURE.md, "Hub API v1"): a JSON array of peaks at {@code url}, and
   * the levels the gateway drew from it ({@link WaveformPeaks}).
   *
   * @param url the peaks JSON, an absolute URL as sent by the hub
   * @param samplesPerSecond peaks per second of audio, 1 to {@link WaveformPeaks#MAX_SAMPLES_PER_SECOND}
   * @param levels the peaks resampled across the track's duration: at most {@link WaveformPeaks#MAX_LEVELS} values,
   *     each 0 to 100 (percent of full scale), first to last; empty until fetched (and inside an album's or
   *     playlist's {@code items}, whose peaks the gateway does not fetch)
   */
  public record Waveform(String url, int samplesPerSecond, List<Integer> levels) {

    /** Copies {@code levels}. */
    public Waveform {
      levels = List.copyOf(levels);
    }

    /**
     * @param newLevels the levels drawn from the peaks
     * @return this waveform with {@code newLevels}
     */
    public Waveform withLevels(List<Integer> newLevels) {
      return new Waveform(url, samplesPerSecond, newLevels);
    }
  }

  /** @return an approximation of the heap this item holds, in bytes, for the cache weigher */
  public long estimatedBytes() {
    long n = 256L + 2L * (id.length() + title.length() + pageUrl.length()
        + (description == null ? 0 : description.length()));
    for (Artwork a : artwork) {
      n += 64 + 2L * a.url().length();
    }
    for (MediaStream s : streams) {
      n += 64 + 2L * (s.url().length() + s.mimeType().length());
    }
    for (MediaItem i : items) {
      n += i.estimatedBytes();
    }
    if (waveform != null) {
      // levels 0..100 are cached Integer instances: a reference each
      n += 64 + 2L * waveform.url().length() + 16 + 8L * waveform.levels().size();
    }
    return n;
  }
}
