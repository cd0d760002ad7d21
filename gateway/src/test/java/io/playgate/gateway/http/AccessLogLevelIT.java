package io.playgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.LogCapture;
import io.playgate.hub.simulator.FaultSettings;
import io.playgate.hub.simulator.HubFaults;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The access log's level says whose fault a status is: a client's (4xx, and 501 for an unsupported oEmbed
 * {@code format}) is WARN, so anyone on the internet cannot write ERROR lines at will; a real server-side failure
 * (a 502 because the hub fails) is ERROR; a success is INFO. Against a real gateway, reading the real access
 * logger.
 */
class AccessLogLevelIT {

  private static final String ACCESS_LOGGER = "io.vertx.ext.web.handler.LoggerHandler";

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded().with("server.accessLog", "true");

  private static String oembed(String id, String extra) {
    return gateway.loopbackBase() + "/oembed?url="
        + URLEncoder.encode(gateway.base() + "/media/" + id, StandardCharsets.UTF_8) + extra;
  }

  /** Sends GET {@code url}, expects {@code status}, returns the level of its access line. */
  private static Level levelOf(String url, int status, String marker) throws Exception {
    try (LogCapture access = LogCapture.of(ACCESS_LOGGER, Level.INFO)) {
      assertThat(Http.get(url).statusCode()).as(url).isEqualTo(status);
      // the line is written when the response ends, possibly just after the client has it: wait 5 s at most
      Optional<ILoggingEvent> line = await("access line for " + url).atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> access.events().stream().filter(e -> e.getFormattedMessage().contains(marker)
              && e.getFormattedMessage().contains(" " + status + " ")).findFirst(), Optional::isPresent);
      assertThat(line).as("access line for " + url).isPresent();
      return line.get().getLevel();
    }
  }

  @Test
  void clientFaultsAreWarnServerFailuresAreError() throws Exception {
    assertThat(levelOf(oembed("t1", "&format=foo"), 501, "format=foo")).isEqualTo(Level.WARN);
    assertThat(levelOf(oembed("t1", "&maxwidth=abc"), 400, "maxwidth=abc")).isEqualTo(Level.WARN);
    assertThat(levelOf(gateway.loopbackBase() + "/no/such/page", 404, "/no/such/page")).isEqualTo(Level.WARN);
    assertThat(levelOf(oembed("t1", ""), 200, "/oembed")).isEqualTo(Level.INFO);
    HubFaults.of(gateway.localHub()).set(FaultSettings.NONE.withErrorRate(1.0, 503));
    try {
      // an id not cached yet, so the hub failure reaches the client
      assertThat(levelOf(oembed("t2", ""), 502, "t2")).isEqualTo(Level.ERROR);
    } finally {
      HubFaults.of(gateway.localHub()).reset();
    }
  }
}
