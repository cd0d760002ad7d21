package io.playgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Secrets never reach the access log: partner keys ({@code access_token}, however its name is percent-encoded) and
 * signatures are masked by decoded parameter name; a private or unlisted media id is shown as {@code <private>}.
 */
class AccessLogFormatTest {

  @Test
  void masksEveryAccessToken() {
    assertThat(AccessLogFormat.redact("/oembed?url=x&access_token=secret")).isEqualTo("/oembed?url=x&access_token=***");
    assertThat(AccessLogFormat.redact("/embed/t1?access_token=a&access_token=b&theme=dark"))
        .isEqualTo("/embed/t1?access_token=***&access_token=***&theme=dark");
    assertThat(AccessLogFormat.redact("/oembed?my_access_token=keep")).isEqualTo("/oembed?my_access_token=keep");
    assertThat(AccessLogFormat.redact("/oembed?url=x")).isEqualTo("/oembed?url=x");
  }

  @Test
  void namesAreComparedDecodedSoNoSpellingOfAKeyParameterGetsThrough() {
    assertThat(AccessLogFormat.redact("/oembed?url=x&access%5Ftoken=KEY")).isEqualTo("/oembed?url=x&access%5Ftoken=***");
    assertThat(AccessLogFormat.redact("/oembed?acc%65ss%5ftoken=KEY&a=b")).isEqualTo("/oembed?acc%65ss%5ftoken=***&a=b");
    assertThat(AccessLogFormat.redact("/oembed?%61ccess_token=KEY")).isEqualTo("/oembed?%61ccess_token=***");
    assertThat(AccessLogFormat.redact("/oembed?ACCESS_TOKEN=KEY")).isEqualTo("/oembed?ACCESS_TOKEN=***");
    // a name that cannot be decoded might be anything: its value is masked
    assertThat(AccessLogFormat.redact("/oembed?access%zztoken=KEY")).isEqualTo("/oembed?access%zztoken=***");
    // a value without a name, a name without a value, empty pairs
    assertThat(AccessLogFormat.redact("/oembed?=KEY&access_token&&x=1")).isEqualTo("/oembed?=KEY&access_token&&x=1");
  }

  @Test
  void signaturesAndOtherSecretParametersAreMasked() {
    assertThat(AccessLogFormat.redact("/embed/t1?exp=1700000000&partner=acme&sig=abcdef"))
        .isEqualTo("/embed/t1?exp=1700000000&partner=acme&sig=***");
    assertThat(AccessLogFormat.redact("/embed/t1?s%69g=abcdef&api_key=k&token=t"))
        .isEqualTo("/embed/t1?s%69g=***&api_key=***&token=***");
  }

  @Test
  void aHiddenIdIsShownAsPrivateInPathAndParameterValues() {
    assertThat(AccessLogFormat.redact("/embed/private1?exp=1&partner=acme&sig=abc", "private1"))
        .isEqualTo("/embed/<private>?exp=1&partner=acme&sig=***");
    assertThat(AccessLogFormat.redact("/embed/%70rivate1", "private1")).isEqualTo("/embed/<private>");
    assertThat(AccessLogFormat.redact("/oembed?url=http%3A%2F%2Fh%2Fmedia%2Fprivate1&maxwidth=400", "private1"))
        .isEqualTo("/oembed?url=<private>&maxwidth=400");
    assertThat(AccessLogFormat.redact("/hub/v1/media/private1", "private1")).isEqualTo("/hub/v1/media/<private>");
    // nothing hidden: the id stays
    assertThat(AccessLogFormat.redact("/embed/t1?theme=dark", null)).isEqualTo("/embed/t1?theme=dark");
  }
}
