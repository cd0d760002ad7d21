package io.playgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.app.Playgate;
import io.playgate.gateway.testing.Chromium;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a person sees where a player or share page cannot be shown (an unknown or taken-down id in a partner's
 * iframe, a private item's share page): in real headless Chromium (Debian {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}) against a real gateway on the test catalogue, the problem arrives as a small page in
 * the player's look, styled by the player's CSS under the pages' strict CSP (no violation in the console), saying
 * "This isn't available" and why, with no media; an API client asking the same URL gets the same status as
 * {@code application/problem+json}, and {@code /oembed} answers JSON even to a browser. Screenshots land in
 * {@code gateway/target/screenshots/problem-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProblemPageBrowserIT {

  /** What Chromium sends when it navigates to a page (a top-level page or an iframe). */
  private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
      + "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded();
  @RegisterExtension
  static final Chromium chromium = Chromium.headless("problem", "--window-size=800,600");

  private ChromeDriver driver;
  private String base;

  @BeforeAll
  void baseAndDriver() {
    base = gateway.base();
    driver = chromium.driver();
  }

  /** Every page must run under its CSP without a single violation (a blocked stylesheet would be one). */
  @AfterEach
  void noContentSecurityPolicyViolations() {
    assertThat(chromium.consoleMessages(e -> e.getMessage().contains("Content Security Policy")
        || e.getMessage().contains("Refused to"))).as("CSP violations in the browser console").isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/embed/nosuchid  | 404 | It may have been removed, or the link may be wrong. | embed-unknown",
      "/embed/gone1     | 404 | It has been taken down.                              | embed-taken-down",
      "/media/private1  | 401 | It is private                                        | media-private",
      "/media/unlisted1 | 401 | It is private                                        | media-unlisted"})
  void aPersonSeesAStyledPageWithTheSameStatusAndNoMedia(String path, int status, String reason, String shot)
      throws IOException {
    // the status and type a browser gets, and what an API client gets for the same URL
    HttpResponse<String> asBrowser = Http.get(base + path, "Accept", BROWSER_ACCEPT);
    assertThat(asBrowser.statusCode()).isEqualTo(status);
    assertThat(asBrowser.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(asBrowser.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'none'").contains("style-src 'self'").doesNotContain("unsafe-inline");
    HttpResponse<String> asApi = Http.get(base + path, "Accept", "application/json");
    assertThat(asApi.statusCode()).isEqualTo(status);
    assertThat(asApi.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Http.json(asApi).getInteger("status")).isEqualTo(status);

    driver.get(base + path);
    assertPage(reason);
    assertThat(driver.getTitle()).isEqualTo("This isn't available · Playgate");
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
    assertThat(driver.findElement(By.cssSelector(".pg-problem-code")).getText()).startsWith("Error " + status);
    chromium.screenshot(driver, "problem-" + shot);
  }

  @Test
  void aPartnersIframeShowsThePageNotJson() throws Exception {
    // the partner: a page on another origin (127.0.0.1, not the gateway's localhost) that frames a dead player
    String host = "<!DOCTYPE html><html lang=\"en\"><title>partner</title><h1>A partner's post</h1><iframe src=\""
        + base + "/embed/nosuchid\" width=\"560\" height=\"152\" title=\"player\"></iframe></html>";
    HttpServer partner = gateway.vertx().createHttpServer()
        .requestHandler(req -> req.response().putHeader("Content-Type", "text/html; charset=utf-8").end(host))
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    try {
      driver.get("http://127.0.0.1:" + partner.actualPort() + "/post");
      driver.switchTo().frame(driver.findElement(By.tagName("iframe")));
      try {
        new WebDriverWait(driver, Duration.ofSeconds(10))
            .until(d -> !d.findElements(By.cssSelector("main.pg-problem")).isEmpty());
        assertPage("It may have been removed");
        assertThat(driver.getPageSource()).doesNotContain("\"status\"");
      } finally {
        driver.switchTo().defaultContent();
      }
      chromium.screenshot(driver, "problem-in-iframe");
    } finally {
      partner.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void oembedAnswersJsonEvenToABrowser() {
    HttpResponse<String> r = Http.get(base + "/oembed?url=" + URLEncoder.encode(base + "/media/nosuchid",
        StandardCharsets.UTF_8), "Accept", BROWSER_ACCEPT);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  /** The page says what and why, is styled by the player's CSS, and has no media and no script. */
  private void assertPage(String reason) {
    WebElement main = driver.findElement(By.cssSelector("main.pg-problem"));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("This isn't available");
    assertThat(driver.findElement(By.cssSelector(".pg-message")).getText()).contains(reason);
    // player.css loaded under the CSP: the frame is a centred flex column, and the theme's font applies
    assertThat(main.getCssValue("display")).isEqualTo("flex");
    assertThat(main.getCssValue("align-items")).isEqualTo("center");
    assertThat(driver.findElement(By.tagName("body")).getCssValue("margin")).isEqualTo("0px");
    assertThat(driver.findElements(By.cssSelector("audio, video, source, script, iframe"))).isEmpty();
  }
}
