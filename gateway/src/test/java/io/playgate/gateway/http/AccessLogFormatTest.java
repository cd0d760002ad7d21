package io.playgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Partner keys sent as access_token never reach the access log. */
class AccessLogFormatTest {

  @Test
  void masksEveryAccessToken() {
    assertThat(AccessLogFormat.redact("/oembed?url=x&access_token=secret")).isEqualTo("/oembed?url=x&access_token=***");
    assertThat(AccessLogFormat.redact("/embed/t1?access_token=a&access_token=b&theme=dark"))
        .isEqualTo("/embed/t1?access_token=***&access_token=***&theme=dark");
    assertThat(AccessLogFormat.redact("/oembed?my_access_token=keep")).isEqualTo("/oembed?my_access_token=keep");
    assertThat(AccessLogFormat.redact("/oembed?url=x")).isEqualTo("/oembed?url=x");
  }
}
