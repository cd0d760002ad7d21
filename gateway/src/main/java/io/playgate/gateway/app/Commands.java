package io.playgate.gateway.app;

import io.playgate.gateway.config.ConfigException;
import io.playgate.gateway.config.GatewayConfig;
import io.playgate.gateway.config.Units;
import io.playgate.gateway.partner.EmbedSigner;
import io.playgate.gateway.partner.Partners;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

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
  static int sign(GatewayConfig config, String id, String partner, String ttl, PrintStream out, PrintStream err) {
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
      err.println("playgate: sign: --ttl must be from 1s to partners.maxSignedTtl (" + config.partners().maxSignedTtl() + ")");
      return 2;
    }
    EmbedSigner signer = EmbedSigner.create(config.partners().signingSecret(), partners, Clock.systemUTC());
    try {
      out.println(signer.sign(config.publicBaseUrl(config.server().port()), id, partner, lifetime).url());
    } catch (IllegalArgumentException e) {
      err.println("playgate: sign: " + e.getMessage());
      return 2;
    }
    return 0;
  }
}
