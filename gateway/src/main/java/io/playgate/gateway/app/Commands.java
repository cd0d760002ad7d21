package io.playgate.gateway.app;

import io.playgate.gateway.config.ConfigLoader;
import io.playgate.gateway.config.GatewayConfig;
import io.playgate.gateway.partner.EmbedSigner;
import io.playgate.gateway.partner.Partners;
import io.playgate.gateway.options.ConfigException;
import io.playgate.gateway.options.Units;
import io.playgate.units.Durations;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** The operator's partner commands of {@link Main}: {@code partner-key} and {@code sign}. Exit statuses: 0, 2 usage. */
final class Commands {

  private Commands() {
  }

  /**
   * {@code partner-key KEY|-}: prints the {@code keySha256} to put in a partner's configuration.
   *
   * @param args the key, or {@code -} to read one line from {@code in} (keeps it out of shell history)
   * @param in standard input
   * @param out where the hash goes
   * @param err where usage errors go
   * @return the exit status
   */
  static int partnerKey(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    if (args.size() != 1) {
      err.println("usage: java -jar playgate-gateway.jar partner-key KEY|-   (prints the keySha256 for gateway.yaml)");
      return 2;
    }
    String key = args.get(0);
    if (key.equals("-")) {
      try {
        key = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      } catch (IOException e) {
        key = null;
      }
    }
    if (key == null || key.isEmpty()) {
      err.println("playgate: partner-key: empty key");
      return 2;
    }
    if (key.length() < 16) {
      err.println("playgate: warning: a key this short can be guessed; use 32 random bytes, e.g. openssl rand -hex 32");
    }
    out.println(Partners.sha256Hex(key));
    return 0;
  }

  /**
   * @param env the environment
   * @return the defaults file: {@code $PLAYGATE_CONFIG}, else {@code conf/gateway.yaml}
   */
  static Path defaultsFile(Map<String, String> env) {
    return Path.of(env.getOrDefault(ConfigLoader.ENV_DEFAULTS, "conf/gateway.yaml"));
  }

  /**
   * {@code sign ID [--partner NAME] [--ttl 1h] [--config FILE]}: loads the configuration exactly as the gateway does
   * (defaults file, overlay, {@code PLAYGATE_*} environment, {@code -Dplaygate.*} properties), so the URL carries
   * the configured {@code server.publicBaseUrl} or {@code server.port}, then prints a signed embed URL. Blocks the
   * calling thread (not an event loop) while the files are read.
   *
   * @param line the parsed command line: one operand, the media id
   * @param env the environment
   * @param sysProps the system properties
   * @param out where the URL goes
   * @param err where errors go
   * @return the exit status: 0, or 2 for a usage or configuration error
   */
  static int sign(CommandLine line, Map<String, String> env, Properties sysProps, PrintStream out, PrintStream err) {
    if (line.operands().size() != 1) {
      err.println("usage: java -jar playgate-gateway.jar sign ID [--partner NAME] [--ttl 1h] [--config FILE]");
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    GatewayConfig config;
    try {
      config = ConfigLoader.load(vertx, defaultsFile(env), line.overlay(), env, sysProps).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      err.println("playgate: configuration error: " + e.getMessage());
      return 2;
    } finally {
      vertx.close();
    }
    return sign(config, line.operands().get(0), line.option("--partner", null), line.option("--ttl", "1h"), out, err);
  }

  /**
   * {@code sign ID [--partner NAME] [--ttl 1h]}: prints a signed embed URL.
   *
   * @param config the loaded configuration (its secret, public base URL, partners and maximum lifetime)
   * @param id media id
   * @param partner partner name, or {@code null}
   * @param ttl lifetime, a duration such as {@code 15m}, {@code 1h}, {@code 7d}
   * @param out where the URL goes
   * @param err where errors go
   * @return the exit status
   */
  static int sign(GatewayConfig config, String id, @Nullable String partner, String ttl, PrintStream out,
      PrintStream err) {
    Partners partners = Partners.of(config.partners().list());
    if (config.partners().signingSecret() == null) {
      err.println("playgate: sign: partners.signingSecret is not set");
      return 2;
    }
    if (partner != null && partners.byName(partner).isEmpty()) {
      err.println("playgate: sign: no partner named '" + partner + "' in the configuration");
      return 2;
    }
    Duration lifetime;
    try {
      lifetime = Units.duration("--ttl", ttl);
    } catch (ConfigException e) {
      err.println("playgate: sign: " + e.getMessage());
      return 2;
    }
    if (lifetime.toSeconds() < 1 || lifetime.compareTo(config.partners().maxSignedTtl()) > 0) {
      err.println("playgate: sign: --ttl must be from 1s to partners.maxSignedTtl ("
          + Durations.format(config.partners().maxSignedTtl()) + "), was " + ttl);
      return 2;
    }
    EmbedSigner signer = EmbedSigner.create(config.partners().signingSecret(), partners, Clock.systemUTC());
    try {
      out.println(signer.sign(config.server().publicBaseUrl(config.server().port()), id, partner, lifetime).url());
    } catch (IllegalArgumentException e) {
      err.println("playgate: sign: " + e.getMessage());
      return 2;
    }
    return 0;
  }
}
