package io.playgate.gateway.hub;

/**
 * The replacement rule that makes every hub string well-formed for every output (HTML, XML 1.0, JSON): a lone UTF-16
 * surrogate, a C0 control character other than TAB, LF and CR, and the non-characters U+FFFE and U+FFFF are each
 * replaced by U+FFFD; a CR LF pair or a lone CR becomes LF (the line-break normalisation every HTML and XML parser
 * applies to its input, so a string round-trips exactly through every output). Everything else, including emoji
 * sequences and right-to-left text, is kept as sent.
 */
final class WellFormedText {

  private WellFormedText() {
  }

  /**
   * @param s any string
   * @return {@code s} itself when nothing needs replacing, else a well-formed copy
   */
  static String of(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean bad;
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          if (out != null) {
            out.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
        bad = true;
      } else if (c == '\r') {
        if (out == null) {
          out = new StringBuilder(s.length()).append(s, 0, i);
        }
        if (i + 1 >= s.length() || s.charAt(i + 1) != '\n') {
          out.append('\n');
        }
        continue;
      } else {
        bad = Character.isLowSurrogate(c) || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            || c == '\uFFFE' || c == '\uFFFF';
      }
      if (bad && out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (out != null) {
        out.append(bad ? '\uFFFD' : c);
      }
    }
    return out == null ? s : out.toString();
  }
}
