package io.playgate.gateway.oembed;

import io.playgate.gateway.options.ConfigException;
import io.playgate.gateway.options.ConfigReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Options of the oEmbed provider ({@code GET /oembed}): the {@value #KEY} section of {@code conf/gateway.yaml}.
 *
 * @param schemes URL patterns {@code GET /oembed} accepts (oEmbed 1.0 §2.1), with {@value #PUBLIC_BASE_URL} not yet
 *     replaced by the public base URL; never empty
 * @param providerName oEmbed {@code provider_name} (also the share pages' {@code og:site_name}), not blank
 * @param hostAliases host prefixes (each a DNS label followed by a dot, lower case, e.g. {@code www.}, {@code m.})
 *     that a URL's host may carry in front of a pattern's host and still match it
 */
public record OEmbedOptions(List<String> schemes, String providerName, List<String> hostAliases) {

  /** The configuration section these options are read from. */
  public static final String KEY = "oembed";
  /** Stands for the gateway's public base URL in {@link #schemes()}. */
  public static final String PUBLIC_BASE_URL = "{publicBaseUrl}";
  /** Default {@link #schemes()}: the gateway's own share pages. */
  public static final List<String> DEFAULT_SCHEMES = List.of(PUBLIC_BASE_URL + "/media/{id}");
  /** Default {@link #providerName()}. */
  public static final String DEFAULT_PROVIDER_NAME = "Playgate";
  /** Default {@link #hostAliases()}: {@code www.} and {@code m.}. */
  public static final List<String> DEFAULT_HOST_ALIASES = List.of("www.", "m.");

  private static final String ALIAS = "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+";

  /** Options with every default, as {@code conf/gateway.yaml} ships them. */
  public OEmbedOptions() {
    this(DEFAULT_SCHEMES, DEFAULT_PROVIDER_NAME, DEFAULT_HOST_ALIASES);
  }

  /**
   * Copies the lists.
   *
   * @throws IllegalArgumentException when there is no scheme or no provider name
   */
  public OEmbedOptions {
    schemes = List.copyOf(schemes);
    hostAliases = List.copyOf(hostAliases);
    if (schemes.isEmpty() || Objects.requireNonNull(providerName, "providerName").isBlank()) {
      throw new IllegalArgumentException("oEmbed needs a scheme and a provider name");
    }
  }

  /**
   * Reads and checks the {@value #KEY} section: {@code schemes} (a list of URL patterns; empty means
   * {@link #DEFAULT_SCHEMES}), {@code providerName} (required), {@code hostAliases} (a list of host prefixes such as
   * {@code www.}). The patterns themselves are checked by {@link #schemes(String)} once the public base URL is known.
   *
   * @param json the section
   * @return the options
   * @throws ConfigException naming the first bad key, e.g. {@code oembed.hostAliases}
   */
  public static OEmbedOptions fromJson(@Nullable JsonObject json) {
    ConfigReader o = ConfigReader.of(KEY, json);
    List<String> schemes = o.strings("schemes");
    List<String> aliases = new ArrayList<>();
    for (String alias : o.strings("hostAliases")) {
      String a = alias.toLowerCase(Locale.ROOT);
      if (!a.matches(ALIAS)) {
        throw o.invalid("hostAliases", "expected host prefixes such as 'www.' or 'm.', was '" + alias + "'");
      }
      aliases.add(a);
    }
    return new OEmbedOptions(schemes.isEmpty() ? DEFAULT_SCHEMES : schemes, o.string("providerName"), aliases);
  }

  /** @return the {@value #KEY} section, as {@link #fromJson} reads it */
  public JsonObject toJson() {
    return new JsonObject().put("schemes", new JsonArray(new ArrayList<Object>(schemes)))
        .put("providerName", providerName).put("hostAliases", new JsonArray(new ArrayList<Object>(hostAliases)));
  }

  /**
   * @param publicBaseUrl the gateway's public base URL, without trailing slash, for {@value #PUBLIC_BASE_URL}
   * @return the compiled schemes
   * @throws ConfigException naming {@code oembed.schemes} when a pattern is not a valid URL pattern
   */
  public UrlSchemes schemes(String publicBaseUrl) {
    try {
      return UrlSchemes.compile(schemes.stream().map(s -> s.replace(PUBLIC_BASE_URL, publicBaseUrl)).toList(),
          hostAliases);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(KEY + ".schemes", e.getMessage());
    }
  }
}
