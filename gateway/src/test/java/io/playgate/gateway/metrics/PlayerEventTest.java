package io.playgate.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.playgate.gateway.hub.Visibility;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlayerEventTest {

  private static PlayerEvent parse(String json) {
    return PlayerEvent.parse(Buffer.buffer(json));
  }

  @Test
  void acceptsExactlyTheFourMembers() {
    PlayerEvent e = parse("{\"v\":1,\"media\":\"t1\",\"event\":\"q50\",\"origin\":\"HTTPS://Blog.Example:8443\"}");
    assertThat(e).isEqualTo(new PlayerEvent("t1", "q50", "https://blog.example:8443"));
    assertThat(parse("{\"origin\":\"null\",\"event\":\"ended\",\"media\":\"a-b_c\",\"v\":1.0}").origin()).isEqualTo("null");
  }

  @Test
  void originsAreOriginsOnly() {
    for (String bad : new String[] {"", "blog.example", "https://blog.example/", "https://blog.example/x",
        "https://blog.example?q", "https://blog.example#f", "https://u:p@blog.example", "ftp://blog.example",
        "javascript:alert(1)", "data:text/html,x", "https://", "https://blog.example:0", "https://blog.example:99999",
        "https://" + "a".repeat(300) + ".example", "null "}) {
      assertThatThrownBy(() -> PlayerEvent.origin(bad)).as(bad).hasMessageStartingWith("origin:");
    }
    assertThat(PlayerEvent.origin("http://[::1]:8080")).isEqualTo("http://[::1]:8080");
    assertThat(PlayerEvent.origin("http://127.0.0.1:5000")).isEqualTo("http://127.0.0.1:5000");
    // the scheme's default port is not part of the serialised origin (RFC 6454 §6.2): one label, not two
    assertThat(PlayerEvent.origin("https://EXAMPLE.com:443")).isEqualTo("https://example.com");
    assertThat(PlayerEvent.origin("http://example.com:80")).isEqualTo("http://example.com");
    assertThat(PlayerEvent.origin("http://example.com:443")).isEqualTo("http://example.com:443");
  }

  @Test
  void rejectsEverythingElseNamingTheMember() {
    assertThatThrownBy(() -> parse("null")).hasMessageStartingWith("body:");
    assertThatThrownBy(() -> parse("\"play\"")).hasMessageStartingWith("body:");
    assertThatThrownBy(() -> parse("{\"v\":\"1\",\"media\":\"t1\",\"event\":\"play\",\"origin\":\"null\"}"))
        .hasMessageStartingWith("v:");
    assertThatThrownBy(() -> parse("{\"v\":1,\"media\":7,\"event\":\"play\",\"origin\":\"null\"}"))
        .hasMessageStartingWith("media:");
    assertThatThrownBy(() -> parse("{\"v\":1,\"media\":\"t1\",\"event\":\"PLAY\",\"origin\":\"null\"}"))
        .hasMessageStartingWith("event:");
    assertThatThrownBy(() -> parse("{\"v\":1,\"media\":\"t1\",\"event\":\"play\",\"origin\":\"null\",\"ip\":\"1.2.3.4\"}"))
        .hasMessageStartingWith("unknown member 'ip'");
  }

  @Test
  void counterCapsOriginsAndMediaIds() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PlayerEventCounter counter = new PlayerEventCounter(registry, 2, 1);
    counter.count(new PlayerEvent("m1", "play", "https://a.example"), Visibility.PUBLIC);
    counter.count(new PlayerEvent("m1", "play", "https://b.example"), Visibility.PUBLIC);
    counter.count(new PlayerEvent("m1", "play", "https://c.example"), Visibility.PUBLIC);
    counter.count(new PlayerEvent("m2", "play", "https://a.example"), Visibility.PUBLIC);
    counter.count(new PlayerEvent("m1", "play", "https://a.example"), Visibility.PUBLIC);
    assertThat(registry.get(PlayerEventCounter.METER).tags("media", "m1", "origin", "https://a.example").counter().count())
        .isEqualTo(2);
    assertThat(registry.get(PlayerEventCounter.METER).tags("media", "m1", "origin", "other").counter().count())
        .isEqualTo(1);
    assertThat(registry.get(PlayerEventCounter.METER).tags("media", "other", "origin", "https://a.example").counter()
        .count()).isEqualTo(1);
    assertThat(registry.getMeters()).hasSize(4);
  }

  @Test
  void partnersOriginsKeepTheirLabelWhateverArrivesFirst() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PlayerEventCounter counter = new PlayerEventCounter(registry, 3, 10,
        List.of("https://Acme.Example:443", "http://partner.example:8080"));
    for (int i = 0; i < 5; i++) {
      counter.count(new PlayerEvent("m1", "play", "https://junk" + i + ".example"), Visibility.PUBLIC);
    }
    counter.count(new PlayerEvent("m1", "play", "https://acme.example"), Visibility.PUBLIC);
    counter.count(new PlayerEvent("m1", "play", "http://partner.example:8080"), Visibility.PUBLIC);
    assertThat(registry.get(PlayerEventCounter.METER).tags("origin", "https://acme.example").counter().count())
        .isEqualTo(1);
    assertThat(registry.get(PlayerEventCounter.METER).tags("origin", "http://partner.example:8080").counter().count())
        .isEqualTo(1);
    // 3 slots, 2 reserved: one first-come slot, the other four junk origins are "other"
    assertThat(registry.get(PlayerEventCounter.METER).tags("origin", "https://junk0.example").counter().count())
        .isEqualTo(1);
    assertThat(registry.get(PlayerEventCounter.METER).tags("origin", "other").counter().count()).isEqualTo(4);
    assertThat(registry.getMeters()).hasSize(4);
  }

  @Test
  void moreReservedOriginsThanSlotsAreAllNamedAndNoneGoesFirstCome() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PlayerEventCounter counter =
        new PlayerEventCounter(registry, 1, 10, List.of("https://a.example", "https://b.example"));
    counter.count(new PlayerEvent("m1", "play", "https://c.example"), Visibility.PUBLIC);
    counter.count(new PlayerEvent("m1", "play", "https://b.example"), Visibility.PUBLIC);
    counter.count(new PlayerEvent("m1", "play", "https://a.example"), Visibility.PUBLIC);
    assertThat(registry.getMeters()).extracting(m -> m.getId().getTag("origin"))
        .containsExactlyInAnyOrder("other", "https://a.example", "https://b.example");
    assertThatThrownBy(() -> new PlayerEventCounter(registry, 1, 1, List.of("https://*.a.example")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void privateAndUnlistedIdsAreNeverLabelsAndTakeNoSlot() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PlayerEventCounter counter = new PlayerEventCounter(registry, 10, 1);
    counter.count(new PlayerEvent("secret-private", "play", "https://a.example"), Visibility.PRIVATE);
    counter.count(new PlayerEvent("secret-unlisted", "q25", "https://a.example"), Visibility.UNLISTED);
    counter.count(new PlayerEvent("m1", "play", "https://a.example"), Visibility.PUBLIC);
    assertThat(registry.getMeters()).extracting(m -> m.getId().getTag("media"))
        .containsExactlyInAnyOrder("other", "other", "m1");
  }
}
