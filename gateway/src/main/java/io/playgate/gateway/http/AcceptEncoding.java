package io.playgate.gateway.http;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request's {@code Accept-Encoding} (RFC 9110 §12.5.3) for the one choice the gateway makes: gzip or identity.
 * Codings are compared case-insensitively, {@code x-gzip} is gzip (§8.4.1.3), a missing {@code q} is 1, {@code *}
 * stands for every coding not listed, and an element with a malformed {@code q} is ignored. Gzip is chosen when its
 * weight is above 0 and at least identity's; identity that is neither listed nor covered by {@code *} is acceptable
 * but the least preferred (weight 0.001), so {@code br, gzip;q=0.9} gets gzip. When
 * neither is acceptable ({@code identity;q=0} without gzip) the answer is identity all the same: the gateway sends an
 * uncoded body rather than {@code 406}, as §12.5.3 allows. No header, or an empty one, means identity: a client that
 * names no coding is sent none. Stateless; thread-safe.
 */
public final class AcceptEncoding {

  private static final int ABSENT = -1;
  private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

  private AcceptEncoding() {
  }

  /**
   * @param header the request's {@code Accept-Encoding} field values, joined with commas, or {@code null} when absent
   * @return whether the answer should be gzip rather than identity
   */
  public static boolean choosesGzip(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return false;
    }
    int gzip = ABSENT;
    int identity = ABSENT;
    int star = ABSENT;
    for (String element : header.split(",")) {
      int semicolon = element.indexOf(';');
      String coding = (semicolon < 0 ? element : element.substring(0, semicolon)).trim();
      int q = semicolon < 0 ? 1000 : weight(element.substring(semicolon + 1));
      if (q == ABSENT) {
        continue;
      }
      if (coding.equalsIgnoreCase("gzip") || coding.equalsIgnoreCase("x-gzip")) {
        gzip = Math.max(gzip, q);
      } else if (coding.equalsIgnoreCase("identity")) {
        identity = Math.max(identity, q);
      } else if (coding.equals("*")) {
        star = Math.max(star, q);
      }
    }
    int gzipWeight = gzip != ABSENT ? gzip : Math.max(star, 0);
    // an unlisted identity stays acceptable but is the least preferred: "br, gzip;q=0.9" asks for gzip
    int identityWeight = identity != ABSENT ? identity : star != ABSENT ? star : 1;
    return gzipWeight > 0 && gzipWeight >= identityWeight;
  }

  /**
   * @param values the field's values, one per header line (RFC 9110 §5.3: they combine as one comma-separated list)
   * @return {@link #choosesGzip(String)} of them
   */
  public static boolean choosesGzip(List<String> values) {
    return !values.isEmpty() && choosesGzip(values.size() == 1 ? values.get(0) : String.join(",", values));
  }

  /**
   * @param parameters what follows the coding's first {@code ;}
   * @return the {@code q} parameter in thousandths (§12.4.2: {@code 0} to {@code 1} with at most three decimals),
   *     1000 without one, {@link #ABSENT} when it is malformed
   */
  private static int weight(String parameters) {
    for (String parameter : parameters.split(";")) {
      String p = parameter.trim();
      if (p.length() >= 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
        return qvalue(p.substring(2).trim());
      }
    }
    return 1000;
  }

  private static int qvalue(String text) {
    if (!QVALUE.matcher(text).matches()) {
      return ABSENT;
    }
    int thousandths = (text.charAt(0) - '0') * 1000;
    for (int i = 2, scale = 100; i < text.length(); i++, scale /= 10) {
      thousandths += (text.charAt(i) - '0') * scale;
    }
    return thousandths;
  }
}
