package io.playgate.gateway.oembed;

import io.playgate.gateway.hub.MediaItem;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The URL schemes this provider answers for (oEmbed 1.0 §2.1, config {@code oembed.schemes}), matched by parsing
 * alone: no DNS lookup, no connection, nothing fetched.
 *
 * <p>A pattern looks like {@code https://hub.example/track/{id}} or {@code https://*.hub.example/video/{id}/*}:
 * <ul>
 *   <li>scheme: {@code http} and {@code https} are interchangeable; nothing else matches;</li>
 *   <li>host: a DNS name of letters, digits and hyphens, compared case-insensitively; a leading {@code *.} matches
 *       one or more subdomain labels (not the bare domain, and never a look-alike such as
 *       {@code hub.example.evil.test} or {@code evilhub.example}); a configured alias prefix
 *       ({@code oembed.hostAliases}, e.g. {@code www.}, {@code m.}) may stand in front of a pattern's host;</li>
 *   <li>IP literals never match, in any spelling a browser or resolver would accept: IPv6 ({@code [::1]},
 *       {@code [::ffff:7f00:1]}), dotted, decimal ({@code 2130706433}), octal ({@code 0177.0.0.1}), hex
 *       ({@code 0x7f000001}), short ({@code 1}, {@code 127.1}) and {@code 0.0.0.0}: a host whose last label is a
 *       number is an IPv4 address to the WHATWG URL parser, so it is refused whatever it looks like;</li>
 *   <li>port: must equal the pattern's (an absent port equals the scheme's default);</li>
 *   <li>path: compared segment by segment, case-sensitively, after percent-decoding each segment once;
 *       {@code {id}} captures one segment that must match {@code [A-Za-z0-9_-]{1,64}}; {@code *} matches one
 *       segment, or, as the last segment, any rest including none; one trailing slash is ignored;</li>
 *   <li>query and fragment are ignored (a cache-busting {@code ?_=123} maps to the same media);</li>
 *   <li>a URL with userinfo ({@code https://hub.example@evil.test/…}), without a host, without a scheme
 *       ({@code hub.example/…}, {@code //hub.example/…}), with another scheme ({@code file:}, {@code gopher:},
 *       {@code javascript:}, {@code data:}), longer than 2048 characters, or that does not parse as an absolute URI
 *       (RFC 3986 as implemented by {@link URI}, which also refuses spaces, backslashes and raw non-ASCII) never
 *       matches.</li>
 * </ul>
 *
 * <p>The URL is parsed exactly once, by {@link URI} (strict RFC 2396/3986 syntax, no resolution, no I/O: unlike
 * {@code java.net.URL}, its {@code equals}/{@code hashCode} never look a host up); the host check above then
 * closes the gap between that grammar and the more lenient WHATWG parser browsers use. Path segments are
 * percent-decoded exactly once ({@code %2541} stays {@code %41}, which is no valid id).
 */
public final class UrlSchemes {

  private record Pattern(String host, boolean wildcardHost, int port, List<String> segments) {
  }

  /** A DNS name: LDH labels of 1..63 characters, at most 253 in all (RFC 1123 §2.1). */
  private static final java.util.regex.Pattern DNS_NAME = java.util.regex.Pattern.compile(
      "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
  /** A label the WHATWG IPv4 parser reads as a number: decimal, octal (leading 0) or hex ({@code 0x}). */
  private static final java.util.regex.Pattern NUMERIC_LABEL = java.util.regex.Pattern.compile(
      "[0-9]+|0[xX][0-9a-fA-F]*");

  private final List<Pattern> patterns;
  private final List<String> hostAliases;

  private UrlSchemes(List<Pattern> patterns, List<String> hostAliases) {
    this.patterns = patterns;
    this.hostAliases = hostAliases;
  }

  /**
   * @param schemes patterns, each with exactly one {@code {id}} segment
   * @return the matcher, without host aliases
   * @throws IllegalArgumentException naming the bad pattern
   */
  public static UrlSchemes compile(List<String> schemes) {
    return compile(schemes, List.of());
  }

  /**
   * @param schemes patterns, each with exactly one {@code {id}} segment and a DNS host name (not an IP literal)
   * @param hostAliases lower-case host prefixes such as {@code www.} that may precede a pattern's host
   * @return the matcher
   * @throws IllegalArgumentException naming the bad pattern
   */
  public static UrlSchemes compile(List<String> schemes, List<String> hostAliases) {
    List<Pattern> out = new ArrayList<>();
    for (String s : schemes) {
      String text = s.replace("{id}", "__playgate_id__");
      URI uri;
      try {
        uri = new URI(text);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("not a URL pattern: " + s);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      String authority = uri.getRawAuthority();
      if (!(scheme.equals("http") || scheme.equals("https")) || authority == null || uri.getRawUserInfo() != null) {
        throw new IllegalArgumentException("expected an http(s)://host/path pattern: " + s);
      }
      String hostPort = authority;
      int port = -1;
      int colon = hostPort.lastIndexOf(':');
      if (colon > 0 && !hostPort.endsWith("]")) {
        String digits = hostPort.substring(colon + 1);
        if (!digits.matches("\\d{1,5}")) {
          throw new IllegalArgumentException("bad port in pattern: " + s);
        }
        port = Integer.parseInt(digits);
        hostPort = hostPort.substring(0, colon);
      }
      boolean wildcard = hostPort.startsWith("*.");
      String host = (wildcard ? hostPort.substring(2) : hostPort).toLowerCase(Locale.ROOT);
      List<String> segs = segments(uri.getRawPath());
      long ids = segs.stream().filter("__playgate_id__"::equals).count();
      if (ids != 1 || host.contains("*")) {
        throw new IllegalArgumentException("a pattern needs exactly one {id} path segment: " + s);
      }
      if (!isDnsName(host)) {
        throw new IllegalArgumentException("the host of '" + s + "' is not a DNS name; URLs with IP-literal hosts"
            + " are always refused, so use a host name (e.g. localhost in server.publicBaseUrl)");
      }
      out.add(new Pattern(host, wildcard, port, segs));
    }
    return new UrlSchemes(List.copyOf(out), List.copyOf(hostAliases));
  }

  /**
   * @param host a lower-case host as {@link URI#getHost()} returns it
   * @return whether it is a DNS name and no IP literal in any spelling
   */
  static boolean isDnsName(String host) {
    if (host.startsWith("[") || !DNS_NAME.matcher(host).matches()) {
      return false;
    }
    String last = host.substring(host.lastIndexOf('.') + 1);
    return !NUMERIC_LABEL.matcher(last).matches();
  }

  /**
   * @param url a URL from a request, untrusted
   * @return the media id when the URL matches a scheme, else empty
   */
  public Optional<String> match(@Nullable String url) {
    if (url == null || url.length() > 2048) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
        || uri.getRawPath() == null) {
      return Optional.empty();
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (!isDnsName(host)) {
      return Optional.empty();
    }
    int port = uri.getPort();
    List<String> segs;
    try {
      segs = decodedSegments(uri.getRawPath());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    for (Pattern p : patterns) {
      if (!hostMatches(p, host) || !portMatches(p.port(), port, scheme)) {
        continue;
      }
      String id = matchPath(p.segments(), segs);
      if (id != null) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }

  private boolean hostMatches(Pattern p, String host) {
    if (hostMatchesPattern(p, host)) {
      return true;
    }
    for (String alias : hostAliases) {
      if (host.startsWith(alias) && hostMatchesPattern(p, host.substring(alias.length()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean hostMatchesPattern(Pattern p, String host) {
    if (!p.wildcardHost()) {
      return host.equals(p.host());
    }
    return host.endsWith("." + p.host()) && host.length() > p.host().length() + 1 && !host.startsWith(".")
        && !host.contains("..");
  }

  private static boolean portMatches(int patternPort, int port, String scheme) {
    int dflt = scheme.equals("https") ? 443 : 80;
    if (patternPort == -1) {
      return port == -1 || port == dflt;
    }
    return port == patternPort || (port == -1 && patternPort == dflt);
  }

  private static @Nullable String matchPath(List<String> pattern, List<String> path) {
    String id = null;
    for (int i = 0; i < pattern.size(); i++) {
      String p = pattern.get(i);
      boolean last = i == pattern.size() - 1;
      if (p.equals("*") && last) {
        return id;
      }
      if (i >= path.size()) {
        return null;
      }
      String s = path.get(i);
      if (p.equals("__playgate_id__")) {
        if (!MediaItem.ID.matcher(s).matches()) {
          return null;
        }
        id = s;
      } else if (!p.equals("*") && !p.equals(s)) {
        return null;
      }
    }
    return path.size() == pattern.size() ? id : null;
  }

  private static List<String> segments(@Nullable String rawPath) {
    List<String> out = new ArrayList<>();
    String p = rawPath == null ? "" : rawPath;
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    for (String s : p.split("/", -1)) {
      out.add(s);
    }
    if (!out.isEmpty() && out.get(0).isEmpty()) {
      out.remove(0);
    }
    return out;
  }

  private static List<String> decodedSegments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String s : segments(rawPath)) {
      out.add(percentDecodeOnce(s));
    }
    return out;
  }

  /**
   * Decodes {@code %XX} escapes once, as UTF-8 (RFC 3986 §2.1); {@code +} stays a plus.
   *
   * @throws IllegalArgumentException for a malformed escape or invalid UTF-8
   */
  static String percentDecodeOnce(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new IllegalArgumentException("bad escape");
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("bad escape");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("bad UTF-8");
    }
  }
}
