package io.playgate.gateway.partner;

import static io.playgate.gateway.partner.PartnerFixtures.ACME_KEY;
import static io.playgate.gateway.partner.PartnerFixtures.PARTNERS;
import static io.playgate.gateway.partner.PartnerFixtures.SECRET;
import static io.playgate.gateway.partner.PartnerFixtures.oembed;
import static io.playgate.gateway.partner.PartnerFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.playgate.gateway.http.AccessLogHandler;
import io.playgate.gateway.takedown.HubWebhookHandler;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.LogCapture;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;

/**
 * What the logs of a real gateway never show, at INFO (the level production runs at) or anywhere for keys: a
 * partner key however its parameter name is spelled ({@code access%5Ftoken}), or sent as {@code Authorization};
 * a signed URL's {@code sig}; the id of a private or unlisted item, on its player page (signed or not), its share
 * page, its oEmbed {@code url}, the embedded hub's answer about it, or a webhook naming it.
 */
class LogPrivacyIT {

  private static final String WEBHOOK_SECRET = "a-webhook-secret-for-tests-0123456789";
  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded().with("partners.list", PARTNERS)
      .with("partners.signingSecret", SECRET).with("hub.webhookSecret", WEBHOOK_SECRET)
      .with("server.accessLog", "true");
  private static String base;

  @BeforeAll
  static void base() {
    base = gateway.base();
  }

  /** Captures everything from INFO up (the access logger included), and at DEBUG for Playgate's own loggers. */
  private static final class Logs implements AutoCloseable {
    final LogCapture all = LogCapture.of(Logger.ROOT_LOGGER_NAME);
    final LogCapture access = LogCapture.of(AccessLogHandler.LOGGER_NAME, Level.INFO);
    final LogCapture playgate = LogCapture.of("io.playgate", Level.DEBUG);

    /** Waits for at least {@code n} access lines containing {@code marker}; returns them. */
    List<String> accessLines(String marker, int n) throws InterruptedException {
      access.await(e -> lines(marker).size() >= n, Duration.ofSeconds(5));
      List<String> found = lines(marker);
      assertThat(found).as("access lines with " + marker + " in " + lines("")).hasSizeGreaterThanOrEqualTo(n);
      return found;
    }

    private List<String> lines(String marker) {
      return access.events().stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(marker)).toList();
    }

    /** @return every event at {@code from} or above, as logger name and message */
    List<String> messages(Level from) {
      return java.util.stream.Stream.of(all.events(), access.events(), playgate.events()).flatMap(List::stream)
          .filter(e -> e.getLevel().isGreaterOrEqual(from)).map(e -> e.getLoggerName() + " " + e.getFormattedMessage())
          .toList();
    }

    @Override
    public void close() {
      playgate.close();
      access.close();
      all.close();
    }
  }

  @Test
  void partnerKeysNeverReachALogHoweverTheParameterIsSpelled() throws Exception {
    try (Logs logs = new Logs()) {
      for (String name : new String[] {"access_token", "access%5Ftoken", "acc%65ss%5ftoken", "%61ccess_token"}) {
        HttpResponse<String> r = Http.get(oembed(base, "t1", "&" + name + "=" + ACME_KEY));
        assertThat(r.statusCode()).as(name).isEqualTo(200);
        // accepted as acme's key: the iframe carries the partner
        assertThat(Http.json(r).getString("html")).as(name).contains("partner=acme");
      }
      assertThat(Http.get(oembed(base, "t1", ""), "Authorization", "Bearer " + ACME_KEY).statusCode()).isEqualTo(200);
      assertThat(Http.get(base + "/embed/t1?access%5Ftoken=" + ACME_KEY + "-wrong").statusCode()).isEqualTo(401);
      List<String> lines = logs.accessLines("/oembed?url=", 5);
      assertThat(lines.get(1)).contains("access%5Ftoken=***");
      logs.accessLines("/embed/t1?", 1);
      assertThat(logs.messages(Level.TRACE)).isNotEmpty().allSatisfy(m -> assertThat(m).doesNotContain(ACME_KEY));
    }
  }

  @Test
  void privateAndUnlistedIdsAndSignaturesStayOutOfInfoLogs() throws Exception {
    try (Logs logs = new Logs()) {
      // a signed URL, minted by the real endpoint, plays the private item; a tampered one is refused
      String signed = Http.json(post(base + "/partner/sign", "{\"id\": \"private1\"}", "Authorization",
          "Bearer " + ACME_KEY)).getString("url");
      String sig = signed.substring(signed.indexOf("sig=") + 4);
      assertThat(Http.get(signed).statusCode()).isEqualTo(200);
      assertThat(Http.get(signed.replace("sig=", "sig=0")).statusCode()).isEqualTo(403);
      assertThat(Http.get(base + "/embed/%70rivate1").statusCode()).isEqualTo(403);
      assertThat(Http.get(base + "/embed/unlisted1").statusCode()).isEqualTo(403);
      assertThat(Http.get(base + "/media/private1").statusCode()).isEqualTo(401);
      assertThat(Http.get(base + "/media/unlisted1").statusCode()).isEqualTo(401);
      assertThat(Http.get(oembed(base, "private1", "")).statusCode()).isEqualTo(401);
      assertThat(Http.get(oembed(base, "unlisted1", "&maxwidth=400")).statusCode()).isEqualTo(401);
      assertThat(Http.get(base + "/hub/v1/media/private1").statusCode()).isEqualTo(403);
      byte[] hook = "{\"event\":\"media.updated\",\"ids\":[\"private1\",\"unlisted1\"]}".getBytes(StandardCharsets.UTF_8);
      assertThat(webhook(hook).statusCode()).isEqualTo(204);

      assertThat(logs.accessLines("GET /embed/<private>?", 2)).allSatisfy(l -> assertThat(l).contains("&sig=***"));
      logs.accessLines("GET /embed/<private> ", 2);
      logs.accessLines("GET /media/<private> ", 2);
      logs.accessLines("GET /oembed?url=<private>", 2);
      // the gateway's own hub client asked the embedded hub for both (with the hub credential), and so did we
      logs.accessLines("GET /hub/v1/media/<private> ", 3);
      assertThat(logs.messages(Level.INFO)).isNotEmpty().allSatisfy(m -> assertThat(m)
          .doesNotContain("private1").doesNotContain("unlisted1").doesNotContain(sig));
    }
  }

  private static HttpResponse<String> webhook(byte[] body) {
    return post(base + "/hooks/hub", new String(body, StandardCharsets.UTF_8), "X-Hub-Signature-256",
        HubWebhookHandler.sign(WEBHOOK_SECRET, body));
  }
}
