package io.playgate.gateway.cache;

import io.playgate.gateway.hub.HubFailure;
import io.playgate.gateway.hub.MediaItem;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the cluster's nodes share for one media id in the second level ({@link SharedLevel}): a MediaItem with its ETag
 * and freshness, or a remembered hub answer {@code 404}/{@code 410}/{@code 403}. Times are durations, not instants:
 * the nodes do not share a clock; the level stores the validation as wall-clock time and gives back its age.
 *
 * @param item the hub's MediaItem; {@code null} for a negative entry
 * @param etag the hub's ETag for the item, or {@code null}
 * @param failure the remembered hub answer of a negative entry ({@link HubFailure#NOT_FOUND}, {@link HubFailure#REMOVED}
 *     or {@link HubFailure#PRIVATE}); {@code null} for an item
 * @param ageNanos how long ago the hub last answered for it (RFC 9111 §4.2.3 current age), {@code >= 0}
 * @param lifetimeNanos its freshness lifetime (an item's clamped max-age, a negative entry's
 *     {@link MediaCacheOptions#negativeTtl()}), {@code >= 0}
 * @param keepNanos how long from now the level should keep it (an item's freshness left plus the longer stale window);
 *     only meaningful when writing, {@code 0} when read back
 */
public record SharedEntry(@Nullable MediaItem item, @Nullable String etag, @Nullable HubFailure failure, long ageNanos,
    long lifetimeNanos, long keepNanos) {

  /**
   * Checks the shape.
   *
   * @throws IllegalArgumentException unless exactly one of {@code item} and {@code failure} is set and the times are
   *     not negative
   */
  public SharedEntry {
    if ((item == null) == (failure == null) || ageNanos < 0 || lifetimeNanos < 0 || keepNanos < 0) {
      throw new IllegalArgumentException("a shared entry holds an item or a failure, with non-negative times");
    }
  }

  /**
   * @param item the item
   * @param etag its ETag, or {@code null}
   * @param ageNanos its age
   * @param lifetimeNanos its freshness lifetime
   * @param keepNanos how long to keep it from now
   * @return an item entry
   */
  public static SharedEntry of(MediaItem item, @Nullable String etag, long ageNanos, long lifetimeNanos,
      long keepNanos) {
    return new SharedEntry(Objects.requireNonNull(item, "item"), etag, null, ageNanos, lifetimeNanos, keepNanos);
  }

  /**
   * @param failure the hub's answer, one that is remembered ({@code 404}, {@code 410}, {@code 403})
   * @param ageNanos its age
   * @param lifetimeNanos how long it is remembered in all
   * @return a negative entry, kept for what is left of its lifetime
   */
  public static SharedEntry negative(HubFailure failure, long ageNanos, long lifetimeNanos) {
    return new SharedEntry(null, null, Objects.requireNonNull(failure, "failure"), ageNanos, lifetimeNanos,
        Math.max(0, lifetimeNanos - ageNanos));
  }
}
