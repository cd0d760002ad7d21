package io.playgate.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CacheImmutableHeadsTest {

  private String saved;

  @BeforeEach
  void save() {
    saved = System.getProperty(Playgate.CACHE_IMMUTABLE_HEADS);
  }

  @AfterEach
  void restore() {
    if (saved == null) {
      System.clearProperty(Playgate.CACHE_IMMUTABLE_HEADS);
    } else {
      System.setProperty(Playgate.CACHE_IMMUTABLE_HEADS, saved);
    }
  }

  @Test
  void onUnlessTheOperatorSetIt() {
    System.clearProperty(Playgate.CACHE_IMMUTABLE_HEADS);
    Playgate.cacheImmutableHeads();
    assertThat(System.getProperty(Playgate.CACHE_IMMUTABLE_HEADS)).isEqualTo("true");
    System.setProperty(Playgate.CACHE_IMMUTABLE_HEADS, "false");
    Playgate.cacheImmutableHeads();
    assertThat(System.getProperty(Playgate.CACHE_IMMUTABLE_HEADS)).isEqualTo("false");
  }
}
