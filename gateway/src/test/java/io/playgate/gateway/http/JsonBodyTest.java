package io.playgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one JSON body rule: one object, unique member names at every depth, only the route's members. */
class JsonBodyTest {

  private static final List<String> MEMBERS = List.of("event", "ids");

  private static void assertRefused(String body, String detailStart) {
    assertThatThrownBy(() -> JsonBody.object(body == null ? null : Buffer.buffer(body), MEMBERS)).as(body)
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.getMessage()).startsWith(detailStart);
        });
  }

  @Test
  void acceptsOneObjectWithKnownMembers() {
    assertThat(JsonBody.object(Buffer.buffer("{\"event\":\"e\",\"ids\":[\"a\",\"a\"]}"), MEMBERS).getString("event"))
        .isEqualTo("e");
    assertThat(JsonBody.object(Buffer.buffer(" {} "), MEMBERS).isEmpty()).isTrue();
  }

  @Test
  void refusesDuplicatesAtAnyDepthNamingTheMember() {
    assertRefused("{\"event\":\"a\",\"event\":\"b\"}", "body: member 'event' is given twice");
    assertRefused("{\"ids\":[{\"x\":1,\"x\":1}]}", "body: member 'x' is given twice");
    assertRefused("{\"event\":1,\"ev\\u0065nt\":2}", "body: member 'event' is given twice");
  }

  @Test
  void refusesUnknownMembersNotJsonTrailingBytesAndNonObjects() {
    assertRefused("{\"event\":\"a\",\"Ids\":[]}", "unknown member 'Ids' (expected event, ids)");
    assertRefused("{\"" + "x".repeat(100) + "\":1}", "unknown member '" + "x".repeat(40) + "…'");
    assertRefused("{\"\\u0000\":1}", "unknown member '?'");
    assertRefused("{\"event\":\"a\"} {}", "body: not JSON");
    assertRefused("{\"event\":", "body: not JSON");
    assertRefused("[{\"event\":\"a\"}]", "body: expected a JSON object with event, ids");
    assertRefused("null", "body: expected a JSON object");
    assertRefused("", "body: expected a JSON object");
    assertRefused(null, "body: expected a JSON object");
  }
}
