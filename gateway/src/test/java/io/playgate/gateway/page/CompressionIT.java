package io.playgate.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.cache.CachedMedia;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code cache.compression: gzip} on a real gateway and its embedded hub: every compressible route answers gzip to a
 * client that takes it and the same bytes, inflated, to one that does not; {@code Vary: Accept-Encoding}; one
 * {@code ETag} per coding and {@code 304} against the right one; media, artwork, ranges and JSONP uncompressed; the
 * cache weighs an entry by its compressed bytes.
 */
class CompressionIT {

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded().fakeClock().with("cache.compression", "gzip")
      .with("rights.countryHeader", "CF-IPCountry");

  private String url(String target) {
    String media = URLEncoder.encode(gateway.base() + "/media/", StandardCharsets.UTF_8);
    return gateway.base() + target.replace("{media}", media);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/oembed?url={media}t1", "/oembed?url={media}t1&format=xml",
      "/oembed?url={media}v1&maxwidth=480", "/oembed?url={media}a1&format=xml&maxwidth=320", "/embed/t1",
      "/embed/a1?theme=dark", "/media/t1", "/media/p1", "/media/v1", "/embed/geo1"})
  void gzipInflatesToTheIdentityBytes(String target) {
    // the first request renders and keeps the variant; the country makes /embed/geo1 the unavailable page
    HttpResponse<byte[]> plain = Http.getBytes(url(target), "CF-IPCountry", "US");
    HttpResponse<byte[]> zipped = Http.getBytes(url(target), "Accept-Encoding", "br, gzip;q=0.9, deflate",
        "CF-IPCountry", "US");
    HttpResponse<byte[]> refused = Http.getBytes(url(target), "Accept-Encoding", "gzip;q=0, identity;q=0",
        "CF-IPCountry", "US");
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(zipped.statusCode()).isEqualTo(200);
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(refused.headers().firstValue("Content-Encoding")).as("never 406: identity").isEmpty();
    assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    for (HttpResponse<byte[]> r : List.of(plain, zipped, refused)) {
      assertThat(r.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).containsIgnoringCase("Accept-Encoding"));
    }
    assertThat(gunzip(zipped.body())).isEqualTo(plain.body());
    assertThat(refused.body()).isEqualTo(plain.body());
    assertThat(zipped.body().length).isLessThan(plain.body().length);
    assertThat(zipped.headers().firstValue("Content-Type")).isEqualTo(plain.headers().firstValue("Content-Type"));
    assertThat(zipped.headers().firstValue("Content-Length")).hasValue(Integer.toString(zipped.body().length));
    String tag = plain.headers().firstValue("ETag").orElseThrow();
    assertThat(zipped.headers().firstValue("ETag")).hasValue(tag.substring(0, tag.length() - 1) + "-gzip\"");
  }

  @Test
  void notModifiedComparesTheTagOfTheCodingThatWouldBeSent() {
    String url = url("/media/t1");
    HttpResponse<byte[]> zipped = Http.getBytes(url, "Accept-Encoding", "gzip");
    String gzipTag = zipped.headers().firstValue("ETag").orElseThrow();
    String plainTag = Http.getBytes(url).headers().firstValue("ETag").orElseThrow();

    HttpResponse<byte[]> notModified = Http.getBytes(url, "Accept-Encoding", "gzip", "If-None-Match", gzipTag);
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();
    assertThat(notModified.headers().firstValue("ETag")).hasValue(gzipTag);
    assertThat(notModified.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).containsIgnoringCase("Accept-Encoding"));
    assertThat(Http.getBytes(url, "If-None-Match", plainTag).statusCode()).isEqualTo(304);
    // a tag of the other coding names another representation
    HttpResponse<byte[]> other = Http.getBytes(url, "Accept-Encoding", "gzip", "If-None-Match", plainTag);
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(Http.getBytes(url, "If-None-Match", gzipTag).statusCode()).isEqualTo(200);
  }

  @Test
  void rangesMediaArtworkAndJsonpAreNeverCompressed() {
    HttpResponse<byte[]> ranged = Http.getBytes(url("/embed/t1"), "Accept-Encoding", "gzip", "Range", "bytes=0-9");
    assertThat(ranged.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(ranged.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).containsIgnoringCase("Accept-Encoding"));

    String stream = gateway.cache().peek("t1").streams().get(0).url();
    for (String target : List.of(stream, url("/artwork/t1/300.jpg"), url("/oembed?url={media}t1&callback=cb"))) {
      HttpResponse<byte[]> r = Http.getBytes(target, "Accept-Encoding", "gzip");
      assertThat(r.headers().firstValue("Content-Encoding")).as(target).isEmpty();
    }
  }

  @Test
  void theCacheWeighsAnEntryByItsCompressedBytes() throws Exception {
    long zippedBytes = 0;
    long plainBytes = 0;
    List<String> targets = List.of("/oembed?url={media}v1", "/oembed?url={media}v1&format=xml",
        "/oembed?url={media}v1&maxwidth=480", "/embed/v1", "/media/v1");
    for (String target : targets) {
      zippedBytes += Http.getBytes(url(target), "Accept-Encoding", "gzip").body().length;
      plainBytes += Http.getBytes(url(target)).body().length;
    }
    CachedMedia entry = gateway.cache().get("v1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(entry.variantCount()).isEqualTo(targets.size());
    long variantWeight = entry.weightBytes() - entry.item().estimatedBytes();
    // kept bytes: each gzip answer less oEmbed's spliced cache_age block and trailer; plus a few hundred bytes of
    // objects, tags and array slots per variant
    assertThat(variantWeight).isBetween(zippedBytes - 30L * targets.size(), zippedBytes + 320L * targets.size())
        .isLessThan(plainBytes);
  }

  private static byte[] gunzip(byte[] member) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(member))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
