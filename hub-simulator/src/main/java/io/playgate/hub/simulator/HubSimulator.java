package io.playgate.hub.simulator;

import io.playgate.hub.local.Catalog;
import io.playgate.hub.local.LocalHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The hub simulator: the local hub alone at {@code /hub/} on its own server, with run-time fault injection
 * ({@link HubFaults}) switched through a loopback-only admin API ({@link HubAdmin}). For load tests and the gateway's
 * tests; it is never part of the gateway.
 * <pre>
 *   java -jar hub-simulator/target/playgate-hub-simulator.jar [--host ADDR] [--port N] [--admin-host LOOPBACK]
 *        [--admin-port N] [--catalog DIR] [--public-base-url URL] [--max-age DURATION]
 * </pre>
 * Defaults in {@link HubSimulatorOptions#DEFAULTS}: hub on 127.0.0.1:9090, admin on 127.0.0.1:9091. Exit status 2
 * for a bad command line, 1 when a server cannot start.
 */
public final class HubSimulator {

  private final LocalHub hub;
  private final HubFaults faults;
  private final HttpServer server;
  private final String boundHost;
  private final HttpServer admin;
  private final String adminHost;
  private final String baseUrl;

  private HubSimulator(LocalHub hub, HubFaults faults, HttpServer server, String boundHost, HttpServer admin,
                       String adminHost, String baseUrl) {
    this.hub = hub;
    this.faults = faults;
    this.server = server;
    this.boundHost = boundHost;
    this.admin = admin;
    this.adminHost = adminHost;
    this.baseUrl = baseUrl;
  }

  /**
   * @param args see the class comment; {@code --help} prints the usage
   */
  public static void main(String[] args) {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println("usage: " + HubSimulatorOptions.USAGE);
      return;
    }
    HubSimulatorOptions options;
    try {
      options = HubSimulatorOptions.parse(List.of(args), System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("playgate-hub-simulator: " + e.getMessage() + "\nusage: " + HubSimulatorOptions.USAGE);
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    start(vertx, options)
        .onSuccess(sim -> sim.describe().forEach(System.out::println))
        .onFailure(e -> {
          System.err.println("playgate-hub-simulator: cannot start: " + e.getMessage());
          vertx.close().onComplete(x -> System.exit(e instanceof IllegalArgumentException ? 2 : 1));
        });
  }

  /**
   * Resolves the hosts (once, off the event loop), binds the hub, reads the catalogue, then binds the admin API.
   * The hub's router is filled once the catalogue is read, before the address is reported to anyone.
   *
   * @param vertx the Vert.x instance
   * @param options where and how to run
   * @return a future completed with the running simulator, or failed with an {@link IllegalArgumentException} (a
   *     host that does not resolve, a bad catalogue) or the bind error
   */
  public static Future<HubSimulator> start(Vertx vertx, HubSimulatorOptions options) {
    Future<InetAddress> hubAddress = resolve(vertx, options.host(), "--host");
    Future<InetAddress> adminAddress = resolve(vertx, options.adminHost(), "--admin-host");
    return Future.all(hubAddress, adminAddress).compose(x -> {
      String host = literal(hubAddress.result());
      Router root = Router.router(vertx);
      return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(options.port()))
          .requestHandler(root)
          .listen()
          .compose(server -> {
            String base = options.publicBaseUrl() != null ? options.publicBaseUrl()
                : "http://" + urlHost(hubAddress.result()) + ":" + server.actualPort();
            return LocalHub.load(vertx, options.catalog(), base + "/hub", base, options.maxAge(), Catalog.ItemCheck.NONE)
                .compose(hub -> {
                  hub.apiKey(options.apiKey());
                  hub.mountAlone(root, vertx);
                  HubFaults faults = HubFaults.of(hub);
                  String adminHost = literal(adminAddress.result());
                  return HubAdmin.listen(vertx, hub, faults, adminHost, options.adminPort())
                      .map(admin -> new HubSimulator(hub, faults, server, host, admin, adminHost, base));
                })
                .onFailure(e -> server.close());
          });
    });
  }

  /**
   * @return what the simulator tells at start, one line each: the address and port the hub is bound to (the truth,
   *     not the name asked for), its base URL, and the admin API's address
   */
  public List<String> describe() {
    String where = boundHost.equals("0.0.0.0") || boundHost.equals("::") ? " (all interfaces)" : "";
    return List.of(
        "playgate hub simulator bound to " + hostPort(boundHost, server.actualPort()) + where + ", serving "
            + baseUrl + "/hub",
        "playgate hub simulator fault injection admin on http://" + hostPort(adminHost, admin.actualPort())
            + "/admin/faults (loopback only)");
  }

  /** @return the hub */
  public LocalHub hub() {
    return hub;
  }

  /** @return the hub's fault injection, as the admin API switches it */
  public HubFaults faults() {
    return faults;
  }

  /** @return the address literal the hub is bound to, e.g. {@code 127.0.0.1}, {@code ::1} or {@code 0.0.0.0} */
  public String boundHost() {
    return boundHost;
  }

  /** @return the hub's port */
  public int port() {
    return server.actualPort();
  }

  /** @return the admin API's port */
  public int adminPort() {
    return admin.actualPort();
  }

  /**
   * Closes both servers.
   *
   * @return a future completed when both are closed
   */
  public Future<Void> close() {
    return Future.all(server.close(), admin.close()).mapEmpty();
  }

  private static Future<InetAddress> resolve(Vertx vertx, String host, String option) {
    String name = host.trim().startsWith("[") ? host.trim().replaceAll("^\\[|]$", "") : host.trim();
    return vertx.executeBlocking(() -> {
      try {
        return InetAddress.getByName(name);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(option + ": cannot resolve '" + host + "'");
      }
    });
  }

  /** The address as a literal; IPv6 loopback and wildcard in their short forms. */
  private static String literal(InetAddress address) {
    if (address instanceof Inet6Address && address.isLoopbackAddress()) {
      return "::1";
    }
    if (address instanceof Inet6Address && address.isAnyLocalAddress()) {
      return "::";
    }
    return address.getHostAddress();
  }

  /** Where a client on this machine reaches the address: a wildcard is reached over loopback. */
  private static String urlHost(InetAddress address) {
    String literal = address.isAnyLocalAddress() ? (address instanceof Inet6Address ? "::1" : "127.0.0.1")
        : literal(address);
    return literal.contains(":") ? "[" + literal + "]" : literal;
  }

  private static String hostPort(String literal, int port) {
    return (literal.contains(":") ? "[" + literal + "]" : literal) + ":" + port;
  }
}
