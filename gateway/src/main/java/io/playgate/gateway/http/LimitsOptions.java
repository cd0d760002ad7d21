package io.playgate.gateway.http;

import io.playgate.gateway.options.ConfigReader;
import io.playgate.gateway.options.Units;
import io.playgate.units.Durations;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Limits of the HTTP server against oversized and slow requests: the {@value #KEY} section of
 * {@code conf/gateway.yaml}.
 *
 * @param maxRequestLineBytes longest request line (method, target, version), 256 B..64 KiB; longer → 414
 * @param maxHeaderBytes largest header block, 1 KiB..256 KiB; larger → 431
 * @param maxBodyBytes largest request body, 0..64 MiB; larger → 413
 * @param requestHeaderTimeout time a connection gets to deliver a complete request head, after opening or after
 *     its previous response, 100 ms..10 min; slower connections are closed
 * @param requestBodyTimeout time a request body gets to arrive in full once a route starts reading it,
 *     100 ms..10 min; slower bodies are answered 408 (RFC 9110 §15.5.9) and the connection is closed
 * @param idleTimeout a connection with no bytes read or written for this long is closed, 1 s..1 h
 */
public record LimitsOptions(int maxRequestLineBytes, int maxHeaderBytes, long maxBodyBytes,
    Duration requestHeaderTimeout, Duration requestBodyTimeout, Duration idleTimeout) {

  /** The configuration section these options are read from. */
  public static final String KEY = "limits";
  /** Default {@link #maxRequestLineBytes()} ({@code limits.maxRequestLine}): 8 KiB. */
  public static final int DEFAULT_MAX_REQUEST_LINE_BYTES = 8 * 1024;
  /** Default {@link #maxHeaderBytes()} ({@code limits.maxHeaderSize}): 16 KiB. */
  public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
  /** Default {@link #maxBodyBytes()} ({@code limits.maxBodySize}): 64 KiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 64 * 1024;
  /** Default {@link #requestHeaderTimeout()}: 10 s. */
  public static final Duration DEFAULT_REQUEST_HEADER_TIMEOUT = Duration.ofSeconds(10);
  /** Default {@link #requestBodyTimeout()}: 10 s. */
  public static final Duration DEFAULT_REQUEST_BODY_TIMEOUT = Duration.ofSeconds(10);
  /** Default {@link #idleTimeout()}: 60 s. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

  /** Options with every default, as {@code conf/gateway.yaml} ships them. */
  public LimitsOptions() {
    this(DEFAULT_MAX_REQUEST_LINE_BYTES, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_BODY_BYTES,
        DEFAULT_REQUEST_HEADER_TIMEOUT, DEFAULT_REQUEST_BODY_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
  }

  /**
   * Reads and checks the {@value #KEY} section within the ranges above.
   *
   * @param json the section
   * @return the options
   * @throws io.playgate.gateway.options.ConfigException naming the first bad key, e.g. {@code limits.maxBodySize}
   */
  public static LimitsOptions fromJson(@Nullable JsonObject json) {
    ConfigReader l = ConfigReader.of(KEY, json);
    Duration tenMinutes = Duration.ofMinutes(10);
    return new LimitsOptions((int) l.bytesIn("maxRequestLine", 256, 64 * 1024),
        (int) l.bytesIn("maxHeaderSize", 1024, 256 * 1024),
        l.bytesIn("maxBodySize", 0, 64L * 1024 * 1024),
        l.durationIn("requestHeaderTimeout", Duration.ofMillis(100), tenMinutes),
        l.durationIn("requestBodyTimeout", Duration.ofMillis(100), tenMinutes),
        l.durationIn("idleTimeout", Duration.ofSeconds(1), Duration.ofHours(1)));
  }

  /** @return the {@value #KEY} section, as {@link #fromJson} reads it */
  public JsonObject toJson() {
    return new JsonObject().put("maxRequestLine", Units.sizeText(maxRequestLineBytes))
        .put("maxHeaderSize", Units.sizeText(maxHeaderBytes)).put("maxBodySize", Units.sizeText(maxBodyBytes))
        .put("requestHeaderTimeout", Durations.format(requestHeaderTimeout))
        .put("requestBodyTimeout", Durations.format(requestBodyTimeout)).put("idleTimeout", Durations.format(idleTimeout));
  }
}
