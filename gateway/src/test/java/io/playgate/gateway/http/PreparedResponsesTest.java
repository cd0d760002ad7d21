package io.playgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PreparedResponsesTest {

  private static PreparedResponses.Prepared build(Object representation, long second, AtomicInteger builds) {
    builds.incrementAndGet();
    return PreparedResponses.prepare(representation, second, "W/\"t\"", "public, max-age=" + second,
        Buffer.buffer("{\"cache_age\":" + second + "}"), HttpHeaders.headers().add("Vary", "Authorization"),
        "Content-Type", "application/json");
  }

  @Test
  void anAnswerIsBuiltOncePerRepresentationAndSecond() {
    PreparedResponses table = PreparedResponses.create();
    Object variant = new Object();
    AtomicInteger builds = new AtomicInteger();
    PreparedResponses.Prepared first = table.get(variant, 300, () -> build(variant, 300, builds));
    assertThat(table.get(variant, 300, () -> build(variant, 300, builds))).isSameAs(first);
    assertThat(builds).hasValue(1);
    PreparedResponses.Prepared next = table.get(variant, 299, () -> build(variant, 299, builds));
    assertThat(builds).hasValue(2);
    assertThat(next.head().get("Cache-Control")).isEqualTo("public, max-age=299");
    assertThat(next.body().toString()).isEqualTo("{\"cache_age\":299}");
    // another representation that happens to be equal is not the same one
    Object other = new Object();
    assertThat(table.get(other, 299, () -> build(other, 299, builds)).representation()).isSameAs(other);
  }

  @Test
  void theHeadHoldsThePrecedingHeadersThenTheGivenOnesThenTheValidatorsAndTheLength() {
    PreparedResponses.Prepared p = build(new Object(), 42, new AtomicInteger());
    List<String> names = new ArrayList<>();
    p.head().forEach((name, value) -> names.add(name + ": " + value));
    assertThat(names).containsExactly("Vary: Authorization", "Content-Type: application/json", "ETag: W/\"t\"",
        "Cache-Control: public, max-age=42", "content-length: " + p.body().length());
    List<String> own = new ArrayList<>();
    p.own().forEach((name, value) -> own.add(name));
    assertThat(own).containsExactly("Content-Type", "ETag", "Cache-Control", "content-length");
    assertThatThrownBy(() -> p.head().add("X-Other", "1")).isInstanceOf(RuntimeException.class);
  }

  @Test
  void theWholeHeadStandsOnlyForExactlyThePrecedingHeaders() {
    PreparedResponses.Prepared p = build(new Object(), 42, new AtomicInteger());
    assertThat(p.follows(HttpHeaders.headers().add("vary", "Authorization"))).isTrue();
    assertThat(p.follows(HttpHeaders.headers())).isFalse();
    assertThat(p.follows(HttpHeaders.headers().add("Vary", "Accept"))).isFalse();
    assertThat(p.follows(HttpHeaders.headers().add("Vary", "Authorization").add("X-Request-Id", "a"))).isFalse();
    assertThat(p.follows(HttpHeaders.headers().add("X-Request-Id", "a"))).isFalse();
  }

  @Test
  void neverServesAnAnswerBuiltForAnotherRepresentationOrSecond() {
    PreparedResponses table = PreparedResponses.create();
    AtomicInteger builds = new AtomicInteger();
    List<Object> variants = new ArrayList<>();
    for (int i = 0; i < 4 * PreparedResponses.SLOTS; i++) {
      Object v = new Object();
      long second = i % 7;
      variants.add(v);
      table.get(v, second, () -> build(v, second, builds));
    }
    for (int i = 0; i < variants.size(); i++) {
      PreparedResponses.Prepared kept = table.kept(variants.get(i), i % 7);
      if (kept != null) {
        assertThat(kept.representation()).isSameAs(variants.get(i));
        assertThat(kept.second()).isEqualTo(i % 7);
      }
    }
    assertThatThrownBy(() -> PreparedResponses.prepare(new Object(), 1, "\"e\"", "no-store", Buffer.buffer(),
        HttpHeaders.headers(), "Content-Type")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PreparedResponses.prepare(new Object(), 1, "\"e\"", "no-store", Buffer.buffer(),
        HttpHeaders.headers(), "Bad Name", "x")).isInstanceOf(IllegalArgumentException.class);
  }
}
