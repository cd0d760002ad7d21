package io.playgate.gateway.subsonic;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.playgate.gateway.app.Playgate;
import io.playgate.gateway.hub.subsonic.SubsonicApi;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.LogCapture;
import io.playgate.gateway.testing.Supysonic;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Subsonic server that refuses the gateway's credentials, or stops: the same 502s and stale-if-error as the native
 * hub (Debian's supysonic, {@link Supysonic}).
 */
class SubsonicOutageIT {

  @RegisterExtension
  @Order(1)
  static final Supysonic supysonic = new Supysonic();

  @RegisterExtension
  @Order(2)
  static final GatewayExtension gateway = GatewayExtension.embedded().with("hub.mode", "subsonic")
      .with("hub.subsonic.url", supysonic::url).with("hub.subsonic.user", Supysonic.USER)
      .with("hub.subsonic.password", Supysonic.PASSWORD).with("hub.maxAge", "60s").fakeClock();

  private static String oembed(String base, String title) {
    return base + "/oembed?url=" + URLEncoder.encode(base + "/media/s-" + supysonic.songId(title),
        StandardCharsets.UTF_8);
  }

  @Test
  void aWrongPasswordIs502AndOneLogLineNamingTheConfiguration() throws Exception {
    try (LogCapture log = LogCapture.of(SubsonicApi.class.getName(), Level.INFO)) {
      Playgate wrong = gateway.another(Map.of("hub.mode", "subsonic", "hub.subsonic.url", supysonic.url(),
          "hub.subsonic.user", Supysonic.USER, "hub.subsonic.password", "not-the-password"));
      String base = "http://localhost:" + wrong.port();
      assertThat(Http.get(oembed(base, "Feelings")).statusCode()).isEqualTo(502);
      assertThat(Http.get(oembed(base, "Armygeddon")).statusCode()).isEqualTo(502);
      assertThat(log.events()).filteredOn(e -> e.getLevel() == Level.WARN
              && e.getFormattedMessage().startsWith("subsonic.auth"))
          .singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
          .contains("refused user 'alice' (error 40)").contains("hub.subsonic.password")
          .contains("PLAYGATE_HUB_SUBSONIC_PASSWORD").doesNotContain("not-the-password");
      assertThat(log.events()).noneMatch(e -> e.getFormattedMessage().contains("not-the-password"));
    }
  }

  @Test
  void whenTheServerStopsCachedItemsStayAndOthersFailWithinTheDeadline() throws Exception {
    assertThat(Http.get(oembed(gateway.base(), "Feelings")).statusCode()).isEqualTo(200);
    supysonic.stop();
    try {
      // past hub.maxAge and cache.staleWhileRevalidate, within cache.staleIfError
      gateway.ticker().advance(Duration.ofSeconds(120));
      HttpResponse<String> cached = Http.get(oembed(gateway.base(), "Feelings"));
      assertThat(cached.statusCode()).as("stale-if-error").isEqualTo(200);

      long start = System.nanoTime();
      HttpResponse<String> cold = Http.get(oembed(gateway.base(), "War of Freedom"));
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(cold.statusCode()).isEqualTo(502);
      assertThat(cold.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(millis).as("within hub.timeout (5 s)").isLessThan(5_000);
      assertThat(Http.json(Http.get(gateway.base() + "/health/ready")).encode()).contains("\"hub\":\"UNAVAILABLE\"");
    } finally {
      supysonic.start();
    }
  }
}
