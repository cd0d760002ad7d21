package io.playgate.gateway.http;

import io.playgate.gateway.hub.HubException;
import io.playgate.gateway.hub.HubFailure;
import io.playgate.widgets.PlayerView;
import io.playgate.widgets.Templates;
import io.playgate.widgets.WidgetAssets;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The HTML form of a problem, for a person: a player-sized page in the player's look (its CSS from the widget assets,
 * no script, no media) saying "This isn't available" and why, with the same status. {@link ProblemHandler}
 * sends it instead of {@code application/problem+json} when a browser navigates to a page route and prefers
 * {@code text/html} (RFC 9110 §12.5.1 proactive negotiation on {@code Accept}); {@code /oembed}, the embedded hub and
 * every request that is not {@code GET}/{@code HEAD} are APIs and always get the JSON. The page is rendered by the
 * precompiled jte template {@code problem.jte} (HTML auto-escaping) and served under the pages' CSP: the player's
 * (its {@code frame-ancestors}) on {@code /embed/*}, which is what a partner's iframe shows, else the share pages'.
 */
final class ProblemPage {

  /** What a person reads as the page's heading, whatever the status and whether it was a track, a video or a list. */
  static final String HEADING = "This isn't available";

  private final Templates templates;
  private final PlayerView.Assets assets;

  private ProblemPage(Templates templates, PlayerView.Assets assets) {
    this.templates = templates;
    this.assets = assets;
  }

  /**
   * Reads the widget assets from the classpath (their hashed URLs), once, when the router is built.
   *
   * @return the page renderer
   */
  static ProblemPage load() {
    return new ProblemPage(new Templates(), WidgetAssets.load().urls());
  }

  /**
   * @param ctx the failed request
   * @return whether it is a page request of a browser: {@code GET} or {@code HEAD}, not an API path, and an
   *     {@code Accept} that prefers HTML ({@link #prefersHtml})
   */
  boolean wanted(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    String path = ctx.request().path();
    return (method == HttpMethod.GET || method == HttpMethod.HEAD) && path != null
        && !path.startsWith("/oembed") && !path.startsWith("/hub/")
        && prefersHtml(ctx.request().getHeader(HttpHeaders.ACCEPT));
  }

  /**
   * @param accept an {@code Accept} value, or {@code null}
   * @return whether {@code text/html} gets a higher weight than both {@code application/problem+json} and
   *     {@code application/json}, each weighed by its most specific matching media range (RFC 9110 §12.5.1). A
   *     browser's {@code text/html,…,*}{@code /*;q=0.8} does; {@code *}{@code /*}, no header, or any JSON range at
   *     the same weight does not: ties go to the API's JSON
   */
  static boolean prefersHtml(@Nullable String accept) {
    if (accept == null || accept.isBlank()) {
      return false;
    }
    return weight(accept, "text", "html") > Math.max(weight(accept, "application", "problem+json"),
        weight(accept, "application", "json"));
  }

  /** @return the q of the most specific range in {@code accept} matching {@code type/subtype}, or 0 */
  private static double weight(String accept, String type, String subtype) {
    int bestSpecificity = -1;
    double q = 0;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String media = parts[0].trim().toLowerCase(Locale.ROOT);
      int specificity = media.equals(type + "/" + subtype) ? 2 : media.equals(type + "/*") ? 1
          : media.equals("*/*") ? 0 : -1;
      if (specificity > bestSpecificity) {
        bestSpecificity = specificity;
        q = quality(parts);
      }
    }
    return q;
  }

  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
        try {
          double q = Double.parseDouble(p.substring(2).trim());
          return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }

  /**
   * @param ctx the failed request
   * @return the {@code Content-Security-Policy} of the page: the player's on {@code /embed/*}, else the share pages'
   */
  String csp(RoutingContext ctx) {
    return ctx.request().path().startsWith("/embed/") ? SecurityHeaders.playerCsp(ctx) : SecurityHeaders.SHARE_CSP;
  }

  /**
   * @param problem the problem
   * @param failure what failed, or {@code null}: a takedown says so
   * @return the page as UTF-8 bytes
   */
  Buffer render(Problem problem, @Nullable Throwable failure) {
    String why = message(problem.status(), failure);
    if (problem.status() == 400 && problem.detail() != null) {
      // our own words about the request (which parameter, what was expected), for whoever debugs the link
      why = why + " (" + problem.detail() + ")";
    }
    return Buffer.buffer(templates.problemPage(assets, HEADING, why, problem.status(), problem.title(),
        problem.requestId()));
  }

  /** @return why, in words a listener understands, by status */
  static String message(int status, @Nullable Throwable failure) {
    if (failure instanceof HubException he && he.failure() == HubFailure.REMOVED) {
      return "It has been taken down.";
    }
    return switch (status) {
      case 400 -> "This link is not valid. Check it, or ask whoever shared it for a new one.";
      case 401, 403 -> "It is private, or its owner does not allow it to be played here.";
      case 404, 410 -> "It may have been removed, or the link may be wrong.";
      case 429 -> "There have been too many requests from here. Try again in a moment.";
      case 504 -> "The catalogue took too long to answer. Try again in a moment.";
      default -> status >= 500 ? "Something went wrong on our side. Try again in a moment."
          : "This request could not be answered.";
    };
  }
}
