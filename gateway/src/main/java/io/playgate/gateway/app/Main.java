package io.playgate.gateway.app;

import io.playgate.gateway.config.ConfigException;
import io.playgate.gateway.config.ConfigLoader;
import io.playgate.gateway.config.GatewayConfig;
import io.playgate.gateway.http.InvalidRequestHandler;
import io.playgate.gateway.hub.local.LocalHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line.
 * <pre>
 *   java -jar gateway/target/playgate-gateway.jar [--config FILE]        the gateway
 *   java -jar gateway/target/playgate-gateway.jar hub [--config FILE]    the local hub alone, at /hub/ on server.port
 * </pre>
 * Exit status 2 when the configuration is invalid (the message names the key), 1 when the server cannot start.
 */
public final class Main {

  /**
   * Caffeine reports every failed asynchronous load at WARNING through java.util.logging; a hub 404 or outage is
   * an expected, already logged {@code hub.fail} line, so only its errors pass. Held here so the level sticks.
   */
  private static final java.util.logging.Logger CAFFEINE_LOG = java.util.logging.Logger.getLogger("com.github.benmanes.caffeine");

  private Main() {
  }

  /**
   * @param args see the class comment
   */
  public static void main(String[] args) {
    CAFFEINE_LOG.setLevel(java.util.logging.Level.SEVERE);
    if (System.getProperty("logback.configurationFile") == null && Files.isRegularFile(Path.of("conf/logback.xml"))) {
      System.setProperty("logback.configurationFile", "conf/logback.xml");
    }
    List<String> rest = new ArrayList<>(List.of(args));
    boolean hubOnly = !rest.isEmpty() && rest.get(0).equals("hub");
    if (hubOnly) {
      rest.remove(0);
    }
    String overlay = System.getenv(ConfigLoader.ENV_OVERLAY);
    for (int i = 0; i < rest.size(); i++) {
      String a = rest.get(i);
      if (a.equals("--config") && i + 1 < rest.size()) {
        overlay = rest.get(++i);
      } else if (a.startsWith("--config=")) {
        overlay = a.substring("--config=".length());
      } else if (a.equals("--help") || a.equals("-h")) {
        System.out.println("usage: java -jar playgate-gateway.jar [hub] [--config FILE]");
        return;
      } else {
        System.err.println("playgate: unknown argument '" + a + "' (usage: [hub] [--config FILE])");
        System.exit(2);
      }
    }
    String defaults = System.getenv().getOrDefault(ConfigLoader.ENV_DEFAULTS, "conf/gateway.yaml");
    Vertx vertx = Vertx.vertx();
    Future<GatewayConfig> config = ConfigLoader.load(vertx, Path.of(defaults), overlay == null ? null : Path.of(overlay),
        System.getenv(), System.getProperties());
    Future<?> started = hubOnly ? config.compose(c -> startHub(vertx, c)) : config.compose(c -> Playgate.start(vertx, c));
    started.onFailure(e -> {
      if (e instanceof ConfigException) {
        System.err.println("playgate: configuration error: " + e.getMessage());
      } else {
        System.err.println("playgate: cannot start: " + e.getMessage());
      }
      vertx.close().onComplete(x -> System.exit(e instanceof ConfigException ? 2 : 1));
    });
  }

  private static Future<Integer> startHub(Vertx vertx, GatewayConfig c) {
    int port = c.server().port();
    String host = c.server().host();
    String publicBase = c.server().publicBaseUrl() != null ? c.server().publicBaseUrl() : c.server().selfOrigin(port);
    return LocalHub.load(vertx, c.hub().catalog(), publicBase + "/hub", publicBase,
            c.hub().localMaxAge())
        .compose(hub -> vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
            .requestHandler(hub.standaloneRouter(vertx))
            .invalidRequestHandler(InvalidRequestHandler.create())
            .listen())
        .map(server -> {
          System.out.println("playgate local hub listening on " + c.server().selfOrigin(server.actualPort()) + "/hub");
          return server.actualPort();
        });
  }
}
