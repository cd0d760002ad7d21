package io.playgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParamsTest {

  @Test
  void decodesOnceAndAnswersAnEqualQueryAlike() {
    QueryParams first = QueryParams.of("a=1&b=x+y&c=%C3%A9");
    QueryParams again = QueryParams.of(new String("a=1&b=x+y&c=%C3%A9".toCharArray()));
    assertThat(first.get("a")).isEqualTo("1");
    assertThat(first.get("b")).isEqualTo("x y");
    assertThat(first.get("c")).isEqualTo("é");
    assertThat(first.get("A")).isNull();
    assertThat(again).isSameAs(first);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a=%zz", "a=%", "a=%4"})
  void aMalformedQueryIsTheSame400EveryTime(String query) {
    ProblemException first = catchThrowableOfType(() -> QueryParams.of(query), ProblemException.class);
    ProblemException again = catchThrowableOfType(() -> QueryParams.of(query), ProblemException.class);
    assertThat(first.status()).isEqualTo(400);
    assertThat(first.getMessage()).isEqualTo("malformed query string: check its percent-encoding");
    assertThat(again.getMessage()).isEqualTo(first.getMessage());
  }

  @Test
  void tooManyParametersIsA400AndARepeatedOneTooOnlyWhenRead() {
    ProblemException many = catchThrowableOfType(() -> QueryParams.of("a=1&".repeat(QueryParams.MAX_PARAMS)),
        ProblemException.class);
    assertThat(many.status()).isEqualTo(400);
    QueryParams repeated = QueryParams.of("a=1&a=2");
    for (int i = 0; i < 2; i++) {
      ProblemException e = catchThrowableOfType(() -> repeated.get("a"), ProblemException.class);
      assertThat(e.getMessage()).isEqualTo("a: given 2 times; give it once");
    }
  }

  @Test
  void rememberedQueriesAreBoundedByCountAndLongOnesAreNotKept() {
    for (int i = 0; i < QueryParams.MEMO_MAX_ENTRIES + 1000; i++) {
      assertThat(QueryParams.of("n=" + i).get("n")).isEqualTo(Integer.toString(i));
    }
    assertThat(QueryParams.memoSize()).isLessThanOrEqualTo(QueryParams.MEMO_MAX_ENTRIES);
    String longQuery = "n=" + "x".repeat(QueryParams.MEMO_MAX_QUERY_CHARS);
    assertThat(QueryParams.of(longQuery)).isNotSameAs(QueryParams.of(longQuery));
  }
}
