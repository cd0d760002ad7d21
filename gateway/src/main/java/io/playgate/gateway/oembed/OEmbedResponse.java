package io.playgate.gateway.oembed;

import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.MediaKind;
import io.playgate.gateway.view.EmbedSnippets;
import io.playgate.gateway.view.PlayerViews;
import io.playgate.widgets.PlayerSize;
import io.playgate.widgets.PlayerView;
import io.playgate.widgets.Templates;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * An oEmbed 1.0 response (§2.3.4), pre-serialised around its one time-dependent field: the body is
 * {@code head + cache_age + tail}, so the bytes are rendered once per variant and {@code cache_age} still tells
 * the entry's remaining freshness on every request.
 *
 * @param head bytes before the {@code cache_age} value
 * @param tail bytes after it
 */
public record OEmbedResponse(Buffer head, Buffer tail) {

  private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

  /**
   * @param cacheAgeSeconds the entry's remaining freshness, {@code >= 0}
   * @return the complete body
   */
  public Buffer body(long cacheAgeSeconds) {
    String age = Long.toString(cacheAgeSeconds);
    return Buffer.buffer(head.length() + age.length() + tail.length()).appendBuffer(head).appendString(age).appendBuffer(tail);
  }

  /**
   * Renders the fields of §2.3.4: {@code type} ({@code video} for videos, else {@code rich}), {@code version}
   * {@code "1.0"}, {@code title}, {@code author_name}/{@code author_url} when the hub names an artist,
   * {@code provider_name}/{@code provider_url}, the three {@code thumbnail_*} together or not at all (the gateway's
   * scaled artwork at the largest ladder step within {@code maxwidth} × {@code maxheight}, {@link
   * PlayerViews#thumbnail}), {@code html} (one responsive {@code <iframe>}, built by {@link EmbedSnippets}),
   * {@code width}, {@code height} and {@code cache_age}; the extensions {@code duration} (whole seconds, when the
   * hub gives {@code durationMs}) and
   * {@code explicit}.
   * JSON is written by Jackson (via Vert.x {@link JsonObject}); XML by the JDK's StAX writer, which escapes
   * PCDATA (no CDATA sections).
   *
   * @param item the MediaItem
   * @param request the validated request
   * @param views URL and view builder
   * @param templates renders the iframe snippet
   * @param providerName {@code provider_name}
   * @return the pre-serialised response
   */
  public static OEmbedResponse render(MediaItem item, OEmbedRequest request, PlayerViews views, Templates templates,
      String providerName) {
    return render(item, request, views, templates, providerName, null);
  }

  /**
   * As {@link #render(MediaItem, OEmbedRequest, PlayerViews, Templates, String)} for a partner's request:
   * the iframe {@code src} carries {@code partner=<name>}, so the player page takes the partner's
   * {@code frame-ancestors}.
   *
   * @param item the MediaItem
   * @param request the validated request
   * @param views URL and view builder
   * @param templates renders the iframe snippet
   * @param providerName {@code provider_name}
   * @param partner the calling partner's name ({@code [a-z0-9-]}), or {@code null}
   * @return the pre-serialised response
   */
  public static OEmbedResponse render(MediaItem item, OEmbedRequest request, PlayerViews views, Templates templates,
      String providerName, @Nullable String partner) {
    boolean video = item.kind() == MediaKind.VIDEO;
    EmbedSnippets.Snippet snippet = new EmbedSnippets(views, templates)
        .snippet(item, request.options(), box(request), partner);
    PlayerSize size = snippet.size();
    String html = snippet.html();

    Map<String, Object> f = new LinkedHashMap<>();
    f.put("type", video ? "video" : "rich");
    f.put("version", "1.0");
    f.put("title", item.title());
    if (item.artist() != null) {
      f.put("author_name", item.artist().name());
      String authorUrl = PlayerViews.httpUrl(item.artist().url());
      if (authorUrl != null) {
        f.put("author_url", authorUrl);
      }
    }
    f.put("provider_name", providerName);
    f.put("provider_url", views.publicBaseUrl() + "/");
    PlayerView.Image thumb = views.thumbnail(item, request.maxWidth(), request.maxHeight());
    if (thumb != null) {
      f.put("thumbnail_url", thumb.url());
      f.put("thumbnail_width", thumb.width());
      f.put("thumbnail_height", thumb.height());
    }
    f.put("html", html);
    f.put("width", size.width());
    f.put("height", size.height());
    Long duration = PlayerViews.durationSeconds(item.durationMs());
    if (duration != null) {
      // extension field (oEmbed 1.0 §2.3.4): the running time in whole seconds, as Vimeo's answers do
      f.put("duration", duration);
    }
    if (item.explicit()) {
      // extension field (oEmbed 1.0 §2.3.4 allows providers their own): the hub's explicit-content flag
      f.put("explicit", true);
    }
    return request.format().equals("xml") ? xml(f) : json(f);
  }

  /**
   * @param request the validated request
   * @return its {@code maxwidth} × {@code maxheight} box
   */
  public static EmbedSnippets.Box box(OEmbedRequest request) {
    return new EmbedSnippets.Box(request.maxWidth(), request.maxHeight());
  }

  private static OEmbedResponse json(Map<String, Object> fields) {
    String body = new JsonObject(fields).encode();
    // the encoded object ends with '}': cache_age goes last
    return new OEmbedResponse(Buffer.buffer(body.substring(0, body.length() - 1) + ",\"cache_age\":"), Buffer.buffer("}"));
  }

  private static OEmbedResponse xml(Map<String, Object> fields) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = XML.createXMLStreamWriter(out);
      w.writeStartDocument("utf-8", "1.0");
      w.writeStartElement("oembed");
      for (Map.Entry<String, Object> e : fields.entrySet()) {
        w.writeStartElement(e.getKey());
        w.writeCharacters(String.valueOf(e.getValue()));
        w.writeEndElement();
      }
      w.writeStartElement("cache_age");
      w.writeCharacters("");
      w.flush();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("XML rendering failed", e);
    }
    return new OEmbedResponse(Buffer.buffer(out.toString()), Buffer.buffer("</cache_age></oembed>"));
  }
}
