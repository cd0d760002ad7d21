package io.playgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Proactive negotiation (RFC 9110 §12.5.1) between the problem's HTML page and its JSON: ties go to the JSON. */
class ProblemPageTest {

  @Test
  void browsersNavigatingGetTheHtmlPage() {
    // Chromium's and Firefox's navigation Accept values
    assertThat(ProblemPage.prefersHtml("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
        + "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7")).isTrue();
    assertThat(ProblemPage.prefersHtml("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")).isTrue();
    assertThat(ProblemPage.prefersHtml("TEXT/HTML")).isTrue();
    assertThat(ProblemPage.prefersHtml("text/*, application/json;q=0.5")).isTrue();
  }

  @Test
  void apiClientsAndTiesGetTheJson() {
    assertThat(ProblemPage.prefersHtml(null)).isFalse();
    assertThat(ProblemPage.prefersHtml("")).isFalse();
    assertThat(ProblemPage.prefersHtml("*/*")).isFalse();
    assertThat(ProblemPage.prefersHtml("application/json")).isFalse();
    assertThat(ProblemPage.prefersHtml("application/problem+json, text/html")).isFalse();
    assertThat(ProblemPage.prefersHtml("text/html;q=0.5, application/json")).isFalse();
    assertThat(ProblemPage.prefersHtml("text/html, */*")).isFalse();
    assertThat(ProblemPage.prefersHtml("text/html;q=0, */*;q=0.1")).isFalse();
    assertThat(ProblemPage.prefersHtml("text/html;q=abc")).isFalse();
  }

  @Test
  void aTakedownSaysSo() {
    assertThat(ProblemPage.message(404, new io.playgate.gateway.hub.HubException(
        io.playgate.gateway.hub.HubFailure.REMOVED, "t1", "410"))).contains("taken down");
    assertThat(ProblemPage.message(404, null)).contains("removed, or the link may be wrong");
    assertThat(ProblemPage.message(502, null)).contains("on our side");
  }
}
