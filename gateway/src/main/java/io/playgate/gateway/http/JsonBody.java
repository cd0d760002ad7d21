package io.playgate.gateway.http;

import com.fasterxml.jackson.core.JsonParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one way a route reads a JSON request body ({@code POST /events}, {@code /partner/sign}, {@code /hooks/hub}):
 * exactly one JSON object (RFC 8259), whose member names are unique at every depth (RFC 8259 §4 leaves duplicates to
 * the receiver, and two readers picking different ones is how a signed body says one thing to one of them and
 * another to the next: Jackson's {@code STRICT_DUPLICATE_DETECTION}), and whose top-level members are all known to
 * the route. Anything else is a 400 {@link ProblemException} whose detail names what is wrong (a member name is
 * shown printable and at most 40 characters).
 */
public final class JsonBody {

  private static final String DUPLICATE = "Duplicate field '";

  private JsonBody() {
  }

  /**
   * @param body the raw body, or {@code null}
   * @param members the member names the route knows, in the order to name them
   * @return the object
   * @throws ProblemException 400: no body, not JSON, trailing content, not an object, a member given twice, or a
   *     member not in {@code members}
   */
  public static JsonObject object(@Nullable Buffer body, List<String> members) {
    String expected = "expected a JSON object with " + String.join(", ", members);
    if (body == null || body.length() == 0) {
      throw ProblemException.badRequest("body: " + expected);
    }
    Object value;
    try {
      JsonParser parser = JacksonCodec.createParser(body);
      parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      value = JacksonCodec.fromParser(parser, Object.class);
    } catch (DecodeException e) {
      // Jackson: "Duplicate field 'name'", then the location on the next line
      String first = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      if (first.startsWith(DUPLICATE) && first.endsWith("'")) {
        String name = first.substring(DUPLICATE.length(), first.length() - 1);
        throw ProblemException.badRequest("body: member '" + printable(name) + "' is given twice; give it once");
      }
      throw ProblemException.badRequest("body: not JSON; " + expected);
    }
    if (!(value instanceof JsonObject json)) {
      throw ProblemException.badRequest("body: " + expected);
    }
    Set<String> known = Set.copyOf(members);
    for (String name : json.fieldNames()) {
      if (!known.contains(name)) {
        throw ProblemException.badRequest("unknown member '" + printable(name) + "' (expected "
            + String.join(", ", members) + ")");
      }
    }
    return json;
  }

  private static String printable(String name) {
    String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
    return shown.replaceAll("[^\\x20-\\x7e…]", "?");
  }
}
