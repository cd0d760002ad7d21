package io.playgate.widgets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The player's static files, read once from the classpath ({@code io/playgate/widgets/static/}) and named by
 * content: {@code player.css} is served as {@code /widgets/player.<first 10 hex of SHA-256>.css}, so it can be
 * cached for a year and a new build is a new URL. Immutable and thread-safe.
 */
public final class WidgetAssets {

  /** URL path prefix of all assets. */
  public static final String PREFIX = "/widgets/";

  /**
   * One asset.
   *
   * @param path hashed URL path, e.g. {@code /widgets/player.0123456789.js}
   * @param contentType MIME type with charset
   * @param bytes the content; do not modify
   */
  public record Asset(String path, String contentType, byte[] bytes) {
  }

  private static final String[][] FILES = {
      {"player.css", "text/css; charset=utf-8"},
      {"player.js", "text/javascript; charset=utf-8"},
      {"facade.js", "text/javascript; charset=utf-8"},
      {"share.js", "text/javascript; charset=utf-8"},
  };

  /** The host-page SDK: served at {@code /embed.js} under a stable name (partners paste its URL), short-cached. */
  private static final String HOST_SDK = "embed.js";

  private final Map<String, Asset> byLogicalName = new LinkedHashMap<>();
  private final Map<String, Asset> byPath = new LinkedHashMap<>();
  private final Asset hostSdk = new Asset("/" + HOST_SDK, "text/javascript; charset=utf-8", read(HOST_SDK));

  private WidgetAssets() {
    for (String[] f : FILES) {
      byte[] bytes = read(f[0]);
      String name = f[0];
      int dot = name.lastIndexOf('.');
      String path = PREFIX + name.substring(0, dot) + "." + hash(bytes) + name.substring(dot);
      Asset a = new Asset(path, f[1], bytes);
      byLogicalName.put(name, a);
      byPath.put(path, a);
    }
  }

  /**
   * @return the assets, loaded from the classpath
   * @throws UncheckedIOException when a bundled file is missing
   */
  public static WidgetAssets load() {
    return new WidgetAssets();
  }

  /**
   * @param path a request path such as {@code /widgets/player.0123456789.js}
   * @return the asset, or {@code null} when no asset has that hashed path
   */
  public @Nullable Asset byPath(String path) {
    return byPath.get(path);
  }

  /** @return every asset, in a fixed order */
  public java.util.Collection<Asset> all() {
    return java.util.List.copyOf(byPath.values());
  }

  /** @return the hashed URLs for templates */
  public PlayerView.Assets urls() {
    return new PlayerView.Assets(byLogicalName.get("player.css").path(), byLogicalName.get("player.js").path(),
        byLogicalName.get("facade.js").path(), byLogicalName.get("share.js").path());
  }

  /**
   * @return the host-page SDK ({@code embed.js}): not content-hashed, because partners reference it by a fixed URL
   */
  public Asset hostSdk() {
    return hostSdk;
  }

  private static byte[] read(String name) {
    String res = "io/playgate/widgets/static/" + name;
    try (InputStream in = WidgetAssets.class.getClassLoader().getResourceAsStream(res)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("missing resource " + res));
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String hash(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
