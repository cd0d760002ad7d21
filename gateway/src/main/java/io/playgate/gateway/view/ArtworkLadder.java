package io.playgate.gateway.view;

import io.playgate.gateway.hub.MediaItem;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The fixed sizes the gateway scales hub artwork to (ARCHITECTURE.md, "Artwork and social cards"): square bounding
 * boxes of {@link #STEPS} px, plus the {@value #CARD_WIDTH}×{@value #CARD_HEIGHT} social card. A request between
 * two steps gets the next step up; nothing is ever scaled above the source, so a step larger than the source gives
 * the source's own size. A closed ladder keeps what the gateway renders and caches bounded per item, whatever sizes
 * clients ask for. Pure functions; thread-safe.
 */
public final class ArtworkLadder {

  /** The bounding-box sizes, px, ascending. */
  public static final List<Integer> STEPS = List.of(64, 128, 300, 600);
  /** The social card's width, px (the Open Graph and Twitter large-image size). */
  public static final int CARD_WIDTH = 1200;
  /** The social card's height, px. */
  public static final int CARD_HEIGHT = 630;
  /** The social card's name in {@code /artwork/{id}/card.jpg}. */
  public static final String CARD = "card";

  private ArtworkLadder() {
  }

  /**
   * A size in px.
   *
   * @param width px, positive
   * @param height px, positive
   */
  public record Dimensions(int width, int height) {
  }

  /**
   * @param requestedPx a wanted bounding-box size in px
   * @return the smallest step {@code >= requestedPx}, or empty when {@code requestedPx} is below 1 or above the
   *     largest step
   */
  public static Optional<Integer> stepFor(int requestedPx) {
    if (requestedPx < 1) {
      return Optional.empty();
    }
    return STEPS.stream().filter(step -> step >= requestedPx).findFirst();
  }

  /**
   * The artwork the gateway scales: the largest (by pixel count, as the hub declares it) whose URL is an absolute
   * http(s) URL; only artwork the hub lists for the item, never a URL from a request.
   *
   * @param item a MediaItem
   * @return the source artwork, or {@code null} when the hub lists none usable
   */
  public static MediaItem.@Nullable Artwork source(MediaItem item) {
    MediaItem.Artwork best = null;
    for (MediaItem.Artwork a : item.artwork()) {
      if (PlayerViews.httpUrl(a.url()) != null
          && (best == null || (long) a.width() * a.height() > (long) best.width() * best.height())) {
        best = a;
      }
    }
    return best;
  }

  /**
   * The size of a {@code width}×{@code height} image scaled to fit a {@code box}×{@code box} square, aspect kept,
   * never larger than the image itself (no upscaling); each side rounded to the nearest px, at least 1.
   *
   * @param width source width, px, positive
   * @param height source height, px, positive
   * @param box the bounding box, px, positive
   * @return the scaled size
   */
  public static Dimensions fit(int width, int height, int box) {
    double scale = Math.min(1.0, (double) box / Math.max(width, height));
    return new Dimensions(Math.max(1, (int) Math.round(width * scale)),
        Math.max(1, (int) Math.round(height * scale)));
  }

  /**
   * The largest step whose scaled size fits within {@code maxWidth} × {@code maxHeight} (oEmbed 1.0 §2.3.4: the
   * thumbnail respects them too), computed from the source's declared size.
   *
   * @param source the source artwork ({@link #source})
   * @param maxWidth px, or {@code null} for no bound
   * @param maxHeight px, or {@code null} for no bound
   * @return the step, or empty when even the smallest does not fit
   */
  public static Optional<Integer> largestStepWithin(MediaItem.Artwork source, @Nullable Integer maxWidth,
      @Nullable Integer maxHeight) {
    Integer found = null;
    for (int step : STEPS) {
      Dimensions d = fit(source.width(), source.height(), step);
      if ((maxWidth == null || d.width() <= maxWidth) && (maxHeight == null || d.height() <= maxHeight)) {
        found = step;
      }
    }
    return Optional.ofNullable(found);
  }
}
