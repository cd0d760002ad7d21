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
   * The oEmbed {@code html} snippet: exactly one {@code <iframe>} (oEmbed 1.0 §2.3.4 {@code html}).
   *
   * @param src absolute player URL
   * @param width px, positive
   * @param height px, positive
   * @param title accessible title, non-empty
   * @return the snippet, without surrounding white space
   */
  public String iframe(String src, int width, int height, String title) {
    gg.jte.output.StringOutput out = new gg.jte.output.StringOutput();
    engine.render("iframe.jte", Map.of("src", src, "width", width, "height", height, "title", title), out);
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
   * @param heading what went wrong, for a listener, e.g. "This track isn't available"
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
   * @param items the catalogue to list (empty when the gateway fronts a remote hub)
   * @return the {@code /} page as UTF-8 bytes
   */
  public byte[] indexPage(String siteName, String baseUrl, PlayerView.Assets assets, java.util.List<PlayerView> items) {
    Utf8ByteOutput out = new Utf8ByteOutput();
    engine.render("index.jte", Map.of("siteName", siteName, "baseUrl", baseUrl, "assets", assets, "items", items), out);
    return out.toByteArray();
  }

  private byte[] render(String name, String param, Object value) {
    Utf8ByteOutput out = new Utf8ByteOutput();
    engine.render(name, Map.of(param, value), out);
    return out.toByteArray();
  }
}
