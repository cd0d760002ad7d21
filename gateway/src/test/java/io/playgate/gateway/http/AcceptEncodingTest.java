package io.playgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 9110 §12.5.3 as the gateway reads it: gzip or identity, never 406. */
class AcceptEncodingTest {

  @ParameterizedTest(name = "[{0}] -> gzip")
  @CsvSource(delimiter = '|', value = {
      "gzip",
      "GZip",
      "x-gzip",
      "gzip, deflate, br, zstd",
      "br;q=1.0, gzip;q=0.8, *;q=0.1",
      "*",
      "*;q=0.5",
      "gzip;q=0.5, identity;q=0.5",
      "gzip;q=1, identity;q=0",
      "gzip ; q=0.001, identity;q=0.001",
      "gzip;Q=1.000",
      "gzip;q=0.001",
      "br, gzip;q=0.9",
      "deflate, gzip;q=1.0;level=9",
  })
  void choosesGzip(String header) {
    assertThat(AcceptEncoding.choosesGzip(header)).isTrue();
  }

  @ParameterizedTest(name = "[{0}] -> identity")
  @CsvSource(delimiter = '|', value = {
      "''",
      "'   '",
      "identity",
      "br, deflate",
      "gzip;q=0",
      "gzip;q=0.000",
      "gzip;q=0.5, identity",
      "*;q=0",
      "*;q=0, identity;q=0",
      "gzip;q=0, *",
      "gzip;q=0, identity;q=0",
      "gzip;q=1.5",
      "gzip;q=abc",
      "gzip;q=0.0001",
      "identity;q=0",
      "gzipx",
  })
  void choosesIdentity(String header) {
    assertThat(AcceptEncoding.choosesGzip(header)).isFalse();
  }

  @Test
  void noHeaderIsIdentity() {
    assertThat(AcceptEncoding.choosesGzip((String) null)).isFalse();
    assertThat(AcceptEncoding.choosesGzip(List.of())).isFalse();
  }

  @Test
  void severalHeaderLinesAreOneList() {
    assertThat(AcceptEncoding.choosesGzip(List.of("br", "gzip"))).isTrue();
    assertThat(AcceptEncoding.choosesGzip(List.of("gzip;q=0.5", "identity"))).isFalse();
    assertThat(AcceptEncoding.choosesGzip(List.of("identity;q=0.5", "gzip;q=0.6"))).isTrue();
  }
}
