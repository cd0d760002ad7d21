package io.playgate.widgets;

/**
 * JSON made safe to write raw inside an HTML {@code <script>} data block (e.g.
 * {@code <script type="application/ld+json">}). The HTML parser ends a script element at the first
 * {@code </script} and treats {@code <!--} specially (WHATWG HTML, "Restrictions for contents of script elements"),
 * so {@code <}, {@code >} and {@code &} are written as the JSON escapes {@code \u003c}, {@code \u003e} and
 * {@code \u0026}; U+2028 and U+2029 as {@code \u2028}/{@code \u2029} for JavaScript parsers older than ES2019. In
 * valid JSON those characters can only occur inside strings, where the escapes mean the same characters (RFC 8259
 * §7), so a JSON parser reads back the same value.
 *
 * @param escaped the JSON text with the characters above escaped; never contains {@code <}, {@code >}, {@code &}
 */
public record ScriptJson(String escaped) {

  /** @throws IllegalArgumentException when {@code escaped} still holds {@code <}, {@code >}, {@code &} or U+2028/9 */
  public ScriptJson {
    if (escaped.chars().anyMatch(c -> c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029)) {
      throw new IllegalArgumentException("unescaped <, >, & or U+2028/U+2029 in script JSON");
    }
  }

  /**
   * @param json a valid JSON text (as written by a JSON library)
   * @return the same JSON, safe inside a {@code <script>} element
   */
  public static ScriptJson of(String json) {
    StringBuilder out = new StringBuilder(json.length() + 32);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> out.append("\\u003c");
        case '>' -> out.append("\\u003e");
        case '&' -> out.append("\\u0026");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> out.append(c);
      }
    }
    return new ScriptJson(out.toString());
  }
}
