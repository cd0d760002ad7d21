package io.playgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playgate.gateway.app.Playgate;
import io.playgate.gateway.embed.EmbedHandler;
import io.playgate.gateway.oembed.OEmbedHandler;
import io.playgate.gateway.testing.ApiContract;
import io.playgate.gateway.view.PlayerViews;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI description as assembled at boot, and the contract check {@code OpenApiIT} runs real answers through:
 * it must accept a true answer and refuse each kind of drift (an undocumented status, a missing or undocumented
 * field, a wrong media type or header), or the integration test would prove nothing.
 */
class OpenApiContractTest {

  private static final String BASE = "https://play.example";
  private static final OpenApiDocument DOCUMENT = Playgate.apiDescription(BASE);
  private static final String HTML = "<iframe src=\\\"https://play.example/embed/t1?theme=dark\\\" width=\\\"560\\\" "
      + "height=\\\"152\\\" title=\\\"Feelings – Sectoid\\\" allowfullscreen></iframe>";
  private static final String OEMBED = "{\"type\":\"rich\",\"version\":\"1.0\",\"title\":\"Feelings\","
      + "\"provider_name\":\"Playgate\",\"provider_url\":\"https://play.example/\",\"thumbnail_url\":"
      + "\"https://play.example/art.jpg\",\"thumbnail_width\":300,\"thumbnail_height\":300,\"html\":\"" + HTML + "\","
      + "\"width\":560,\"height\":152,\"cache_age\":300}";
  private static final String XML = "<?xml version=\"1.0\" encoding=\"utf-8\"?><oembed><type>video</type>"
      + "<version>1.0</version><title>Bunny</title><provider_name>Playgate</provider_name><provider_url>"
      + "https://play.example/</provider_url><html>&lt;iframe src=\"https://play.example/embed/v1\" width=\"640\" "
      + "height=\"360\" title=\"Bunny\"&gt;&lt;/iframe&gt;</html><width>640</width><height>360</height>"
      + "<cache_age>0</cache_age></oembed>";
  private static final String PROBLEM = "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
      + "\"detail\":\"no media with that id\",\"instance\":\"/oembed\",\"requestId\":\"3f2a\"}";

  private final ApiContract contract = ApiContract.of(DOCUMENT.document());

  @Test
  void isOpenApi31AndParsesWithoutAMessage() {
    JsonObject doc = DOCUMENT.document();
    assertThat(doc.getString("openapi")).isEqualTo("3.1.0");
    assertThat(doc.getJsonArray("servers").getJsonObject(0).getString("url")).isEqualTo(BASE);
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(doc.encode(), null, options);
    assertThat(parsed.getMessages()).isEmpty();
    assertThat(parsed.getOpenAPI().getSpecVersion()).isEqualTo(SpecVersion.V31);
    // and as 3.0.3, the validator's reading: a keyword 3.0 lacks (const, type arrays, schema examples) is refused
    SwaggerParseResult as303 = new OpenAPIV3Parser().readContents(ApiContract.asOpenApi303(doc).encode(), null, options);
    assertThat(as303.getMessages()).isEmpty();
  }

  @Test
  void everyPathOfEveryCapabilityIsThereOnceWithAnOperationIdAndATag() {
    JsonObject paths = DOCUMENT.document().getJsonObject("paths");
    assertThat(paths.fieldNames()).containsExactlyInAnyOrder("/", "/oembed", "/embed/{id}", "/media/{id}", "/embed.js",
        "/widgets/{asset}", "/artwork/{id}/{file}", "/subsonic/stream/{id}/{format}",
        "/subsonic/art/{id}/{artId}", "/events", "/partner/sign", "/hooks/hub", "/health/live",
        "/health/ready", "/openapi.json", "/favicon.ico", "/icon.svg", "/apple-touch-icon.png");
    Set<String> ids = new HashSet<>();
    for (String path : paths.fieldNames()) {
      for (Map.Entry<String, Object> op : paths.getJsonObject(path)) {
        JsonObject operation = (JsonObject) op.getValue();
        assertThat(ids.add(operation.getString("operationId"))).as(op.getKey() + " " + path).isTrue();
        assertThat(operation.getJsonArray("tags")).as(op.getKey() + " " + path).isNotEmpty();
      }
    }
  }

  @Test
  void aFragmentCannotDefineAPathTwiceAndEveryCapabilityNeedsOne() {
    assertThatThrownBy(() -> OpenApiDocument.assemble(BASE, List.of(OEmbedHandler.class, OEmbedHandler.class)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("io/playgate/gateway/oembed/openapi-paths.yaml").hasMessageContaining("'/oembed'");
    assertThatThrownBy(() -> OpenApiDocument.assemble(BASE, List.of(EmbedHandler.class, PlayerViews.class)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("io/playgate/gateway/view/openapi-paths.yaml: not found");
  }

  @Test
  void aTrueAnswerPasses() {
    assertThat(oembed(200, "application/json", OEMBED)).isEmpty();
    assertThat(oembed(200, "text/xml; charset=utf-8", XML)).isEmpty();
    assertThat(oembed(404, "application/problem+json", PROBLEM)).isEmpty();
  }

  @Test
  void anUndocumentedStatusFails() {
    assertFailsFor(oembed(418, "application/problem+json", PROBLEM.replace("404", "418")), "Response status 418 not defined");
  }

  @Test
  void aMissingRequiredOEmbedFieldFails() {
    assertFailsFor(oembed(200, "application/json", OEMBED.replace("\"version\":\"1.0\",", "")), "([\"version\"])");
    assertFailsFor(oembed(200, "text/xml; charset=utf-8", XML.replace("<version>1.0</version>", "")), "([\"version\"])");
  }

  @Test
  void aWrongOrUndocumentedOEmbedFieldFails() {
    assertFailsFor(oembed(200, "application/json", OEMBED.replace("\"type\":\"rich\"", "\"type\":\"photo\"")),
        "(\"photo\") not found in enum");
    assertFailsFor(oembed(200, "application/json", OEMBED.replace("\"width\":560", "\"width\":\"560\"")), "[Path '/width']");
    assertFailsFor(oembed(200, "application/json", OEMBED.replace("\"cache_age\"", "\"thumbnail\":\"x\",\"cache_age\"")),
        "not allowed by the schema: [\"thumbnail\"]");
    assertFailsFor(oembed(200, "application/json", OEMBED.replace(",\"thumbnail_height\":300", "")),
        "missing required properties ([\"thumbnail_height\"])");
    assertFailsFor(oembed(200, "application/json", OEMBED.replace("></iframe>", "></iframe><script></script>")),
        "[Path '/html']");
    assertFailsFor(oembed(200, "text/xml; charset=utf-8", XML.replace("oembed>", "oEmbed>")), "expected <oembed>");
    assertFailsFor(oembed(200, "text/xml; charset=utf-8", XML.replace("<width>640", "<width>wide")), "[Path '/width']");
  }

  @Test
  void aWrongMediaTypeOrAMissingHeaderFails() {
    assertFailsFor(oembed(200, "text/html; charset=utf-8", "<p>hi</p>"), "'text/html; charset=utf-8' does not match");
    assertFailsFor(oembed(404, "application/problem+json", PROBLEM.replace(",\"requestId\":\"3f2a\"", "")),
        "([\"requestId\"])");
    assertFailsFor(contract.check("/oembed", exchange(429, "application/problem+json", PROBLEM.replace("404", "429"),
        Map.of())), "Header 'Retry-After' is expected");
    assertThat(contract.check("/oembed", exchange(429, "application/problem+json", PROBLEM.replace("404", "429"),
        Map.of("Retry-After", List.of("3"))))).isEmpty();
  }

  @Test
  void anHtmlErrorPageIsDocumentedForPagesOnlyAndA401NeedsItsChallenge() {
    Map<String, List<String>> challenge = Map.of("WWW-Authenticate", List.of("Bearer realm=\"playgate\""));
    String html = "<!doctype html><html><body>This track isn't available</body></html>";
    assertThat(contract.check("/embed/{id}", page(404, "text/html; charset=utf-8", html, Map.of()))).isEmpty();
    assertThat(contract.check("/embed/{id}", page(401, "text/html; charset=utf-8", html, challenge))).isEmpty();
    assertThat(contract.check("/embed/{id}", page(401, "application/problem+json", PROBLEM.replace("404", "401"),
        challenge))).isEmpty();
    assertFailsFor(oembed(404, "text/html; charset=utf-8", html), "'text/html; charset=utf-8' does not match");
    assertFailsFor(contract.check("/embed/{id}", page(401, "text/html; charset=utf-8", html, Map.of())),
        "Header 'WWW-Authenticate' is expected");
    assertFailsFor(contract.check("/embed/{id}", page(401, "text/html; charset=utf-8", html,
        Map.of("WWW-Authenticate", List.of("Basic")))), "does not match input string \"Basic\"");
  }

  private static void assertFailsFor(List<String> errors, String reason) {
    assertThat(errors).as("errors naming " + reason).anyMatch(e -> e.contains(reason));
  }

  private List<String> oembed(int status, String type, String body) {
    return contract.check("/oembed", exchange(status, type, body, Map.of("Cache-Control", List.of("public, max-age=300"),
        "Access-Control-Allow-Origin", List.of("*"), "ETag", List.of("W/\"abc\""))));
  }

  private static ApiContract.Exchange page(int status, String type, String body, Map<String, List<String>> more) {
    Map<String, List<String>> headers = new java.util.HashMap<>(more);
    headers.put("Content-Type", List.of(type));
    return new ApiContract.Exchange("GET", "/embed/t1", Map.of(), Map.of(), null, status, headers, body);
  }

  private static ApiContract.Exchange exchange(int status, String type, String body, Map<String, List<String>> more) {
    Map<String, List<String>> headers = new java.util.HashMap<>(more);
    headers.put("Content-Type", List.of(type));
    return new ApiContract.Exchange("GET", "/oembed", Map.of("url", List.of(BASE + "/media/t1")), Map.of(), null,
        status, headers, body);
  }
}
