package io.playgate.gateway.subsonic;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.Chromium;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Supysonic;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A supysonic track plays in headless Chromium through the gateway's media proxy, and seeks. */
class SubsonicPlayerBrowserIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String MEDIA_JS = """
      const m = document.querySelector('.pg-media');
      if (!m) return null;
      return { currentTime: m.currentTime, paused: m.paused, seeking: m.seeking, src: m.currentSrc,
               error: m.error ? m.error.code : null };""";

  @RegisterExtension
  @Order(1)
  static final Supysonic supysonic = new Supysonic();

  @RegisterExtension
  @Order(2)
  static final GatewayExtension gateway = GatewayExtension.embedded().with("hub.mode", "subsonic")
      .with("hub.subsonic.url", supysonic::url).with("hub.subsonic.user", Supysonic.USER)
      .with("hub.subsonic.password", Supysonic.PASSWORD);

  @RegisterExtension
  @Order(3)
  static final Chromium chromium = Chromium.headless("subsonic", Chromium.AUTOPLAY, "--window-size=800,600",
      "--hide-scrollbars");

  @Test
  void aTrackPlaysThroughTheProxyAndSeeksTo30Seconds() throws Exception {
    ChromeDriver driver = chromium.driver();
    String id = "s-" + supysonic.songId("Feelings");
    driver.get(gateway.base() + "/embed/" + id);
    driver.executeScript("const m = document.querySelector('.pg-media'); m.muted = true; m.play();");
    Map<String, Object> playing = waitForMedia(driver, m -> !(Boolean) m.get("paused")
        && num(m, "currentTime") > 0.3, "playback starts");
    assertThat((String) playing.get("src")).isEqualTo(gateway.base() + "/subsonic/stream/" + id + "/original");

    driver.executeScript("document.querySelector('.pg-media').currentTime = 30;");
    waitForMedia(driver, m -> !(Boolean) m.get("seeking") && num(m, "currentTime") >= 30, "the seek to 30 s");
    chromium.screenshot(driver, "subsonic-player-after-seek");
  }

  private static double num(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).doubleValue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> waitForMedia(ChromeDriver driver, Predicate<Map<String, Object>> ok,
      String what) {
    try {
      return new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).until(d -> {
        Map<String, Object> m = (Map<String, Object>) ((JavascriptExecutor) d).executeScript(MEDIA_JS);
        if (m != null && m.get("error") != null) {
          throw new AssertionError("media error while waiting for " + what + ": " + m);
        }
        return m != null && ok.test(m) ? m : null;
      });
    } catch (TimeoutException e) {
      throw new AssertionError("timed out waiting for " + what + "; media " + driver.executeScript(MEDIA_JS), e);
    }
  }
}
