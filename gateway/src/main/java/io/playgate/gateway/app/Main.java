package io.playgate.gateway.app;

import com.github.benmanes.caffeine.cache.Ticker;
import io.playgate.gateway.config.ConfigException;
import io.playgate.gateway.config.ConfigLoader;
import io.playgate.gateway.config.GatewayConfig;
import io.playgate.gateway.http.InvalidRequestHandler;
import io.playgate.gateway.hub.local.HubAdmin;
import io.playgate.gateway.hub.local.LocalHub;
import io.playgate.gateway.metrics.GatewayMetrics;
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
 *   java -jar gateway/target/playgate-gateway.jar hub [--config FILE] [--admin-port N] [--admin-host H]
 *                                                 the local hub alone, at /hub/ on server.port, with its fault
 *                                                 injection admin API on H:N (default 127.0.0.1:9091, loopback only;
 *                                                 port 0 picks a free one)
 *   java -jar gateway/target/playgate-gateway.jar partner-key KEY|-       prints the keySha256 of a partner API key
 *                                                                        ("-": read the key from standard input)
 *   java -jar gateway/target/playgate-gateway.jar sign ID [--partner NAME] [--ttl 1h] [--config FILE]
 *                                                                        prints a signed embed URL (partners.signingSecret)
 * </pre>
 * Exit status 2 when the configuration is invalid (the message names the key), 1 when the server cannot start.
 */
public final class Main {

  /**
   * Caffeine reports every failed asynchronous load at WARNING through java.util.logging; a hub 404 or outage is
   * an expected, already logged {@code hub.fail} line, so only its errors pass. Held here so the level sticks.
   */
  private static final java.util.logging.Logger CAFFEINE_LOG = java.util.logging.Logger.getLogger("com.github.benmanes.caffeine");

  private static final String USAGE =
      "java -jar playgate-gateway.jar [hub [--admin-port N] [--admin-host LOOPBACK]] [--config FILE]";

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
    if (!rest.isEmpty() && rest.get(0).equals("partner-key")) {
      System.exit(Commands.partnerKey(rest.subList(1, rest.size()), System.in, System.out, System.err));
      return;
    }
    boolean signCommand = !rest.isEmpty() && rest.get(0).equals("sign");
    String signId = null;
    String signPartner = null;
    String signTtl = "1h";
    if (signCommand) {
      rest.remove(0);
      for (int i = 0; i < rest.size(); ) {
        String a = rest.get(i);
        if ((a.equals("--partner") || a.equals("--ttl")) && i + 1 < rest.size()) {
          if (a.equals("--partner")) {
            signPartner = rest.get(i + 1);
          } else {
            signTtl = rest.get(i + 1);
          }
          rest.remove(i);
          rest.remove(i);
        } else if (!a.startsWith("-") && signId == null) {
          signId = rest.remove(i);
        } else {
          i++;
        }
      }
      if (signId == null) {
        System.err.println("usage: java -jar playgate-gateway.jar sign ID [--partner NAME] [--ttl 1h] [--config FILE]");
        System.exit(2);
      }
    }
    boolean hubOnly = !rest.isEmpty() && rest.get(0).equals("hub");
    if (hubOnly) {
      rest.remove(0);
    }
    String overlay = System.getenv(ConfigLoader.ENV_OVERLAY);
    String adminHost = "127.0.0.1";
    String adminPort = Integer.toString(HubAdmin.DEFAULT_PORT);
    for (int i = 0; i < rest.size(); i++) {
      String a = rest.get(i);
      if (a.equals("--config") && i + 1 < rest.size()) {
        overlay = rest.get(++i);
      } else if (a.startsWith("--config=")) {
        overlay = a.substring("--config=".length());
      } else if (hubOnly && a.equals("--admin-port") && i + 1 < rest.size()) {
        adminPort = rest.get(++i);
      } else if (hubOnly && a.equals("--admin-host") && i + 1 < rest.size()) {
        adminHost = rest.get(++i);
      } else if (a.equals("--help") || a.equals("-h")) {
        System.out.println("usage: " + USAGE + "\n"
            + "       java -jar playgate-gateway.jar partner-key KEY|-\n"
            + "       java -jar playgate-gateway.jar sign ID [--partner NAME] [--ttl 1h] [--config FILE]");
        return;
      } else {
        System.err.println("playgate: unknown argument '" + a + "' (usage: " + USAGE + ")");
        System.exit(2);
      }
    }
    int adminPortNumber = -1;
    try {
      adminPortNumber = Integer.parseInt(adminPort);
    } catch (NumberFormatException e) {
      // reported below
    }
    if (adminPortNumber < 0 || adminPortNumber > 65535) {
      System.err.println("playgate: --admin-port: expected a port in [0, 65535], was '" + adminPort + "'");
      System.exit(2);
    }
    if (!HubAdmin.isLoopback(adminHost)) {
      System.err.println("playgate: --admin-host: the hub admin server binds to loopback only "
          + "(localhost, 127.0.0.0/8, ::1), not '" + adminHost + "'");
      System.exit(2);
    }
    String adminBind = adminHost;
    int adminBindPort = adminPortNumber;
    String defaults = System.getenv().getOrDefault(ConfigLoader.ENV_DEFAULTS, "conf/gateway.yaml");
    GatewayMetrics metrics = GatewayMetrics.create();
    Vertx vertx = hubOnly ? Vertx.vertx() : metrics.createVertx();
    Future<GatewayConfig> config = ConfigLoader.load(vertx, Path.of(defaults), overlay == null ? null : Path.of(overlay),
        System.getenv(), System.getProperties());
    if (signCommand) {
      String id = signId;
      String partner = signPartner;
      String ttl = signTtl;
      config.onComplete(ar -> {
        int status = ar.succeeded() ? Commands.sign(ar.result(), id, partner, ttl, System.out, System.err) : 2;
        if (ar.failed()) {
          System.err.println("playgate: configuration error: " + ar.cause().getMessage());
        }
        vertx.close().onComplete(x -> System.exit(status));
      });
      return;
    }
    Future<?> started = hubOnly
        ? config.compose(c -> startHub(vertx, c, adminBind, adminBindPort))
        : config.compose(c -> Playgate.start(vertx, c, Ticker.systemTicker(), metrics));
    started.onFailure(e -> {
      if (e instanceof ConfigException) {
        System.err.println("playgate: configuration error: " + e.getMessage());
      } else {
        System.err.println("playgate: cannot start: " + e.getMessage());
      }
      vertx.close().onComplete(x -> System.exit(e instanceof ConfigException ? 2 : 1));
    });
  }

  private static Future<Integer> startHub(Vertx vertx, GatewayConfig c, String adminHost, int adminPort) {
    int port = c.server().port();
    String host = c.server().host();
    String publicBase = c.server().publicBaseUrl() != null ? c.server().publicBaseUrl() : c.server().selfOrigin(port);
    return LocalHub.load(vertx, c.hub().catalog(), publicBase + "/hub", publicBase,
            c.hub().localMaxAge())
        // private and unlisted items only for callers holding hub.apiKey (none set: always 403)
        .map(hub -> {
          hub.apiKey(c.hub().apiKey());
          return hub;
        })
        .compose(hub -> vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
            .requestHandler(hub.standaloneRouter(vertx))
            .invalidRequestHandler(InvalidRequestHandler.create())
            .listen()
            .compose(server -> HubAdmin.listen(vertx, hub, adminHost, adminPort).map(admin -> {
              System.out.println("playgate local hub listening on " + c.server().selfOrigin(server.actualPort()) + "/hub");
              String adminOrigin = adminHost.contains(":") && !adminHost.startsWith("[") ? "[" + adminHost + "]" : adminHost;
              System.out.println("playgate hub fault injection admin on http://" + adminOrigin + ":" + admin.actualPort()
                  + "/admin/faults (loopback only)");
              return server.actualPort();
            })));
  }
}
