package io.playgate.gateway.hub.subsonic;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The media proxy's URLs, the only ones a browser sees for Subsonic media: stable paths keyed by the gateway id and
 * the format, {@code /subsonic/stream/{id}/{format}} ({@code original} or a {@code hub.subsonic.formats} entry) and
 * {@code /subsonic/art/{id}/{artId}}. A private or unlisted item's URLs carry {@code exp} (epoch seconds) and
 * {@code sig} (hex HMAC-SHA256 of {@code path + "\n" + exp} with a random per-process key): the expiry is set when
 * the item is fetched to outlive any page that can be served holding it ({@code cache.maxTtl} +
 * {@code cache.staleIfError}) plus {@code hub.subsonic.playbackWindow}. Thread-safe.
 */
public final class ProxyUrls {

  /** Path prefix of proxied streams. */
  public static final String STREAM = "/subsonic/stream/";
  /** Path prefix of proxied cover art. */
  public static final String ART = "/subsonic/art/";
  /** The format name of the file as the server stores it (no transcoding). */
  public static final String ORIGINAL = "original";

  private final String publicBaseUrl;
  private final Duration signedLifetime;
  private final Clock clock;
  private final SecretKeySpec key;

  /**
   * @param publicBaseUrl the gateway's public base URL, without trailing slash
   * @param signedLifetime how long a signed URL stays valid from when it is made, positive
   * @param clock the clock of expiry times
   */
  public ProxyUrls(String publicBaseUrl, Duration signedLifetime, Clock clock) {
    this.publicBaseUrl = publicBaseUrl;
    this.signedLifetime = signedLifetime;
    this.clock = clock;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /**
   * @param path a proxy path ({@link #STREAM} or {@link #ART} prefixed)
   * @param signed whether the item is private or unlisted
   * @return the absolute URL, with {@code exp} and {@code sig} when signed
   */
  String url(String path, boolean signed) {
    if (!signed) {
      return publicBaseUrl + path;
    }
    long exp = clock.instant().plus(signedLifetime).getEpochSecond();
    return publicBaseUrl + path + "?exp=" + exp + "&sig=" + sign(path, exp);
  }

  /** The outcome of checking a request's signature. */
  public enum Verdict {
    /** No {@code exp} and no {@code sig}. */
    UNSIGNED,
    /** A valid signature for this path, not expired. */
    VALID,
    /** A signature that does not match, an unreadable expiry, or one of the two without the other. */
    BAD,
    /** A valid signature whose expiry passed. */
    EXPIRED
  }

  /**
   * @param path the request's path
   * @param exp the {@code exp} parameter, or {@code null}
   * @param sig the {@code sig} parameter, or {@code null}
   * @return the verdict; the comparison takes constant time
   */
  public Verdict verify(String path, @Nullable String exp, @Nullable String sig) {
    if (exp == null && sig == null) {
      return Verdict.UNSIGNED;
    }
    if (exp == null || sig == null || !exp.matches("[0-9]{1,12}")) {
      return Verdict.BAD;
    }
    long expiry = Long.parseLong(exp);
    if (!MessageDigest.isEqual(sign(path, expiry).getBytes(StandardCharsets.US_ASCII),
        sig.getBytes(StandardCharsets.US_ASCII))) {
      return Verdict.BAD;
    }
    return expiry < clock.instant().getEpochSecond() ? Verdict.EXPIRED : Verdict.VALID;
  }

  /**
   * @param absoluteUrl a URL a MediaItem lists
   * @return whether it names the proxy path {@code path} (with or without a signature)
   */
  public boolean names(String absoluteUrl, String path) {
    String bare = absoluteUrl.split("\\?", 2)[0];
    return bare.equals(publicBaseUrl + path);
  }

  private String sign(String path, long exp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal((path + "\n" + exp).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
