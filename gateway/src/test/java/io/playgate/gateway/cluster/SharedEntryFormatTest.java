package io.playgate.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.cache.SharedEntry;
import io.playgate.gateway.hub.HubFailure;
import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.MediaKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SharedEntryFormat}: entries come back with their age on the reader's clock; anything else is a miss. */
class SharedEntryFormatTest {

  private static final long NOW = 1_800_000_000_000L;
  private static final MediaItem ITEM = new MediaItem("t1", MediaKind.TRACK, "T", null, null, null, null, null,
      "https://hub.example/t1", List.of(), List.of(), null, null, List.of(), true, List.of("*"), false, null, null);

  @Test
  void anItemComesBackOlderByTheTimeBetweenWriteAndRead() {
    SharedEntry written = SharedEntry.of(ITEM, "\"e1\"", Duration.ofSeconds(3).toNanos(),
        Duration.ofSeconds(60).toNanos(), Duration.ofSeconds(90).toNanos());
    String value = SharedEntryFormat.encode(written, NOW);
    assertThat(value).startsWith("pg1\n{");
    SharedEntry read = SharedEntryFormat.decode(value, "t1", NOW + 10_000);
    assertThat(read.item()).isEqualTo(ITEM);
    assertThat(read.etag()).isEqualTo("\"e1\"");
    assertThat(read.ageNanos()).isEqualTo(Duration.ofSeconds(13).toNanos());
    assertThat(read.lifetimeNanos()).isEqualTo(Duration.ofSeconds(60).toNanos());
    // a reader whose clock is behind the writer's sees age 0, never a negative one
    assertThat(SharedEntryFormat.decode(value, "t1", NOW - 60_000).ageNanos()).isZero();
  }

  @Test
  void aNegativeEntry() {
    String value = SharedEntryFormat.encode(SharedEntry.negative(HubFailure.REMOVED, 0,
        Duration.ofSeconds(30).toNanos()), NOW);
    SharedEntry read = SharedEntryFormat.decode(value, "t1", NOW + 1000);
    assertThat(read.item()).isNull();
    assertThat(read.failure()).isEqualTo(HubFailure.REMOVED);
    assertThat(read.ageNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());
  }

  @Test
  void garbageIsAMiss() {
    String good = SharedEntryFormat.encode(SharedEntry.of(ITEM, null, 0, 1_000_000_000L, 1_000_000_000L), NOW);
    List<String> garbage = List.of(
        "hello", "", "pg1", "pg1\n", good.substring(0, good.length() / 2), "pg0" + good.substring(3),
        "pg2" + good.substring(3), "pg1\n[1,2]", "pg1\n{}", "pg1\n{\"validatedAt\":\"x\",\"lifetime\":1}",
        "pg1\n{\"validatedAt\":1,\"lifetime\":1,\"failure\":\"TIMEOUT\"}",
        "pg1\n{\"validatedAt\":1,\"lifetime\":-1,\"failure\":\"REMOVED\"}",
        "pg1\n{\"validatedAt\":1,\"lifetime\":1,\"etag\":5,\"item\":" + good.substring(good.indexOf("\"item\":") + 7),
        "\u0000\u00ff binary");
    for (String value : garbage) {
      assertThat(SharedEntryFormat.decode(value, "t1", NOW)).as(value).isNull();
    }
    assertThat(SharedEntryFormat.decode(good, "t2", NOW)).as("another id's item").isNull();
    assertThat(SharedEntryFormat.decode(good, "t1", NOW)).isNotNull();
  }
}
