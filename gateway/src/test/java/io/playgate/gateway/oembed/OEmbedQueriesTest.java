package io.playgate.gateway.oembed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.playgate.gateway.http.ProblemException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OEmbedQueriesTest {

  private static final UrlSchemes HUB = UrlSchemes.compile(List.of("https://hub.example/track/{id}"));
  private static final UrlSchemes OTHER = UrlSchemes.compile(List.of("https://other.example/media/{id}"));

  private static String url(String url) {
    return "url=" + URLEncoder.encode(url, StandardCharsets.UTF_8);
  }

  @Test
  void aQueryIsParsedOnceAndAnsweredAlikeAfterwards() {
    OEmbedQueries queries = OEmbedQueries.create(HUB);
    String q = url("https://hub.example/track/abc") + "&maxwidth=400&format=json&callback=cb&theme=dark";
    OEmbedQueries.Parsed first = queries.parse(q);
    OEmbedQueries.Parsed again = queries.parse(new String(q.toCharArray()));
    assertThat(first.id()).isEqualTo("abc");
    assertThat(first.callback()).isEqualTo("cb");
    assertThat(first.request().maxWidth()).isEqualTo(400);
    assertThat(first.request().variantKey()).contains("theme=dark");
    assertThat(again).isEqualTo(first);
    assertThat(queries.size()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "url=https%3A%2F%2Fhub.example%2Ftrack%2Fabc&url=x | 400 | url: given 2 times; give it once",
      "url=https%3A%2F%2Fhub.example%2Ftrack%2Fabc&format=yaml | 501 | format: only json and xml are supported",
      "maxwidth=300 | 400 | url: required (the URL of the media to embed)",
      "url=https%3A%2F%2Fhub.example%2Ftrack%2Fabc&maxwidth=0 | 400 | maxwidth: must be at least 1",
      "url=https%3A%2F%2Fhub.example%2Ftrack%2Fabc&callback=a(b) | 400 | callback: expected a JavaScript name",
      "url=https%3A%2F%2Fhub.example%2Ftrack%2Fabc&theme=pink | 400 | theme",
      "url=https%3A%2F%2Fevil.test%2Ftrack%2Fabc | 404 | url: not a media URL this provider serves",
      "url=%zz | 400 | malformed query string",
  })
  void anErrorIsTheSameProblemEveryTime(String query, int status, String detail) {
    OEmbedQueries queries = OEmbedQueries.create(HUB);
    ProblemException first = catchThrowableOfType(() -> queries.parse(query), ProblemException.class);
    ProblemException again = catchThrowableOfType(() -> queries.parse(query), ProblemException.class);
    assertThat(first.status()).isEqualTo(status);
    assertThat(first.getMessage()).startsWith(detail);
    assertThat(again.status()).isEqualTo(first.status());
    assertThat(again.getMessage()).isEqualTo(first.getMessage());
    // what the memo answers for an equal query is exactly what a fresh one answers
    ProblemException fresh = catchThrowableOfType(() -> OEmbedQueries.create(HUB).parse(query),
        ProblemException.class);
    assertThat(fresh.status()).isEqualTo(status);
    assertThat(fresh.getMessage()).isEqualTo(first.getMessage());
  }

  @Test
  void noQueryIsAMissingUrl() {
    OEmbedQueries queries = OEmbedQueries.create(HUB);
    ProblemException e = catchThrowableOfType(() -> queries.parse(null), ProblemException.class);
    assertThat(e.status()).isEqualTo(400);
    assertThat(queries.size()).isZero();
  }

  @Test
  void theAnswerDependsOnTheSchemesItWasMadeWith() {
    String q = url("https://hub.example/track/abc");
    assertThat(OEmbedQueries.create(HUB).parse(q).id()).isEqualTo("abc");
    ProblemException e = catchThrowableOfType(() -> OEmbedQueries.create(OTHER).parse(q), ProblemException.class);
    assertThat(e.status()).isEqualTo(404);
    assertThat(OEmbedQueries.create(OTHER).parse(url("https://other.example/media/abc")).id()).isEqualTo("abc");
  }

  @Test
  void isBoundedByCount() {
    OEmbedQueries queries = OEmbedQueries.create(HUB, 16);
    for (int i = 0; i < 1000; i++) {
      assertThat(queries.parse(url("https://hub.example/track/id" + i)).id()).isEqualTo("id" + i);
    }
    assertThat(queries.size()).isLessThanOrEqualTo(16);
    // an evicted query is parsed again, with the same answer
    assertThat(queries.parse(url("https://hub.example/track/id0")).id()).isEqualTo("id0");
  }

  @Test
  void aVeryLongQueryIsAnsweredButNotKept() {
    OEmbedQueries queries = OEmbedQueries.create(HUB);
    String q = url("https://hub.example/track/abc") + "&pad=" + "x".repeat(OEmbedQueries.MAX_QUERY_CHARS);
    assertThat(queries.parse(q).id()).isEqualTo("abc");
    assertThat(queries.size()).isZero();
  }
}
