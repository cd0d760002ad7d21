package io.playgate.gateway.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.response.CustomResponseValidator;
import com.atlassian.oai.validator.model.Body;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.atlassian.oai.validator.util.OpenApiLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks real HTTP exchanges against the gateway's OpenAPI description with Atlassian's swagger-request-validator
 * (status, content type, required headers and their schemas, JSON bodies, and the request's parameters and body
 * for the successes), plus the XML bodies it skips: an XML answer is read as the flat element list oEmbed 1.0 §2.3.4
 * describes and checked against the schema its media type names. Records which documented operation answered which
 * status in which media type, so a corpus can prove it exercised every one.
 *
 * <p>Stricter than the document in one way, on purpose: the validator reads an object schema that does not say
 * {@code additionalProperties} as closed, so every field an answer carries must be documented.
 *
 * <p>Why the document is checked as 3.0.3: the validator's 2.x line (the one that runs on Java 17) reads schemas with
 * a 3.0 parser and a draft-04 JSON Schema engine. Handed a 3.1 document it silently skips {@code type}, {@code const}
 * and every other 2020-12 keyword. The description is therefore written in the part of 3.1 that means the same in
 * 3.0.3, and this class relabels a copy as 3.0.3; the 3.0 parser then refuses anything outside that part ({@code
 * const}, type arrays, schema {@code examples}), so nothing goes unchecked without a failure.
 */
public final class ApiContract {

  /**
   * One request and the gateway's answer.
   *
   * @param method the request method, e.g. {@code GET}
   * @param path the request path, undecoded
   * @param query decoded query parameters
   * @param requestHeaders request headers
   * @param requestBody the request body, or {@code null}
   * @param status the answer's status
   * @param headers the answer's headers
   * @param body the answer's body, empty when none
   */
  public record Exchange(String method, String path, Map<String, List<String>> query,
      Map<String, List<String>> requestHeaders, String requestBody, int status, Map<String, List<String>> headers,
      String body) {
  }

  private final OpenApiInteractionValidator validator;
  private final Map<String, Pattern> templates = new LinkedHashMap<>();
  private final Set<String> documented = new TreeSet<>();
  private final Set<String> covered = new TreeSet<>();

  private ApiContract(JsonObject document) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    options.setResolveCombinators(false);
    OpenAPI api = new OpenApiLoader().loadApi(
        OpenApiInteractionValidator.SpecSource.inline(asOpenApi303(document).encode()), List.of(), options);
    SchemaValidator schemas = new SchemaValidator(api, new MessageResolver());
    validator = OpenApiInteractionValidator.createFor(api).withCustomResponseValidation(xmlBodies(schemas)).build();
    JsonObject paths = document.getJsonObject("paths");
    for (String template : paths.fieldNames()) {
      templates.put(template, Pattern.compile(Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q")));
      JsonObject item = paths.getJsonObject(template);
      for (String method : item.fieldNames()) {
        JsonObject responses = item.getJsonObject(method).getJsonObject("responses");
        for (String status : responses.fieldNames()) {
          String answer = method.toUpperCase(Locale.ROOT) + " " + template + " " + status;
          JsonObject content = content(document, responses.getJsonObject(status));
          if (content.isEmpty()) {
            documented.add(answer);
          }
          content.fieldNames().forEach(type -> documented.add(answer + " " + type));
        }
      }
    }
  }

  /** @return a response's {@code content} map, following a {@code $ref} to {@code components/responses} */
  private static JsonObject content(JsonObject document, JsonObject response) {
    String ref = response.getString("$ref");
    if (ref != null) {
      response = document.getJsonObject("components").getJsonObject("responses")
          .getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
    }
    return response.getJsonObject("content", new JsonObject());
  }

  /**
   * @param document the OpenAPI 3.1 description, e.g. as {@code GET /openapi.json} serves it
   * @return a checker for it
   * @throws OpenApiInteractionValidator.ApiLoadException when the document, read as 3.0.3, does not parse cleanly
   */
  public static ApiContract of(JsonObject document) {
    return new ApiContract(document);
  }

  /**
   * @param document an OpenAPI 3.1 description
   * @return a copy labelled 3.0.3 (see the class comment)
   */
  public static JsonObject asOpenApi303(JsonObject document) {
    return document.copy().put("openapi", "3.0.3");
  }

  /**
   * Checks the answer against the document, and the request too when the answer is a success (2xx or 304); records
   * the exchange's operation and status as covered.
   *
   * @param template the documented path the request is for, e.g. {@code /embed/{id}}
   * @param e the exchange
   * @return the validator's error messages; empty when the exchange matches the document
   */
  public List<String> check(String template, Exchange e) {
    Pattern pattern = templates.get(template);
    if (pattern == null || !pattern.matcher(e.path()).matches()) {
      return List.of(e.path() + " is not an instance of a documented path " + template);
    }
    Request.Method method = Request.Method.valueOf(e.method());
    SimpleResponse.Builder response = new SimpleResponse.Builder(e.status());
    e.headers().forEach(response::withHeader);
    if (!e.body().isEmpty()) {
      response.withBody(e.body());
    }
    ValidationReport report = validator.validateResponse(e.path(), method, response.build());
    if (e.status() < 300 || e.status() == 304) {
      SimpleRequest.Builder request = new SimpleRequest.Builder(method, e.path(), true);
      e.query().forEach(request::withQueryParam);
      e.requestHeaders().forEach(request::withHeader);
      if (e.requestBody() != null) {
        request.withBody(e.requestBody());
      }
      report = report.merge(validator.validateRequest(request.build()));
    }
    covered.add(e.method() + " " + template + " " + e.status() + e.headers().entrySet().stream()
        .filter(h -> h.getKey().equalsIgnoreCase("Content-Type") && !h.getValue().isEmpty())
        .map(h -> " " + h.getValue().get(0).split(";")[0].trim().toLowerCase(Locale.ROOT)).findFirst().orElse(""));
    List<String> errors = new ArrayList<>();
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() == ValidationReport.Level.ERROR) {
        errors.add(m.getKey() + ": " + m.getMessage() + reasons(m));
      }
    }
    return errors;
  }

  /** The reasons a combinator ({@code oneOf}, {@code anyOf}) failed, which its own message leaves out. */
  private static String reasons(ValidationReport.Message m) {
    List<String> reasons = new ArrayList<>(m.getAdditionalInfo());
    m.getNestedMessages().forEach(n -> reasons.add(n.getMessage() + reasons(n)));
    return reasons.isEmpty() ? "" : " " + reasons;
  }

  /**
   * @return every documented {@code METHOD /path status}, followed by each media type the answer is documented in
   *     ({@code GET /embed/{id} 404 text/html}), sorted
   */
  public Set<String> documented() {
    return new TreeSet<>(documented);
  }

  /** @return every {@code METHOD /path status [media type]} a {@link #check} met, sorted */
  public Set<String> covered() {
    return new TreeSet<>(covered);
  }

  private static CustomResponseValidator xmlBodies(SchemaValidator schemas) {
    return (response, operation) -> {
      String type = response.getContentType().orElse("").toLowerCase(Locale.ROOT);
      ApiResponse documented = operation.getOperation().getResponses().get(Integer.toString(response.getStatus()));
      MediaType xml = documented == null || documented.getContent() == null ? null
          : documented.getContent().get("text/xml");
      if (!type.startsWith("text/xml") || xml == null || xml.getSchema() == null) {
        // not XML, or not documented as XML: the validator reports the status or content type itself
        return ValidationReport.empty();
      }
      return schemas.validate(() -> flatXml(bytes(response), xml.getSchema()), xml.getSchema(), "response.body");
    };
  }

  private static byte[] bytes(Response response) throws IOException {
    Optional<Body> body = response.getResponseBody();
    return body.isEmpty() ? new byte[0] : body.get().toString(StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads {@code <root><name>text</name>…</root>} as a JSON object whose member types follow the schema's
   * properties ({@code integer}, {@code boolean}, else string).
   */
  private static JsonNode flatXml(byte[] body, Schema<?> schema) throws IOException {
    Element root;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement();
    } catch (Exception e) {
      throw new IOException("not well-formed XML: " + e.getMessage(), e);
    }
    String rootName = schema.getXml() == null ? null : schema.getXml().getName();
    if (rootName != null && !rootName.equals(root.getTagName())) {
      throw new IOException("root element <" + root.getTagName() + ">, expected <" + rootName + ">");
    }
    Map<String, String> types = new LinkedHashMap<>();
    propertyTypes(schema, types);
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element child)) {
        continue;
      }
      String name = child.getTagName();
      if (json.has(name) || child.getElementsByTagName("*").getLength() > 0) {
        throw new IOException("<" + name + "> is repeated or has child elements");
      }
      String text = child.getTextContent();
      String type = types.getOrDefault(name, "string");
      if (type.equals("integer") && text.matches("-?[0-9]{1,18}")) {
        json.put(name, Long.parseLong(text));
      } else if (type.equals("boolean") && (text.equals("true") || text.equals("false"))) {
        json.put(name, Boolean.parseBoolean(text));
      } else {
        json.put(name, text);
      }
    }
    return json;
  }

  private static void propertyTypes(Schema<?> schema, Map<String, String> types) {
    if (schema == null) {
      return;
    }
    if (schema.getProperties() != null) {
      schema.getProperties().forEach((name, property) -> {
        if (property.getType() != null) {
          types.putIfAbsent(name, property.getType());
        }
      });
    }
    propertyTypes(schema.getAllOf(), types);
    propertyTypes(schema.getOneOf(), types);
    propertyTypes(schema.getAnyOf(), types);
  }

  private static void propertyTypes(List<?> parts, Map<String, String> types) {
    if (parts != null) {
      parts.forEach(part -> propertyTypes((Schema<?>) part, types));
    }
  }
}
