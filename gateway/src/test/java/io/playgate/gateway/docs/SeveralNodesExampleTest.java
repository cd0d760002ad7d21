package io.playgate.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.Nginx;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's nginx example (section "Running several nodes") is the configuration {@code RollingRestartIT} runs
 * ({@link Nginx} reads it from the README and only replaces its addresses), and it keeps what makes a rolling restart
 * lose nothing behind an nginx that checks upstreams only passively: retry on a refused connection, a timeout and a
 * 503, and a failed node left alone for a while.
 */
class SeveralNodesExampleTest {

  private static final Pattern SERVER = Pattern.compile("(?m)^\\s*server\\s+([^\\s{;]+)([^;{]*);");

  @Test
  void theReadmeExampleRetriesOnTheNextNodeAndMarksFailedNodes() {
    String example = Nginx.readmeExample();

    assertThat(example).contains("proxy_next_upstream error timeout http_503;").contains("proxy_pass http://playgate;")
        .contains(Nginx.EXAMPLE_LISTEN);
    List<String> servers = SERVER.matcher(example).results().map(m -> m.group(1)).toList();
    assertThat(servers).isEqualTo(Nginx.EXAMPLE_NODES);
    SERVER.matcher(example).results().forEach(m -> assertThat(m.group(2)).as(m.group())
        .contains("max_fails=").contains("fail_timeout="));
  }

  @Test
  void theTestsRunTheExampleWithOnlyItsAddressesReplaced() {
    String conf = Nginx.example(18080, List.of(18081, 18082, 18083));

    assertThat(conf).contains("listen 127.0.0.1:18080;").doesNotContain(Nginx.EXAMPLE_LISTEN);
    assertThat(SERVER.matcher(conf).results().map(m -> m.group(1)).toList())
        .containsExactly("127.0.0.1:18081", "127.0.0.1:18082", "127.0.0.1:18083");
    assertThat(conf.replace("listen 127.0.0.1:18080;", Nginx.EXAMPLE_LISTEN).replace(":18081 ", ":8081 ")
        .replace(":18082 ", ":8082 ").replace(":18083 ", ":8083 ")).isEqualTo(Nginx.readmeExample());
  }
}
