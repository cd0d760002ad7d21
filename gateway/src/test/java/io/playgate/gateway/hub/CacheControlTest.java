package io.playgate.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CacheControlTest {

  @Test
  void readsMaxAge() {
    assertThat(CacheControl.maxAgeSeconds("public, max-age=300")).isEqualTo(300L);
    assertThat(CacheControl.maxAgeSeconds("Max-Age=\"60\"")).isEqualTo(60L);
    assertThat(CacheControl.maxAgeSeconds("max-age=99999999999999999999")).isEqualTo((long) Integer.MAX_VALUE);
  }

  @Test
  void noStoreMeansZero() {
    assertThat(CacheControl.maxAgeSeconds("max-age=300, no-store")).isZero();
    assertThat(CacheControl.maxAgeSeconds("no-cache")).isZero();
  }

  @Test
  void absentOrMalformedGrantsNothing() {
    assertThat(CacheControl.maxAgeSeconds(null)).isNull();
    assertThat(CacheControl.maxAgeSeconds("public")).isNull();
    assertThat(CacheControl.maxAgeSeconds("max-age=-5")).isNull();
  }
}
