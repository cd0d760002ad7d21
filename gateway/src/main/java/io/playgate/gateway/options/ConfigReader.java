package io.playgate.gateway.options;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads one section of the configuration tree (a {@link JsonObject} shaped like {@code conf/gateway.yaml}) and
 * coerces its values: durations and sizes in human units ({@link Units}), whole numbers in a range, booleans, enums,
 * http(s) base URLs, header names and lists of strings. Text is accepted wherever a number or boolean is expected,
 * since environment variables and system properties arrive as text. Every failure is a {@link ConfigException} whose
 * key is the full dotted path of the value ({@code cache.staleIfError: expected a duration like …}). Every
 * {@code field} parameter is a key of this section. Immutable.
 */
public final class ConfigReader {

  /** An HTTP header name (RFC 9110 §5.1 token), at most 64 characters. */
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");

  private final String path;
  private final JsonObject json;

  private ConfigReader(String path, JsonObject json) {
    this.path = path;
    this.json = json;
  }

  /**
   * @param path the dotted key path of the section, e.g. {@code cache} or {@code partners.anonymous}
   * @param json the section's values
   * @return a reader over it
   * @throws ConfigException naming {@code path} when {@code json} is {@code null} (the section is missing)
   */
  public static ConfigReader of(String path, @Nullable JsonObject json) {
    if (json == null) {
      throw new ConfigException(path, "missing section");
    }
    return new ConfigReader(path, json);
  }

  /** @return the full dotted path of {@code field}, e.g. {@code cache.staleIfError} */
  public String path(String field) {
    return path + "." + field;
  }

  /** @return the full dotted path of entry {@code index} of the list {@code field}, e.g. {@code partners.list[0]} */
  public String entry(String field, int index) {
    return path(field) + "[" + index + "]";
  }

  /** @return the exception to throw when {@code field}'s value has the {@code problem}, naming its full path */
  public ConfigException invalid(String field, String problem) {
    return new ConfigException(path(field), problem);
  }

  /**
   * @param field a key of this section whose value is a section (a YAML mapping)
   * @param shape what the section holds, for the error message, e.g. {@code {capacity: <requests>, period: <duration>}}
   * @return a reader over it
   * @throws ConfigException when the value is not a section
   */
  public ConfigReader section(String field, String shape) {
    if (!(json.getValue(field) instanceof JsonObject obj)) {
      throw invalid(field, "expected " + shape);
    }
    return new ConfigReader(path(field), obj);
  }

  /**
   * @param field a key of this section whose value is a list of sections, or absent
   * @param shape what each entry must hold, for the error message
   * @return a reader per entry, named {@code path.field[i]}; empty when the value is absent or {@code null}
   * @throws ConfigException when the value is not a list, or an entry not a section
   */
  public List<ConfigReader> sections(String field, String shape) {
    List<ConfigReader> out = new ArrayList<>();
    JsonArray list = list(field);
    for (int i = 0; list != null && i < list.size(); i++) {
      if (!(list.getValue(i) instanceof JsonObject obj)) {
        throw new ConfigException(entry(field, i), "expected " + shape);
      }
      out.add(new ConfigReader(entry(field, i), obj));
    }
    return out;
  }

  /**
   * @param allowed the only keys a section may hold
   * @param shape the section's shape in words, for the error message
   * @throws ConfigException naming the first other key
   */
  public void onlyKeys(List<String> allowed, String shape) {
    for (String field : json.fieldNames()) {
      if (!allowed.contains(field)) {
        throw invalid(field, "unknown key (" + shape + ")");
      }
    }
  }

  /**
   * @return the trimmed text of the value (numbers and booleans as written), or {@code null} when absent, {@code null}
   *     or empty
   * @throws ConfigException when the value is a list or section
   */
  public @Nullable String optionalString(String field) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String) && !(v instanceof Number) && !(v instanceof Boolean)) {
      throw invalid(field, "expected a string");
    }
    String text = String.valueOf(v).trim();
    return text.isEmpty() ? null : text;
  }

  /**
   * @return the trimmed text of the value, never empty
   * @throws ConfigException when the value is absent, empty, a list or a section
   */
  public String string(String field) {
    String v = optionalString(field);
    if (v == null) {
      throw invalid(field, "required");
    }
    return v;
  }

  /**
   * @return an HTTP header name (RFC 9110 §5.1), or {@code null} when absent or empty
   * @throws ConfigException when the value is not a header name
   */
  public @Nullable String headerName(String field) {
    String v = optionalString(field);
    if (v != null && !HEADER_NAME.matcher(v).matches()) {
      throw invalid(field, "not an HTTP header name: '" + v + "'");
    }
    return v;
  }

  /**
   * @return {@code true} or {@code false} (also from the text {@code true}/{@code false}, any case)
   * @throws ConfigException for anything else
   */
  public boolean bool(String field) {
    Object v = json.getValue(field);
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String str && (str.equalsIgnoreCase("true") || str.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(str);
    }
    throw invalid(field, "expected true or false, was '" + v + "'");
  }

  /**
   * @param min smallest allowed value
   * @param max largest allowed value
   * @return the whole number
   * @throws ConfigException when the value is not a whole number in {@code [min, max]}
   */
  public int intIn(String field, int min, int max) {
    Object v = json.getValue(field);
    long n;
    if (v instanceof Number num && num.doubleValue() == num.longValue()) {
      n = num.longValue();
    } else if (v instanceof String str && str.trim().matches("-?\\d{1,10}")) {
      n = Long.parseLong(str.trim());
    } else {
      throw invalid(field, "expected a whole number from " + min + " to " + max + ", was '" + v + "'");
    }
    if (n < min || n > max) {
      throw invalid(field, "expected a whole number from " + min + " to " + max + ", was " + n);
    }
    return (int) n;
  }

  /**
   * @param min shortest allowed duration
   * @param max longest allowed duration
   * @return the duration ({@link Units#duration})
   * @throws ConfigException when the value is absent, not a duration, or outside {@code [min, max]}
   */
  public Duration durationIn(String field, Duration min, Duration max) {
    Object v = json.getValue(field);
    if (v == null) {
      throw invalid(field, "required");
    }
    Duration d = Units.duration(path(field), v);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw invalid(field, "must be between " + min.toMillis() + "ms and " + max.toMillis() + "ms, was '" + v + "'");
    }
    return d;
  }

  /**
   * @param min smallest allowed size in bytes
   * @param max largest allowed size in bytes
   * @return the size in bytes ({@link Units#bytes})
   * @throws ConfigException when the value is absent, not a size, or outside {@code [min, max]}
   */
  public long bytesIn(String field, long min, long max) {
    Object v = json.getValue(field);
    if (v == null) {
      throw invalid(field, "required");
    }
    long n = Units.bytes(path(field), v);
    if (n < min || n > max) {
      throw invalid(field, "must be between " + min + " and " + max + " bytes, was '" + v + "'");
    }
    return n;
  }

  /**
   * @param type the enum whose constants, lower-cased, are the allowed values (case-insensitive)
   * @param <E> the enum
   * @return the constant
   * @throws ConfigException when the value is absent or names no constant
   */
  public <E extends Enum<E>> E oneOf(String field, Class<E> type) {
    String text = string(field).toLowerCase(Locale.ROOT);
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      String name = e.name().toLowerCase(Locale.ROOT);
      if (name.equals(text)) {
        return e;
      }
      names.add("'" + name + "'");
    }
    String choices = names.size() == 2 ? names.get(0) + " or " + names.get(1) : "one of " + String.join(", ", names);
    throw invalid(field, "expected " + choices + ", was '" + text + "'");
  }

  /**
   * @return an absolute http(s) URL without userinfo, query or fragment, with trailing slashes dropped; {@code null}
   *     when absent or blank
   * @throws ConfigException for any other value
   */
  public @Nullable String baseUrl(String field) {
    Object value = json.getValue(field);
    if (value == null || (value instanceof String str && str.isBlank())) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw invalid(field, "expected an absolute http or https URL");
    }
    try {
      URI uri = new URI(text.trim());
      String scheme = Objects.requireNonNullElse(uri.getScheme(), "").toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
          || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw invalid(field, "expected an absolute http or https URL without userinfo, query or fragment, was '"
            + text + "'");
      }
      String s = uri.toString();
      while (s.endsWith("/")) {
        s = s.substring(0, s.length() - 1);
      }
      return s;
    } catch (URISyntaxException e) {
      throw invalid(field, "not a URL: '" + text + "'");
    }
  }

  /**
   * @return the trimmed, non-blank strings of a list; empty when the value is absent or {@code null}
   * @throws ConfigException when the value is not a list, or an entry not a non-blank string
   */
  public List<String> strings(String field) {
    List<String> out = new ArrayList<>();
    JsonArray list = list(field);
    for (int i = 0; list != null && i < list.size(); i++) {
      if (!(list.getValue(i) instanceof String str) || str.isBlank()) {
        throw new ConfigException(entry(field, i), "must be a non-empty string");
      }
      out.add(str.trim());
    }
    return out;
  }

  private @Nullable JsonArray list(String field) {
    Object raw = json.getValue(field);
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof JsonArray list)) {
      throw invalid(field, "expected a list");
    }
    return list;
  }
}
