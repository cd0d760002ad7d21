package io.playgate.widgets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The site's icons, read once from the classpath ({@code io/playgate/widgets/icons/}) and served at the fixed paths
 * browsers and home screens ask for: {@code /favicon.ico} (16, 32 and 48 px), {@code /icon.svg} and
 * {@code /apple-touch-icon.png} (180 px). Every page links them through {@code partial/icons.jte}
 * ({@code <link rel="icon">}, HTML Living Standard §4.6.7.8). The ICO and PNG are drawn from the SVG's geometry by
 * {@code embed-widgets/src/icons/MakeIcons.java}. Immutable and thread-safe.
 */
public final class SiteIcons {

  /** The icons, in the order the page's {@code <link>}s name them. */
  public static final List<WidgetAssets.Asset> ALL = List.of(
      icon("favicon.ico", "image/x-icon"),
      icon("icon.svg", "image/svg+xml"),
      icon("apple-touch-icon.png", "image/png"));

  private SiteIcons() {
  }

  private static WidgetAssets.Asset icon(String name, String contentType) {
    try (InputStream in = SiteIcons.class.getResourceAsStream("icons/" + name)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("missing bundled icon " + name));
      }
      return new WidgetAssets.Asset("/" + name, contentType, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
