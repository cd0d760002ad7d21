package io.playgate.gateway.partner;

import static io.playgate.gateway.partner.PartnerFixtures.ACME_KEY;
import static io.playgate.gateway.partner.PartnerFixtures.PARTNERS;
import static io.playgate.gateway.partner.PartnerFixtures.TINY_KEY;
import static io.playgate.gateway.partner.PartnerFixtures.assertProblem;
import static io.playgate.gateway.partner.PartnerFixtures.oembed;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.Overlay;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Partner keys and rate limits on a real gateway with its embedded hub. */
class PartnersIT {

  @RegisterExtension
  final GatewayExtension gateway = GatewayExtension.embedded().with("partners.list", PARTNERS);

  private static double count(MeterRegistry meters, String caller, String outcome) {
    var c = meters.find("playgate.ratelimit.requests").tag("caller", caller).tag("outcome", outcome).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void keysArriveAsBearerOrAccessToken() {
    String base = gateway.base();
    HttpResponse<String> bearer = Http.get(oembed(base, "t1", ""), "Authorization", "Bearer " + ACME_KEY);
    assertThat(bearer.statusCode()).isEqualTo(200);
    assertThat(Http.json(bearer).getString("title")).isEqualTo("First Track");
    HttpResponse<String> query = Http.get(oembed(base, "t1", "&access_token=" + ACME_KEY));
    assertThat(query.statusCode()).isEqualTo(200);
    // the scheme name is case-insensitive (RFC 9110 §11.1)
    assertThat(Http.get(oembed(base, "t1", ""), "Authorization", "bearer " + ACME_KEY).statusCode()).isEqualTo(200);
    assertThat(count(gateway.meterRegistry(), "acme", "allowed")).isEqualTo(3);
    assertThat(count(gateway.meterRegistry(), "anonymous", "allowed")).isZero();
    // the partner's players carry its name, so they take its frame-ancestors
    String src = org.jsoup.Jsoup.parse(Http.json(bearer).getString("html")).selectFirst("iframe").attr("src");
    assertThat(src).isEqualTo(base + "/embed/t1?partner=acme");
    HttpResponse<String> player = Http.get(src);
    assertThat(player.statusCode()).isEqualTo(200);
    assertThat(player.headers().firstValue("Content-Security-Policy").orElseThrow())
        .endsWith("frame-ancestors https://acme.example");
    // anonymous answers are not attributed (and not served from the partner's variant)
    assertThat(Http.json(Http.get(oembed(base, "t1", ""))).getString("html")).doesNotContain("partner=");
    assertThat(Http.get(base + "/embed/t1").headers().firstValue("Content-Security-Policy").orElseThrow())
        .endsWith("frame-ancestors *");
    assertProblem(Http.get(base + "/embed/t1?partner=nobody"), 400);
  }

  /**
   * The partner's player and the default one are the same rendered variant, prepared once per policy: asked
   * alternately (200s and 304s), each keeps its own CSP, never the one prepared for the other.
   */
  @Test
  void aPartnersPlayerAndTheDefaultOneKeepTheirOwnCspWhenAskedAlternately() {
    String base = gateway.base();
    for (int i = 0; i < 6; i++) {
      for (String query : new String[] {"?partner=acme", ""}) {
        String ancestors = query.isEmpty() ? "frame-ancestors *" : "frame-ancestors https://acme.example";
        HttpResponse<String> player = Http.get(base + "/embed/t1" + query);
        assertThat(player.statusCode()).isEqualTo(200);
        assertThat(player.headers().firstValue("Content-Security-Policy").orElseThrow()).as(query).endsWith(ancestors);
        assertThat(player.headers().firstValue("Cache-Control").orElseThrow()).startsWith("public, max-age=");
        String etag = player.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> revalidated = Http.get(base + "/embed/t1" + query, "If-None-Match", etag);
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.headers().firstValue("Content-Security-Policy").orElseThrow()).as(query)
            .endsWith(ancestors);
        assertThat(revalidated.headers().firstValue("ETag")).hasValue(etag);
        assertThat(revalidated.headers().firstValue("Content-Type")).isEmpty();
      }
    }
  }

  @Test
  void unknownKeysAre401() {
    String base = gateway.base();
    HttpResponse<String> header = Http.get(oembed(base, "t1", ""), "Authorization", "Bearer not-a-key");
    assertProblem(header, 401);
    assertThat(header.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertProblem(Http.get(oembed(base, "t1", "&access_token=not-a-key")), 401);
    // the hash itself is not a key
    assertProblem(Http.get(oembed(base, "t1", "&access_token=" + PartnerFixtures.ACME_SHA256)), 401);
    assertProblem(Http.get(base + "/embed/t1?access_token=nope"), 401);
    assertProblem(Http.get(oembed(base, "t1", "&access_token=a&access_token=b")), 400);
    assertThat(count(gateway.meterRegistry(), "unknown-key", "unauthorized")).isEqualTo(4);
  }

  @Test
  void aPartnerOverItsLimitGets429WithRetryAfter() {
    String base = gateway.base();
    assertThat(Http.get(oembed(base, "t1", ""), "Authorization", "Bearer " + TINY_KEY).statusCode()).isEqualTo(200);
    // one bucket per partner, however the key arrives
    assertThat(Http.get(oembed(base, "t2", "&access_token=" + TINY_KEY)).statusCode()).isEqualTo(200);
    HttpResponse<String> over = Http.get(oembed(base, "t1", ""), "Authorization", "Bearer " + TINY_KEY);
    JsonObject problem = assertProblem(over, 429);
    long retryAfter = Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow());
    // 2 tokens per hour: the next one is back within half an hour
    assertThat(retryAfter).isBetween(1L, 1800L);
    assertThat(problem.getString("detail")).contains("rate limit");
    // another partner and anonymous callers are not affected
    assertThat(Http.get(oembed(base, "t1", ""), "Authorization", "Bearer " + ACME_KEY).statusCode()).isEqualTo(200);
    assertThat(Http.get(oembed(base, "t1", "")).statusCode()).isEqualTo(200);

    MeterRegistry meters = gateway.meterRegistry();
    assertThat(count(meters, "tiny", "allowed")).isEqualTo(2);
    assertThat(count(meters, "tiny", "rejected")).isEqualTo(1);
    assertThat(meters.get("playgate.ratelimit.capacity").tag("caller", "tiny").gauge().value()).isEqualTo(2);
    assertThat(meters.get("playgate.ratelimit.period.seconds").tag("caller", "tiny").gauge().value()).isEqualTo(3600);
    assertThat(meters.get("playgate.ratelimit.available").tag("caller", "tiny").gauge().value()).isZero();
    assertThat(meters.get("playgate.ratelimit.capacity").tag("caller", "acme").gauge().value()).isEqualTo(1000);
    // and at /metrics (the management listener), in Prometheus text
    String prometheus = Http.get(gateway.managementBase() + "/metrics").body();
    assertThat(prometheus).contains("playgate_ratelimit_requests_total{caller=\"tiny\",outcome=\"rejected\"} 1.0")
        .contains("playgate_ratelimit_capacity{caller=\"tiny\"} 2.0")
        .contains("playgate_ratelimit_available{caller=\"tiny\"} 0.0");
  }

  @Test
  @Overlay({
      "partners.anonymous.capacity=2",
      "partners.anonymous.period=1h",
      "partners.clientIdle=1h",
      "partners.clientIpHeader=X-Forwarded-For"
  })
  void anonymousCallersAreLimitedPerTrustedClientAddress() {
    String base = gateway.base();
    String url = oembed(base, "t1", "");
    assertThat(Http.get(url, "X-Forwarded-For", "203.0.113.1").statusCode()).isEqualTo(200);
    assertThat(Http.get(base + "/embed/t1", "X-Forwarded-For", "203.0.113.1").statusCode()).isEqualTo(200);
    HttpResponse<String> over = Http.get(base + "/media/t1", "X-Forwarded-For", "203.0.113.1");
    assertProblem(over, 429);
    assertThat(over.headers().firstValue("Retry-After")).isPresent();
    // the proxy appends: the last entry is the address it saw; what the client wrote before it does not count
    assertProblem(Http.get(url, "X-Forwarded-For", "198.51.100.7, 203.0.113.1"), 429);
    // another client has its own bucket
    assertThat(Http.get(url, "X-Forwarded-For", "203.0.113.2").statusCode()).isEqualTo(200);
    // a partner is never on the anonymous limit; a cache miss still reaches the hub (/hub/ is not limited)
    assertThat(Http.get(oembed(base, "v1", ""), "X-Forwarded-For", "203.0.113.1", "Authorization", "Bearer " + ACME_KEY)
        .statusCode()).isEqualTo(200);
    // assets and health are not limited
    assertThat(Http.get(base + "/health/live", "X-Forwarded-For", "203.0.113.1").statusCode()).isEqualTo(200);
    assertThat(count(gateway.meterRegistry(), "anonymous", "rejected")).isEqualTo(2);
    assertThat(gateway.meterRegistry().get("playgate.ratelimit.clients").gauge().value()).isEqualTo(2);
  }

  @Test
  @Overlay({"partners.anonymous.capacity=2", "partners.anonymous.period=1h", "partners.clientIdle=1h"})
  void aForwardedHeaderIsIgnoredWhenNoProxyIsTrusted() {
    String url = oembed(gateway.base(), "t1", "");
    assertThat(Http.get(url, "X-Forwarded-For", "203.0.113.1").statusCode()).isEqualTo(200);
    assertThat(Http.get(url, "X-Forwarded-For", "203.0.113.2").statusCode()).isEqualTo(200);
    // spoofing a new address each time does not buy a new bucket: all three share the TCP peer's
    assertProblem(Http.get(url, "X-Forwarded-For", "203.0.113.3"), 429);
    assertProblem(Http.get(url), 429);
    assertThat(gateway.meterRegistry().get("playgate.ratelimit.clients").gauge().value()).isEqualTo(1);
  }
}
