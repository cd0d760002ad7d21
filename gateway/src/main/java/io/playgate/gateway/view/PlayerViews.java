package io.playgate.gateway.view;

import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.MediaKind;
import io.playgate.widgets.PlayerOptions;
import io.playgate.widgets.PlayerSize;
import io.playgate.widgets.PlayerView;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Builds player views and the gateway's public URLs from MediaItems. Thread-safe.
 */
public final class PlayerViews {

  private final String publicBaseUrl;
  private final PlayerView.Assets assets;
  private final Predicate<String> takenDown;

  /**
   * @param publicBaseUrl the gateway's absolute public base URL, without trailing slash
   * @param assets hashed asset URLs
   */
  public PlayerViews(String publicBaseUrl, PlayerView.Assets assets) {
    this(publicBaseUrl, assets, id -> false);
  }

  /**
   * @param publicBaseUrl the gateway's absolute public base URL, without trailing slash
   * @param assets hashed asset URLs
   * @param takenDown whether a media id is under a takedown now (e.g. {@code MediaCache::isTakenDown}); such
   *     members of an album or playlist are left out of its player even while the hub still lists them
   */
  public PlayerViews(String publicBaseUrl, PlayerView.Assets assets, Predicate<String> takenDown) {
    this.publicBaseUrl = publicBaseUrl;
    this.assets = assets;
    this.takenDown = takenDown;
  }

  /** @return the public base URL, without trailing slash */
  public String publicBaseUrl() {
    return publicBaseUrl;
  }

  /** @return hashed asset URLs */
  public PlayerView.Assets assets() {
    return assets;
  }

  /**
   * @param id media id
   * @param options player options
   * @return {@code {publicBaseUrl}/embed/{id}} with the non-default options as query
   */
  public String embedUrl(String id, PlayerOptions options) {
    String q = options.query();
    return publicBaseUrl + "/embed/" + id + (q.isEmpty() ? "" : "?" + q);
  }

  /**
   * @param id media id
   * @return the share page {@code {publicBaseUrl}/media/{id}}
   */
  public String shareUrl(String id) {
    return publicBaseUrl + "/media/" + id;
  }

  /**
   * @param id media id
   * @param format {@code json} or {@code xml}
   * @return the oEmbed discovery URL for the share page, with the page URL percent-encoded
   */
  public String oembedUrl(String id, String format) {
    return publicBaseUrl + "/oembed?url=" + URLEncoder.encode(shareUrl(id), StandardCharsets.UTF_8) + "&format=" + format;
  }

  /**
   * @param id media id
   * @param name a step of {@link ArtworkLadder#STEPS} or {@link ArtworkLadder#CARD}
   * @param extension {@code jpg} or {@code png}
   * @return {@code {publicBaseUrl}/artwork/{id}/{name}.{extension}}, the gateway's scaled copy of the hub's artwork
   */
  public String artworkUrl(String id, String name, String extension) {
    return publicBaseUrl + "/artwork/" + id + "/" + name + "." + extension;
  }

  /**
   * The oEmbed thumbnail (oEmbed 1.0 §2.3.4): the gateway's scaled artwork at the largest ladder step that fits
   * within {@code maxWidth} × {@code maxHeight}, aspect kept, its size computed from the hub's declared one.
   *
   * @param item a MediaItem
   * @param maxWidth px, or {@code null}
   * @param maxHeight px, or {@code null}
   * @return the image (JPEG), or {@code null} when the hub lists no usable artwork or no step fits
   */
  public PlayerView.@Nullable Image thumbnail(MediaItem item, @Nullable Integer maxWidth, @Nullable Integer maxHeight) {
    MediaItem.Artwork source = ArtworkLadder.source(item);
    if (source == null) {
      return null;
    }
    return ArtworkLadder.largestStepWithin(source, maxWidth, maxHeight).map(step -> {
      ArtworkLadder.Dimensions d = ArtworkLadder.fit(source.width(), source.height(), step);
      return new PlayerView.Image(artworkUrl(item.id(), Integer.toString(step), "jpg"), d.width(), d.height(),
          "Artwork of " + item.title());
    }).orElse(null);
  }

  /**
   * The social card ({@code og:image}, {@code twitter:image}): {@value ArtworkLadder#CARD_WIDTH}×{@value
   * ArtworkLadder#CARD_HEIGHT} px JPEG with the artwork, title, artist, a play mark and the site's name; every item
   * has one, with or without artwork.
   *
   * @param item a MediaItem
   * @return the image, with an alternative text naming the title and artist
   */
  public PlayerView.Image card(MediaItem item) {
    String alt = item.title() + (item.artist() == null ? "" : " by " + item.artist().name());
    return new PlayerView.Image(artworkUrl(item.id(), ArtworkLadder.CARD, "jpg"), ArtworkLadder.CARD_WIDTH,
        ArtworkLadder.CARD_HEIGHT, alt);
  }

  /**
   * @param item a MediaItem
   * @return the player's natural size: the video frame for videos, fixed sizes for audio and lists
   */
  public static PlayerSize naturalSize(MediaItem item) {
    return naturalSize(item, null);
  }

  /**
   * @param item a MediaItem
   * @param layout the audio layout ({@code layout} option), or {@code null} for the kind's default
   * @return the player's natural size: the video frame for videos (layout ignored); 560 px wide and the layout's
   *     height (152 or 352 px) for tracks, albums and playlists
   */
  public static PlayerSize naturalSize(MediaItem item, PlayerOptions.@Nullable Layout layout) {
    return switch (item.kind()) {
      case VIDEO -> PlayerSize.video(item.width(), item.height());
      case TRACK -> layout == null ? PlayerSize.TRACK : new PlayerSize(PlayerSize.TRACK.width(), layout.heightPx());
      case ALBUM, PLAYLIST -> layout == null ? PlayerSize.COLLECTION
          : new PlayerSize(PlayerSize.COLLECTION.width(), layout.heightPx());
    };
  }

  /**
   * @param item a MediaItem
   * @param options player options
   * @return the view the player templates render, with artwork for an embedded player (300 px, or the poster)
   */
  public PlayerView player(MediaItem item, PlayerOptions options) {
    return player(item, options, item.kind() == MediaKind.VIDEO ? 1280 : 300);
  }

  /**
   * @param item a MediaItem
   * @param options player options
   * @param artworkWidth wanted artwork width in px (see {@link #artwork(MediaItem, int)})
   * @return the view the player templates render
   */
  public PlayerView player(MediaItem item, PlayerOptions options, int artworkWidth) {
    List<PlayerView.TrackRow> rows = new ArrayList<>();
    int n = 1;
    for (MediaItem t : item.items()) {
      if (!listed(t)) {
        continue;
      }
      rows.add(new PlayerView.TrackRow(n++, t.id(), t.kind().wireName(), t.title(),
          t.artist() == null ? null : t.artist().name(), PlayerView.formatDuration(t.durationMs()), sources(t),
          artwork(t, 640)));
    }
    Long duration = item.durationMs();
    PlayerView.License license = item.license() == null ? null
        : new PlayerView.License(item.license().name(), httpUrl(item.license().url()), item.license().attribution());
    return new PlayerView(item.id(), item.kind().wireName(), item.title(),
        item.artist() == null ? null : item.artist().name(),
        item.artist() == null ? null : httpUrl(item.artist().url()),
        httpUrl(item.pageUrl()),
        artwork(item, artworkWidth),
        sources(item), naturalSize(item), PlayerView.formatDuration(duration), List.copyOf(rows), options, license,
        embedUrl(item.id(), options.afterFacadeClick()), assets, item.explicit(), waveform(item));
  }

  /** A track's waveform when the gateway holds its levels (the hub's {@code waveform} extension), else null. */
  private static PlayerView.@Nullable Waveform waveform(MediaItem item) {
    MediaItem.Waveform waveform = item.waveform();
    boolean drawn = item.kind() == MediaKind.TRACK && waveform != null && !waveform.levels().isEmpty();
    return drawn ? new PlayerView.Waveform(waveform.levels()) : null;
  }

  /**
   * @param item an album or playlist (any other kind has no rows)
   * @return how many rows its player lists: the members {@link #player(MediaItem, PlayerOptions)} shows
   */
  public int rowCount(MediaItem item) {
    return (int) item.items().stream().filter(this::listed).count();
  }

  /** Whether a member of an album or playlist gets a row in its player. */
  private boolean listed(MediaItem t) {
    if (t.kind() != MediaKind.TRACK && t.kind() != MediaKind.VIDEO) {
      return false;
    }
    if (t.visibility() != io.playgate.gateway.hub.Visibility.PUBLIC) {
      // a private or unlisted member of a public album or playlist plays only through its own signed URL
      return false;
    }
    if (!t.embeddable() || !t.territories().contains("*")) {
      // a member's own rights: its owner disabled embedding, or it may play only in some territories. The list's
      // rendered page is shared by every viewer (no per-country variant), so a territory-limited member is left
      // out everywhere: failing closed, never playing where it is not licensed.
      return false;
    }
    return !takenDown.test(t.id());
  }

  /**
   * Picks artwork: the smallest image at least {@code wantedWidth} wide, else the largest.
   *
   * @param item a MediaItem
   * @param wantedWidth px
   * @return the image (absolute http(s) URL), or {@code null} when there is none
   */
  public static PlayerView.@Nullable Image artwork(MediaItem item, int wantedWidth) {
    List<MediaItem.Artwork> usable = item.artwork().stream().filter(a -> httpUrl(a.url()) != null)
        .sorted(Comparator.comparingInt(MediaItem.Artwork::width)).toList();
    if (usable.isEmpty()) {
      return null;
    }
    MediaItem.Artwork pick = usable.stream().filter(a -> a.width() >= wantedWidth).findFirst()
        .orElse(usable.get(usable.size() - 1));
    String alt = (item.kind() == MediaKind.VIDEO ? "Poster of " : "Artwork of ") + item.title();
    return new PlayerView.Image(httpUrl(pick.url()), pick.width(), pick.height(), alt);
  }

  /**
   * A duration as link previews state it (Open Graph {@code music:duration}/{@code video:duration}, the oEmbed
   * {@code duration} extension, schema.org {@code duration}).
   *
   * @param durationMs the hub's {@code durationMs}, or {@code null}
   * @return whole seconds, rounded to the nearest ({@code >= 0}), or {@code null} when the hub gives no duration
   */
  public static @Nullable Long durationSeconds(@Nullable Long durationMs) {
    return durationMs == null ? null : (durationMs + 500) / 1000;
  }

  /**
   * Orders renditions for consumers that play a file directly (Open Graph {@code og:audio}/{@code og:video},
   * structured data): the containers every browser plays, Safari included (MP3, AAC/MP4, MP4/H.264), before the
   * others (Ogg/Opus, WebM, …); the hub's order is kept within each group. The players themselves keep the hub's
   * order, since a browser picks the first {@code <source>} it can play.
   *
   * @param sources renditions, hub order
   * @return the same renditions, most widely playable first (a new immutable list)
   */
  public static List<PlayerView.Source> mostPlayableFirst(List<PlayerView.Source> sources) {
    return sources.stream().sorted(Comparator.comparingInt(PlayerViews::playabilityRank)).toList();
  }

  private static int playabilityRank(PlayerView.Source source) {
    String type = source.type().toLowerCase(Locale.ROOT);
    int semicolon = type.indexOf(';');
    String base = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
    return switch (base) {
      case "audio/mpeg", "audio/mp3", "audio/mp4", "audio/aac", "audio/x-m4a", "video/mp4" -> 0;
      default -> 1;
    };
  }

  private static List<PlayerView.Source> sources(MediaItem item) {
    List<PlayerView.Source> out = new ArrayList<>();
    for (MediaItem.MediaStream s : item.streams()) {
      String url = httpUrl(s.url());
      if (url != null) {
        out.add(new PlayerView.Source(url, s.mimeType()));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Only absolute http and https URLs from hub metadata may become an {@code href} or {@code src}.
   *
   * @param url a URL from hub metadata, or {@code null}
   * @return the URL, or {@code null} when it is missing, unparseable, relative, or of any other scheme
   *     ({@code javascript:}, {@code data:}, …)
   */
  public static @Nullable String httpUrl(@Nullable String url) {
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return url;
      }
    } catch (URISyntaxException e) {
      // not a URL we emit
    }
    return null;
  }
}
