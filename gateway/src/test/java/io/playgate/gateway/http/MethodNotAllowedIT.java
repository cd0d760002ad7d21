package io.playgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.TestGateway;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 9110 §15.5.6: every 405 from a real gateway names the target's real methods in {@code Allow} (not a blanket
 * {@code GET, HEAD}), and its problem body says which methods are allowed. Covers each POST-only route, the
 * GET/HEAD routes and {@code /oembed} (GET, HEAD and the OPTIONS preflight), and the management listener's routes.
 */
class MethodNotAllowedIT {

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded()
      .with("hub.webhookSecret", "a-webhook-secret-for-tests-0123456789");

  @ParameterizedTest(name = "{0} {1} → Allow: {2}")
  @CsvSource(delimiter = '|', value = {
      // POST-only
      "PUT|/events|POST", "DELETE|/events|POST", "HEAD|/events|POST", "GET|/events|POST", "OPTIONS|/events|POST",
      "GET|/partner/sign|POST", "PUT|/partner/sign|POST", "HEAD|/partner/sign|POST",
      "GET|/hooks/hub|POST", "DELETE|/hooks/hub|POST",
      // GET/HEAD plus the CORS preflight
      "PUT|/oembed|GET, HEAD, OPTIONS", "POST|/oembed|GET, HEAD, OPTIONS", "DELETE|/oembed|GET, HEAD, OPTIONS",
      // GET/HEAD
      "POST|/|GET, HEAD", "PUT|/embed/t1|GET, HEAD", "POST|/media/t1|GET, HEAD", "DELETE|/embed.js|GET, HEAD",
      "POST|/widgets/player.js|GET, HEAD", "PUT|/health/live|GET, HEAD",
      "POST|/health/ready|GET, HEAD", "POST|/favicon.ico|GET, HEAD", "OPTIONS|/embed/t1|GET, HEAD"})
  void a405NamesTheRoutesRealMethods(String method, String path, String allow) {
    assert405(gateway.loopbackBase(), method, path, allow);
  }

  @ParameterizedTest(name = "management: {0} {1} → Allow: {2}")
  @CsvSource(delimiter = '|', value = {
      "POST|/metrics|GET, HEAD", "PUT|/metrics|GET, HEAD", "DELETE|/health/live|GET, HEAD",
      "OPTIONS|/health/ready|GET, HEAD"})
  void theManagementListenersRoutesToo(String method, String path, String allow) {
    assert405(gateway.managementBase(), method, path, allow);
  }

  /** RFC 9110 §15.6.2: a method the gateway does not recognise is 501 on any path, known or not, on both listeners. */
  @ParameterizedTest(name = "{0} {1} → 501")
  @CsvSource(delimiter = '|', value = {
      "BREW|/oembed|public", "PROPFIND|/embed/t1|public", "get|/|public", "XYZZY|/no/such/path|public",
      "MKCOL|/events|public", "BREW|/metrics|management", "Get|/nothing|management"})
  void anUnrecognisedMethodIs501(String method, String path, String listener) {
    String origin = listener.equals("public") ? gateway.loopbackBase() : gateway.managementBase();
    HttpResponse<String> r = Http.send(method, origin + path);
    assertThat(r.statusCode()).as(method + " " + path).isEqualTo(501);
    assertThat(r.headers().firstValue("Allow")).isEmpty();
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject problem = Http.json(r);
    assertThat(problem.getInteger("status")).isEqualTo(501);
    assertThat(problem.getString("title")).isEqualTo("Not Implemented");
    assertThat(problem.getString("detail")).contains("not implemented").doesNotContain(method);
  }

  private static void assert405(String origin, String method, String path, String allow) {
    HttpResponse<String> r = Http.send(method, origin + path);
    assertThat(r.statusCode()).as(method + " " + path).isEqualTo(405);
    Set<String> expected = split(allow);
    assertThat(r.headers().firstValue("Allow").map(MethodNotAllowedIT::split)).as("Allow").hasValue(expected);
    if (!method.equals("HEAD")) {
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      JsonObject problem = Http.json(r);
      assertThat(problem.getInteger("status")).isEqualTo(405);
      assertThat(problem.getString("detail")).as("detail").isNotNull().contains(method);
      for (String m : expected) {
        assertThat(problem.getString("detail")).contains(m);
      }
    }
  }

  private static Set<String> split(String allow) {
    return Arrays.stream(allow.split(",")).map(String::trim).collect(Collectors.toSet());
  }
}
