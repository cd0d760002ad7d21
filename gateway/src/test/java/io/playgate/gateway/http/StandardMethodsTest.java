package io.playgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

class StandardMethodsTest {

  @Test
  void rfc9110MethodsAndPatchKeepTheirNameEverythingElseIsOther() {
    for (String name : new String[] {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"}) {
      assertThat(StandardMethods.label(HttpMethod.valueOf(name))).isEqualTo(name);
      assertThat(StandardMethods.contains(HttpMethod.valueOf(name))).isTrue();
    }
    // method names are case-sensitive (RFC 9110 §9.1); WebDAV and invented methods are not implemented here
    for (String name : new String[] {"get", "Post", "PROPFIND", "MKCOL", "BREW", "X-" + "A".repeat(200)}) {
      assertThat(StandardMethods.label(HttpMethod.valueOf(name))).as(name).isEqualTo("other");
      assertThat(StandardMethods.contains(HttpMethod.valueOf(name))).as(name).isFalse();
    }
  }
}
