package io.playgate.gateway.cluster;

import io.playgate.gateway.cache.SharedEntry;
import io.playgate.gateway.hub.HubException;
import io.playgate.gateway.hub.HubFailure;
import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.MediaItemJson;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The value of a shared cache entry in Redis (docs/operators.md, "The shared cache level"): the format version line
 * {@value #VERSION} and a newline, then one JSON object:
 * <pre>{@code
 * {"validatedAt": <epoch ms>, "lifetime": <ms>, "etag": "…" | absent, "item": <hub API v1 MediaItem> }
 * {"validatedAt": <epoch ms>, "lifetime": <ms>, "failure": "NOT_FOUND" | "REMOVED" | "PRIVATE" }
 * }</pre>
 * {@code validatedAt} is wall-clock time (the nodes share no monotonic clock): the reader's age of the entry is its
 * own wall clock minus it, at least 0. Anything else under the key (another version, a foreign or truncated value)
 * reads as {@code null}: a miss, so a rolling upgrade that changes the format reads the old values as misses.
 */
final class SharedEntryFormat {

  /** The format version this code writes and reads; change it with any change of the shape above. */
  static final String VERSION = "pg1";
  private static final String HEAD = VERSION + "\n";

  private SharedEntryFormat() {
  }

  /**
   * @param entry what to share
   * @param nowMillis the wall clock now, epoch milliseconds
   * @return the value to store
   */
  static String encode(SharedEntry entry, long nowMillis) {
    JsonObject o = new JsonObject()
        .put("validatedAt", nowMillis - TimeUnit.NANOSECONDS.toMillis(entry.ageNanos()))
        .put("lifetime", TimeUnit.NANOSECONDS.toMillis(entry.lifetimeNanos()));
    MediaItem item = entry.item();
    if (item != null) {
      o.put("etag", entry.etag()).put("item", MediaItemJson.write(item));
    } else if (entry.failure() != null) {
      o.put("failure", entry.failure().name());
    }
    return HEAD + o.encode();
  }

  /**
   * @param value what Redis holds under the id's key
   * @param id the media id the key is for
   * @param nowMillis the wall clock now, epoch milliseconds
   * @return the entry, or {@code null} when the value is not a well-formed entry of this version for {@code id}
   */
  static @Nullable SharedEntry decode(String value, String id, long nowMillis) {
    if (!value.startsWith(HEAD)) {
      return null;
    }
    try {
      JsonObject o = new JsonObject(value.substring(HEAD.length()));
      if (!(o.getValue("validatedAt") instanceof Number at) || !(o.getValue("lifetime") instanceof Number life)
          || life.longValue() < 0) {
        return null;
      }
      long ageNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, nowMillis - at.longValue()));
      long lifetimeNanos = TimeUnit.MILLISECONDS.toNanos(life.longValue());
      if (o.getValue("item") instanceof JsonObject item) {
        Object etag = o.getValue("etag");
        return etag != null && !(etag instanceof String) ? null
            : SharedEntry.of(MediaItemJson.read(item, id), (String) etag, ageNanos, lifetimeNanos, 0);
      }
      HubFailure failure = remembered(o.getValue("failure"));
      return failure == null ? null : new SharedEntry(null, null, failure, ageNanos, lifetimeNanos, 0);
    } catch (DecodeException | HubException | ClassCastException | IllegalArgumentException e) {
      return null;
    }
  }

  private static @Nullable HubFailure remembered(@Nullable Object name) {
    for (HubFailure f : new HubFailure[] {HubFailure.NOT_FOUND, HubFailure.REMOVED, HubFailure.PRIVATE}) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }
}
