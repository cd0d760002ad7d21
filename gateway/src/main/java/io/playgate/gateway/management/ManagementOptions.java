package io.playgate.gateway.management;

import io.netty.util.NetUtil;
import io.playgate.gateway.http.ServerOptions;
import io.playgate.gateway.options.ConfigReader;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The management listener ({@link ManagementServer}): {@code GET /metrics} and the health checks on an interface of
 * their own, loopback by default, never on the public port. The {@value #KEY} section of {@code conf/gateway.yaml}.
 *
 * @param host interface to bind: an IP literal or a host name, e.g. {@code 127.0.0.1}, {@code ::1} or
 *     {@code 0.0.0.0} (all interfaces: put a firewall in front)
 * @param port TCP port, 0..65535, not {@code server.port}; 0 picks a free port (tests)
 */
public record ManagementOptions(String host, int port) {

  /** The configuration section these options are read from. */
  public static final String KEY = "management";
  /** Default {@link #host()}: loopback. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** Default {@link #port()}: 9464, Prometheus exporters' customary range. */
  public static final int DEFAULT_PORT = 9464;

  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");

  /** Options with every default, as {@code conf/gateway.yaml} ships them. */
  public ManagementOptions() {
    this(DEFAULT_HOST, DEFAULT_PORT);
  }

  /**
   * Reads and checks {@code host} (an IP literal, IPv6 without brackets, or a host name) and {@code port}
   * (0..65535, and not the public server's).
   *
   * @param json the {@value #KEY} section
   * @param server {@code server.*}: {@code /metrics} stays off the public port
   * @return the options
   * @throws io.playgate.gateway.options.ConfigException naming the bad key, e.g. {@code management.port}
   */
  public static ManagementOptions fromJson(@Nullable JsonObject json, ServerOptions server) {
    ConfigReader m = ConfigReader.of(KEY, json);
    String host = m.string("host");
    if (!(host.contains(":") ? NetUtil.isValidIpV6Address(host) : HOST_NAME.matcher(host).matches())) {
      throw m.invalid("host", "expected an IP address or host name such as 127.0.0.1, was '" + host + "'");
    }
    int port = m.intIn("port", 0, 65535);
    if (port != 0 && port == server.port()) {
      throw m.invalid("port", "must differ from server.port (" + port + "): /metrics stays off the public port");
    }
    return new ManagementOptions(host, port);
  }

  /** @return the {@value #KEY} section, as {@link #fromJson} reads it */
  public JsonObject toJson() {
    return new JsonObject().put("host", host).put("port", port);
  }
}
