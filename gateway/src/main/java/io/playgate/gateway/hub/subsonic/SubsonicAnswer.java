package io.playgate.gateway.hub.subsonic;

import io.playgate.gateway.hub.HubException;
import io.playgate.gateway.hub.HubFailure;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * One Subsonic answer body read into the shape of its JSON form ({@code f=json}): the {@code subsonic-response}
 * object. Some servers ignore {@code f=json} and answer XML (the API's own format, {@code subsonic-rest-api.xsd}):
 * then each element becomes an object of its attributes (strings), and each child element a member of its parent
 * named after it, an object when it occurs once and an array when it repeats. Readers therefore take a member as
 * a list whether it is an object or an array ({@link #list}), and numbers whether they are numbers or numeric strings
 * ({@link #number}); the JSON form has the same quirk (a one-element list sent as an object).
 */
public final class SubsonicAnswer {

  private static final XMLInputFactory XML = xmlFactory();

  private SubsonicAnswer() {
  }

  /**
   * @param body the answer body
   * @param contentType the answer's {@code Content-Type}, or {@code null}
   * @param mediaId the id asked for, for the failure
   * @return the {@code subsonic-response} object
   * @throws HubException {@link HubFailure#BAD_RESPONSE} for a body that is neither, or has no such object
   */
  public static JsonObject parse(Buffer body, @Nullable String contentType, String mediaId) {
    String mime = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    JsonObject root;
    if (mime.equals("application/json") || mime.equals("text/json")) {
      root = json(body, mediaId);
    } else if (mime.equals("text/xml") || mime.equals("application/xml")) {
      root = xml(body.toString(), mediaId);
    } else {
      throw bad(mediaId, "content-type '" + contentType + "' is neither JSON nor XML");
    }
    if (!(root.getValue("subsonic-response") instanceof JsonObject response)) {
      throw bad(mediaId, "no subsonic-response object");
    }
    return response;
  }

  private static JsonObject json(Buffer body, String mediaId) {
    try {
      if (io.vertx.core.json.Json.decodeValue(body) instanceof JsonObject o) {
        return o;
      }
    } catch (DecodeException e) {
      throw bad(mediaId, "body is not valid JSON");
    }
    throw bad(mediaId, "body is not a JSON object");
  }

  private static JsonObject xml(String body, String mediaId) {
    try {
      XMLStreamReader r = XML.createXMLStreamReader(new StringReader(body));
      Deque<JsonObject> open = new ArrayDeque<>();
      JsonObject root = new JsonObject();
      open.push(root);
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamReader.START_ELEMENT) {
          JsonObject element = new JsonObject();
          for (int i = 0; i < r.getAttributeCount(); i++) {
            element.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
          }
          add(open.peek(), r.getLocalName(), element);
          open.push(element);
        } else if (event == XMLStreamReader.END_ELEMENT) {
          open.pop();
        }
      }
      return root;
    } catch (XMLStreamException | RuntimeException e) {
      throw bad(mediaId, "body is not well-formed XML");
    }
  }

  private static void add(JsonObject parent, String name, JsonObject child) {
    Object there = parent.getValue(name);
    if (there == null) {
      parent.put(name, child);
    } else if (there instanceof JsonArray list) {
      list.add(child);
    } else {
      parent.put(name, new JsonArray().add(there).add(child));
    }
  }

  /**
   * @param o an object of the answer
   * @param member a member name
   * @return the member's objects in order: none when absent, one when it is an object, each object of an array
   */
  public static List<JsonObject> list(JsonObject o, String member) {
    Object v = o.getValue(member);
    List<JsonObject> out = new ArrayList<>();
    if (v instanceof JsonObject one) {
      out.add(one);
    } else if (v instanceof JsonArray many) {
      for (Object e : many) {
        if (e instanceof JsonObject obj) {
          out.add(obj);
        }
      }
    }
    return out;
  }

  /**
   * @param o an object of the answer
   * @param member a member name
   * @return its whole-number value, from a JSON number or a numeric string (XML), or {@code null}
   */
  public static @Nullable Long number(JsonObject o, String member) {
    Object v = o.getValue(member);
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof String s) {
      try {
        return (long) Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /**
   * @param o an object of the answer
   * @param member a member name
   * @return its text (a number or boolean as written), or {@code null} when absent or empty
   */
  public static @Nullable String text(JsonObject o, String member) {
    Object v = o.getValue(member);
    String s = v == null || v instanceof JsonObject || v instanceof JsonArray ? null : String.valueOf(v);
    return s == null || s.isEmpty() ? null : s;
  }

  private static HubException bad(String mediaId, String reason) {
    return new HubException(HubFailure.BAD_RESPONSE, mediaId, reason);
  }

  private static XMLInputFactory xmlFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    // no DTDs, no external entities: the body is a hostile server's
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return f;
  }
}
