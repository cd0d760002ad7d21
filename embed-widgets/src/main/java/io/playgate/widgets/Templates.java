package io.playgate.widgets;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders the precompiled jte templates (HTML content type: every {@code ${…}} is escaped for its context, and a
 * {@code null} or {@code false} attribute value drops the attribute). Thread-safe; rendering is CPU-only and fast
 * enough for an event loop (no I/O).
 */
public final class Templates {

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /**
   * @param view the player
   * @return the {@code /embed/{id}} page as UTF-8 bytes
   */
  public byte[] embedPage(PlayerView view) {
    return render("embed.jte", "view", view);
  }

  /**
   * @param view the share page
   * @return the {@code /media/{id}} page as UTF-8 bytes
   */
  public byte[] sharePage(SharePageView view) {
    return render("share.jte", "page", view);
  }

  /**
   * The oEmbed {@code html} snippet of an audio or list player: exactly one {@code <iframe>} (oEmbed 1.0 §2.3.4
   * {@code html}) with {@code width}/{@code height} attributes and {@code style="border:0;max-width:100%"}, so it
   * narrows to a smaller column and keeps its height (the player is fluid in width), with no stylesheet or wrapper
   * of the host's.
   *
   * @param src absolute player URL
   * @param size the frame's size in px
   * @param title accessible title, non-empty
   * @return the snippet, without surrounding white space
   */
  public String iframe(String src, PlayerSize size, String title) {
    return renderIframe(src, size, title, false);
  }

  /**
   * The oEmbed {@code html} snippet of a video player: as {@link #iframe(String, PlayerSize, String)}, and
   * {@code height:auto;aspect-ratio:<width>/<height>} in its style, so a narrower column scales it down keeping its
   * aspect ratio (CSS Box Sizing Level 4, {@code aspect-ratio}); where the style is stripped or unsupported the
   * attributes still give the fixed size.
   *
   * @param src absolute player URL
   * @param size the frame's size in px
   * @param title accessible title, non-empty
   * @return the snippet, without surrounding white space
   */
  public String videoIframe(String src, PlayerSize size, String title) {
    return renderIframe(src, size, title, true);
  }

  private String renderIframe(String src, PlayerSize size, String title, boolean keepAspect) {
    gg.jte.output.StringOutput out = new gg.jte.output.StringOutput();
    engine.render("iframe.jte", Map.of("src", src, "width", size.width(), "height", size.height(), "title", title,
        "keepAspect", keepAspect), out);
    return out.toString().strip();
  }

  /**
   * @param assets hashed asset URLs
   * @param title what is unavailable
   * @param message why, in words
   * @return a player-sized page that plays nothing, as UTF-8 bytes
   */
  public byte[] unavailablePage(PlayerView.Assets assets, String title, String message) {
    Utf8ByteOutput out = new Utf8ByteOutput();
    engine.render("unavailable.jte", Map.of("assets", assets, "title", title, "message", message), out);
    return out.toByteArray();
  }

  /**
   * The page a person sees instead of an RFC 9457 problem body: the player's look, no media, no script.
   *
   * @param assets hashed asset URLs (the player's CSS)
   * @param heading what went wrong, for a listener, e.g. "This isn't available"
   * @param message why, in words
   * @param status the HTTP status, 400..599
   * @param reason the status's reason phrase, e.g. "Not Found"
   * @param requestId the request's id, for support, or {@code null}
   * @return the page as UTF-8 bytes
   */
  public byte[] problemPage(PlayerView.Assets assets, String heading, String message, int status, String reason,
      @Nullable String requestId) {
    Utf8ByteOutput out = new Utf8ByteOutput();
    Map<String, Object> params = new HashMap<>();
    params.put("assets", assets);
    params.put("heading", heading);
    params.put("message", message);
    params.put("status", status);
    params.put("reason", reason);
    params.put("requestId", requestId);
    engine.render("problem.jte", params, out);
    return out.toByteArray();
  }

  /**
   * @param siteName the gateway's name
   * @param baseUrl the public base URL
   * @param assets hashed asset URLs
   * @param items the page's items (empty when the gateway fronts a remote hub)
   * @param paging where the page lies in the catalogue
   * @return the {@code /} page as UTF-8 bytes
   */
  public byte[] indexPage(String siteName, String baseUrl, PlayerView.Assets assets, java.util.List<PlayerView> items,
      IndexPaging paging) {
    Utf8ByteOutput out = new Utf8ByteOutput();
    engine.render("index.jte", Map.of("siteName", siteName, "baseUrl", baseUrl, "assets", assets, "items", items,
        "paging", paging), out);
    return out.toByteArray();
  }

  /**
   * Where a start page lies in the catalogue it pages through.
   *
   * @param page this page, from 1
   * @param pageCount pages in all, at least 1
   * @param total items listed in all
   */
  public record IndexPaging(int page, int pageCount, int total) {

    /** @return whether a page comes before this one */
    public boolean hasPrevious() {
      return page > 1;
    }

    /** @return whether a page comes after this one */
    public boolean hasNext() {
      return page < pageCount;
    }
  }

  private byte[] render(String name, String param, Object value) {
    Utf8ByteOutput out = new Utf8ByteOutput();
    engine.render(name, Map.of(param, value), out);
    return out.toByteArray();
  }
}
