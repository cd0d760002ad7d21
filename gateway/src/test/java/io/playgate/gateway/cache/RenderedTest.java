package io.playgate.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playgate.gateway.hub.MediaItemParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** A variant kept compressed: spliced gzip members, inflated identity bodies, tags per coding, weight. */
class RenderedTest {

  private static final String HEAD = "{\"type\":\"rich\",\"title\":\"Feelings — a track\",\"html\":\"<iframe src=\\\"x\\\">"
      + "</iframe>\",\"cache_age\":";
  private static final String TAIL = ",\"width\":600,\"height\":152,\"provider_name\":\"Playgate\"}";

  @Test
  void aGzipVariantSplicesTheMiddleIntoOneValidMember() {
    Rendered r = Rendered.around(Buffer.buffer(HEAD), Buffer.buffer(TAIL)).gzipped();
    assertThat(r.storedAs()).isEqualTo(Rendered.Coding.GZIP);
    for (String middle : new String[] {"", "0", "59", "3600", "31536000"}) {
      Buffer zipped = r.body(middle, Rendered.Coding.GZIP);
      assertThat(gunzip(zipped.getBytes())).isEqualTo(HEAD + middle + TAIL);
      assertThat(r.body(middle, Rendered.Coding.IDENTITY).toString(StandardCharsets.UTF_8)).isEqualTo(HEAD + middle + TAIL);
    }
  }

  @Test
  void randomPartsSurviveTheRoundTrip() {
    Random random = new Random(12);
    for (int i = 0; i < 300; i++) {
      byte[] head = bytes(random, random.nextInt(3) == 0 ? 0 : random.nextInt(9000));
      byte[] tail = bytes(random, random.nextInt(3) == 0 ? 0 : random.nextInt(9000));
      String middle = Long.toString(random.nextLong() & Long.MAX_VALUE).substring(0, random.nextInt(12));
      Rendered r = Rendered.around(Buffer.buffer(head), Buffer.buffer(tail)).gzipped();
      byte[] expected = Buffer.buffer(head).appendString(middle).appendBytes(tail).getBytes();
      assertThat(gunzipBytes(r.body(middle, Rendered.Coding.GZIP).getBytes())).as("gzip %d", i).isEqualTo(expected);
      assertThat(r.body(middle, Rendered.Coding.IDENTITY).getBytes()).as("identity %d", i).isEqualTo(expected);
    }
  }

  @Test
  void aPageIsOneMemberSentAsItIsKept() {
    String page = "<!doctype html><title>Feelings</title>" + "<p>Feelings by Sectoid</p>".repeat(100);
    Rendered r = Rendered.of(Buffer.buffer(page)).gzipped();
    Buffer first = r.body("", Rendered.Coding.GZIP);
    assertThat(r.body("", Rendered.Coding.GZIP).getBytes()).isEqualTo(first.getBytes());
    assertThat(gunzip(first.getBytes())).isEqualTo(page);
    assertThat(r.body().toString(StandardCharsets.UTF_8)).isEqualTo(page);
    assertThat(r.keptLength()).isLessThan(page.length() / 10);
  }

  @Test
  void eachCodingHasItsOwnTag() {
    Rendered plain = Rendered.of(Buffer.buffer("<p>x</p>"));
    Rendered zipped = plain.gzipped();
    assertThat(zipped.etag(Rendered.Coding.IDENTITY)).isEqualTo(plain.etag()).startsWith("W/\"");
    assertThat(zipped.etag(Rendered.Coding.GZIP)).isNotEqualTo(plain.etag())
        .isEqualTo(plain.etag().substring(0, plain.etag().length() - 1) + "-gzip\"");
  }

  @Test
  void theTagIsTheFirst128BitsOfTheSha256OfHeadAndTailInBase64url() throws Exception {
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    sha.update(HEAD.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(TAIL.getBytes(StandardCharsets.UTF_8));
    String bits = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(java.util.Arrays.copyOf(sha.digest(), 16));
    Rendered around = Rendered.around(Buffer.buffer(HEAD), Buffer.buffer(TAIL));
    assertThat(around.etag()).isEqualTo("W/\"" + bits + "\"");
    assertThat(around.gzipped().etag(Rendered.Coding.GZIP)).isEqualTo("W/\"" + bits + "-gzip\"");
    assertThat(around.gzipped().etag(Rendered.Coding.IDENTITY)).isEqualTo(around.etag());
    assertThat(Rendered.opaque(new byte[] {1}, "\"abc\"").etag()).isEqualTo("\"abc\"");
  }

  @Test
  void anIdentityVariantHasNoGzipRepresentation() {
    Rendered plain = Rendered.of(Buffer.buffer("<p>x</p>"));
    assertThat(plain.storedAs()).isEqualTo(Rendered.Coding.IDENTITY);
    assertThatThrownBy(() -> plain.body("", Rendered.Coding.GZIP)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> plain.etag(Rendered.Coding.GZIP)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anOpaqueBodyIsNeverCompressed() {
    byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 1, 2, 3};
    Rendered image = Rendered.opaque(jpeg, "\"abc\"");
    assertThat(image.compressible()).isFalse();
    assertThat(image.gzipped()).isSameAs(image);
    assertThat(image.body().getBytes()).isEqualTo(jpeg);
  }

  @Test
  void theCacheKeepsVariantsCompressedAndWeighsTheirCompressedBytes() {
    CachedMedia gzip = entry(MediaCacheOptions.Compression.GZIP);
    CachedMedia none = entry(MediaCacheOptions.Compression.NONE);
    String page = "<!doctype html>" + "<p>Feelings by Sectoid, from fretsonfire-songs-sectoid</p>".repeat(60);
    Rendered kept = gzip.variant("embed|", () -> Rendered.of(Buffer.buffer(page)));
    Rendered plain = none.variant("embed|", () -> Rendered.of(Buffer.buffer(page)));
    assertThat(kept.storedAs()).isEqualTo(Rendered.Coding.GZIP);
    assertThat(plain.storedAs()).isEqualTo(Rendered.Coding.IDENTITY);
    long itemBytes = gzip.item().estimatedBytes();
    assertThat(gzip.weightBytes() - itemBytes).isEqualTo(kept.bytes() + 8).isLessThan(kept.keptLength() + 400L);
    assertThat(none.weightBytes() - itemBytes).isEqualTo(plain.bytes() + 8).isGreaterThan(page.length());
    assertThat(gzip.variant("embed|", () -> {
      throw new AssertionError("rendered twice");
    })).isSameAs(kept);
    assertThat(gzip.variantCount()).isEqualTo(1);
  }

  private static CachedMedia entry(MediaCacheOptions.Compression compression) {
    MediaCacheOptions options = new MediaCacheOptions(1 << 20, Duration.ofSeconds(1), Duration.ofHours(1),
        Duration.ofSeconds(60)).withCompression(compression);
    return new CachedMedia(MediaItemParser.parse(new JsonObject().put("id", "a").put("kind", "track")
        .put("title", "A").put("pageUrl", "https://hub.example/a").toBuffer(), "a"), "\"e1\"", 0, 1, options,
        () -> 0L, new CachedMedia.Variants(), false, 0);
  }

  private static byte[] bytes(Random random, int length) {
    byte[] b = new byte[length];
    // half text-like (compressible), half noise
    if (random.nextBoolean()) {
      random.nextBytes(b);
    } else {
      for (int i = 0; i < length; i++) {
        b[i] = (byte) ('a' + random.nextInt(4));
      }
    }
    return b;
  }

  private static String gunzip(byte[] member) {
    return new String(gunzipBytes(member), StandardCharsets.UTF_8);
  }

  private static byte[] gunzipBytes(byte[] member) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(member))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
