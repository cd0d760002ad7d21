package io.playgate.hub.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalogue stays JSON: the caller's check sees each item as it will be sent, and can stop the load. */
class CatalogTest {

  private static final String JSON = """
      {"media": [
        {"id": "t1", "kind": "track", "title": "One \\ud800", "streams": [{"url": "media/one.opus"}]},
        {"id": "al", "kind": "album", "title": "Album", "items": [{"id": "t1"}]},
        {"id": "p", "kind": "track", "title": "Private", "private": true},
        {"id": "gone", "kind": "track", "title": "Gone", "removed": true}
      ]}""";

  private static Catalog parse(Catalog.ItemCheck check) {
    return Catalog.parse(Buffer.buffer(JSON), "http://h/hub", "http://pub", check);
  }

  @Test
  void theCheckSeesEveryItemAsSent() {
    List<JsonObject> seen = new ArrayList<>();
    Catalog catalog = parse((id, item) -> seen.add(item.copy()));
    assertThat(seen).extracting(o -> o.getString("id")).containsExactly("t1", "al", "p", "gone");
    assertThat(seen.get(0).getJsonArray("streams").getJsonObject(0).getString("url"))
        .isEqualTo("http://h/hub/files/media/one.opus");
    assertThat(seen.get(0).getString("pageUrl")).isEqualTo("http://pub/media/t1");
    assertThat(seen.get(1).getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo("t1");
    assertThat(seen.get(2).getString("visibility")).isEqualTo("private");
    assertThat(seen.get(2).containsKey("private")).isFalse();
    assertThat(catalog.servesFile("media/one.opus")).isTrue();
    assertThat(catalog.listedIds()).containsExactly("t1", "al");
  }

  @Test
  void aFailedCheckStopsTheLoadNamingTheEntry() {
    assertThatThrownBy(() -> parse((id, item) -> {
      if (id.equals("al")) {
        throw new IllegalArgumentException("title: too dull");
      }
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("catalog.json entry 'al': title: too dull");
  }

  @Test
  void aLoneSurrogateIsSentAsTheReplacementCharacter() {
    String body = parse(Catalog.ItemCheck.NONE).get("t1").body().toString(StandardCharsets.UTF_8);
    assertThat(new JsonObject(body).getString("title")).isEqualTo("One \uFFFD");
  }

  @Test
  void aLongCollectionSendsItsFirstMembersAndItsSize() {
    StringBuilder json = new StringBuilder("{\"media\": [");
    StringBuilder refs = new StringBuilder();
    for (int i = 0; i < 450; i++) {
      json.append("{\"id\": \"t").append(i).append("\", \"kind\": \"track\", \"title\": \"")
          .append(i % 2 == 0 ? "x".repeat(3000) : "short").append("\"},");
      refs.append(i == 0 ? "" : ",").append("{\"id\": \"t").append(i).append("\"}");
    }
    json.append("{\"id\": \"long\", \"kind\": \"playlist\", \"title\": \"Long\", \"items\": [").append(refs)
        .append("]}, {\"id\": \"short\", \"kind\": \"album\", \"title\": \"S\", \"items\": [{\"id\": \"t1\"}]}]}");
    Catalog catalog = Catalog.parse(Buffer.buffer(json.toString()), "http://h/hub", "http://pub", Catalog.ItemCheck.NONE);

    Catalog.Entry entry = catalog.get("long");
    JsonObject list = new JsonObject(entry.body());
    assertThat(list.getInteger("itemCount")).isEqualTo(450);
    assertThat(list.getJsonArray("items").size()).as("under the byte budget, fewer than the count cap")
        .isBetween(1, Catalog.MAX_MEMBERS - 1);
    assertThat(entry.body().length()).isLessThanOrEqualTo(Catalog.MAX_BODY_BYTES);
    assertThat(list.getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo("t0");
    assertThat(new JsonObject(catalog.get("short").body()).containsKey("itemCount")).isFalse();
  }
}
