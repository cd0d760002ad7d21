package io.playgate.gateway.partner;

import io.playgate.gateway.hub.MediaItem;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Signed embed URLs for private and unlisted media:
 * {@code {publicBaseUrl}/embed/{id}?exp=<unix seconds>&partner=<name>&sig=<hex>} where {@code sig} is the lower-case
 * hex HMAC-SHA256 (RFC 2104) under {@code partners.signingSecret} of the UTF-8 bytes of
 * <pre>
 *   "playgate-embed-v1\n" + id + "\n" + exp + "\n" + partner
 * </pre>
 * ({@code partner} is empty, and the parameter left out, for URLs minted by the operator's CLI without one). Player
 * options ({@code autoplay}, {@code theme}, …) are not signed: they grant nothing. Verification recomputes the MAC
 * and compares in constant time ({@link MessageDigest#isEqual}); a URL is valid until the second {@code exp}.
 * Thread-safe.
 */
public final class EmbedSigner {

  private static final String PREFIX = "playgate-embed-v1\n";

  /** The verdict on a request's signature parameters. */
  public enum Verdict {
    /** No {@code sig} parameter (and no {@code exp}). */
    ABSENT,
    /** Valid and not expired. */
    VALID,
    /** Well signed, but {@code exp} has passed. */
    EXPIRED,
    /** Malformed, tampered, for another id or partner, for an unknown partner, or signing is not configured. */
    INVALID
  }

  /**
   * A minted URL.
   *
   * @param url the absolute embed URL
   * @param id media id
   * @param partner partner name, or {@code null}
   * @param expiresEpochSeconds {@code exp}, Unix seconds
   */
  public record SignedUrl(String url, String id, @Nullable String partner, long expiresEpochSeconds) {
  }

  private final @Nullable SecretKeySpec key;
  private final Partners partners;
  private final Clock clock;

  private EmbedSigner(@Nullable String secret, Partners partners, Clock clock) {
    this.key = secret == null ? null : new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.partners = partners;
    this.clock = clock;
  }

  /**
   * @param secret {@code partners.signingSecret}, or {@code null}: then nothing can be signed and every signature is
   *     {@link Verdict#INVALID}
   * @param partners the configured partners: a URL naming a partner no longer configured is invalid (removing a
   *     partner revokes its URLs)
   * @param clock the clock {@code exp} is compared with (tests pass a fixed one)
   * @return the signer
   */
  public static EmbedSigner create(@Nullable String secret, Partners partners, Clock clock) {
    return new EmbedSigner(secret, partners, clock);
  }

  /** @return whether a signing secret is configured */
  public boolean enabled() {
    return key != null;
  }

  /**
   * @param publicBaseUrl the gateway's public base URL, without trailing slash
   * @param id media id, {@code [A-Za-z0-9_-]{1,64}}
   * @param partner partner name, or {@code null}
   * @param ttl lifetime from now, positive
   * @return the signed URL
   * @throws IllegalStateException when no secret is configured
   * @throws IllegalArgumentException for a bad id or ttl
   */
  public SignedUrl sign(String publicBaseUrl, String id, @Nullable String partner, Duration ttl) {
    if (key == null) {
      throw new IllegalStateException("partners.signingSecret is not set");
    }
    if (id == null || !MediaItem.ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id must match [A-Za-z0-9_-]{1,64}");
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive");
    }
    long exp = clock.instant().getEpochSecond() + ttl.toSeconds();
    String p = partner == null ? "" : partner;
    String url = publicBaseUrl + "/embed/" + id + "?exp=" + exp + (p.isEmpty() ? "" : "&partner=" + p)
        + "&sig=" + HexFormat.of().formatHex(mac(id, exp, p));
    return new SignedUrl(url, id, partner, exp);
  }

  /**
   * @param id the media id of the request
   * @param exp the {@code exp} parameter, or {@code null}
   * @param partner the {@code partner} parameter, or {@code null}
   * @param sig the {@code sig} parameter, or {@code null}
   * @return the verdict; the MAC is compared in constant time
   */
  public Verdict verify(String id, @Nullable String exp, @Nullable String partner, @Nullable String sig) {
    if (sig == null && exp == null) {
      return Verdict.ABSENT;
    }
    if (key == null || sig == null || exp == null || sig.length() != 64 || !exp.matches("\\d{1,12}")) {
      return Verdict.INVALID;
    }
    byte[] presented;
    try {
      presented = HexFormat.of().parseHex(sig.toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Verdict.INVALID;
    }
    long expSeconds = Long.parseLong(exp);
    if (!MessageDigest.isEqual(mac(id, expSeconds, partner == null ? "" : partner), presented)) {
      return Verdict.INVALID;
    }
    if (partner != null && !partner.isEmpty() && partners.byName(partner).isEmpty()) {
      return Verdict.INVALID;
    }
    return clock.instant().getEpochSecond() < expSeconds ? Verdict.VALID : Verdict.EXPIRED;
  }

  private byte[] mac(String id, long exp, @Nullable String partner) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal((PREFIX + id + "\n" + exp + "\n" + partner).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
