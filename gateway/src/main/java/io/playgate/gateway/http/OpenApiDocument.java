package io.playgate.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The gateway's OpenAPI 3.1 description (https://spec.openapis.org/oas/v3.1.0), assembled once at boot from parts
 * that live beside the code they describe: {@value #SHARED} beside this class (info, tags, the components several
 * capabilities use) and one {@value #FRAGMENT} per capability, read from the package of a class that stands for it,
 * so a route and its description change in the same package. A fragment holds {@code paths} and may add
 * {@code tags} and {@code components}; a path, tag or component that two parts define stops the boot.
 * {@code servers[0].url} is the gateway's public base URL. Immutable; {@link #handler()} may serve it from any
 * event loop.
 */
public final class OpenApiDocument {

  /** The shared part's resource name, beside this class. */
  public static final String SHARED = "openapi.yaml";
  /** A capability's part's resource name, in the capability's package. */
  public static final String FRAGMENT = "openapi-paths.yaml";
  /** The document's media type (IANA registration of {@code application/vnd.oai.openapi+json}). */
  public static final String MEDIA_TYPE = "application/vnd.oai.openapi+json;version=3.1";
  /** Freshness of the served document, in seconds: it changes only with a release or a new public base URL. */
  public static final int MAX_AGE_SECONDS = 300;

  private static final List<String> FRAGMENT_KEYS = List.of("paths", "tags", "components");

  private final JsonObject document;
  private final Buffer json;
  private final String etag;

  private OpenApiDocument(JsonObject document) {
    this.document = document;
    byte[] bytes = document.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    this.json = Buffer.buffer(bytes);
    this.etag = ConditionalResponse.strongEtag(bytes);
  }

  /**
   * Reads and merges the parts. Blocking class-path reads: call it once, at boot.
   *
   * @param publicBaseUrl the gateway's public base URL without trailing slash, e.g. {@code https://play.example}
   * @param capabilities one class per capability that contributes paths, in the order its paths should appear; each
   *     one's package holds its {@value #FRAGMENT}
   * @return the document
   * @throws IllegalStateException naming the resource when a part is missing, is not YAML of the expected shape, or
   *     defines a path, tag or component again
   */
  public static OpenApiDocument assemble(String publicBaseUrl, List<Class<?>> capabilities) {
    JsonObject shared = load(OpenApiDocument.class, SHARED);
    JsonArray tags = shared.getJsonArray("tags", new JsonArray()).copy();
    JsonObject components = shared.getJsonObject("components", new JsonObject()).copy();
    JsonObject paths = new JsonObject();
    for (Class<?> capability : capabilities) {
      String where = resourceName(capability, FRAGMENT);
      JsonObject part = load(capability, FRAGMENT);
      for (String key : part.fieldNames()) {
        if (!FRAGMENT_KEYS.contains(key)) {
          throw new IllegalStateException(where + ": unexpected top-level key '" + key + "' (expected "
              + FRAGMENT_KEYS + ")");
        }
      }
      merge(paths, part.getJsonObject("paths", new JsonObject()), where + " paths");
      for (Object tag : part.getJsonArray("tags", new JsonArray())) {
        tags.add(tag);
      }
      JsonObject more = part.getJsonObject("components", new JsonObject());
      for (String section : more.fieldNames()) {
        JsonObject into = components.getJsonObject(section);
        if (into == null) {
          into = new JsonObject();
          components.put(section, into);
        }
        merge(into, more.getJsonObject(section), where + " components." + section);
      }
    }
    JsonObject document = new JsonObject()
        .put("openapi", shared.getString("openapi"))
        .put("info", shared.getJsonObject("info"))
        .put("servers", new JsonArray().add(new JsonObject().put("url", publicBaseUrl)))
        .put("tags", tags)
        .put("paths", paths)
        .put("components", components);
    return new OpenApiDocument(document);
  }

  /** @return a copy of the document */
  public JsonObject document() {
    return document.copy();
  }

  /** @return the document as compact JSON (UTF-8); do not modify */
  public Buffer json() {
    return json;
  }

  /** @return its strong entity tag, quoted */
  public String etag() {
    return etag;
  }

  /**
   * {@code GET /openapi.json}: the document as {@value #MEDIA_TYPE}, readable by any origin (a browser-based API
   * explorer elsewhere may load it), with its strong {@code ETag} ({@code 304} on a matching {@code If-None-Match})
   * and {@code Cache-Control: public, max-age=}{@value #MAX_AGE_SECONDS}.
   *
   * @return the handler
   */
  public Handler<RoutingContext> handler() {
    String cacheControl = "public, max-age=" + MAX_AGE_SECONDS;
    return ctx -> {
      ctx.response()
          .putHeader("Content-Type", MEDIA_TYPE)
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Access-Control-Allow-Origin", "*");
      ConditionalResponse.end(ctx, etag, cacheControl, () -> json);
    };
  }

  /** @param routes the router under construction: {@code GET /openapi.json} answers with {@link #handler()} */
  public void mount(Routes routes) {
    routes.readable("/openapi.json").handler(handler());
  }

  private static void merge(JsonObject into, JsonObject more, String where) {
    for (Map.Entry<String, Object> e : more) {
      if (into.containsKey(e.getKey())) {
        throw new IllegalStateException(where + ": '" + e.getKey() + "' is defined twice");
      }
      into.put(e.getKey(), e.getValue());
    }
  }

  private static JsonObject load(Class<?> anchor, String name) {
    String where = resourceName(anchor, name);
    Object yaml;
    try (InputStream in = anchor.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(where + ": not found on the class path");
      }
      yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    } catch (IOException | YAMLException e) {
      throw new IllegalStateException(where + ": " + e.getMessage(), e);
    }
    if (!(json(yaml, where) instanceof JsonObject object)) {
      throw new IllegalStateException(where + ": expected a mapping at the top");
    }
    return object;
  }

  /** YAML's values as JSON's: string keys only, and no value JSON lacks (a date, a set, binary). */
  private static @Nullable Object json(@Nullable Object yaml, String where) {
    if (yaml instanceof Map<?, ?> map) {
      JsonObject object = new JsonObject();
      map.forEach((k, v) -> {
        if (!(k instanceof String key)) {
          throw new IllegalStateException(where + ": key " + k + " is not a string (quote it, e.g. '200')");
        }
        object.put(key, json(v, where + " " + key));
      });
      return object;
    }
    if (yaml instanceof List<?> list) {
      JsonArray array = new JsonArray();
      list.forEach(v -> array.add(json(v, where)));
      return array;
    }
    if (yaml == null || yaml instanceof String || yaml instanceof Boolean || yaml instanceof Integer
        || yaml instanceof Long || yaml instanceof Double) {
      return yaml;
    }
    throw new IllegalStateException(where + ": a " + yaml.getClass().getSimpleName() + " has no JSON form (quote it)");
  }

  private static String resourceName(Class<?> anchor, String name) {
    return anchor.getPackageName().replace('.', '/') + "/" + name;
  }
}
