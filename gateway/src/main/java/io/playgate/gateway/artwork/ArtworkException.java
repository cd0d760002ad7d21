package io.playgate.gateway.artwork;

/**
 * A hub artwork the gateway will not use: too many bytes, too many pixels, not an image it can decode, or a download
 * that failed. Expected, so without a stack trace; answered as a 502 problem whose detail names none of the hub's
 * bytes.
 */
final class ArtworkException extends RuntimeException {

  ArtworkException(String reason) {
    super(reason, null, false, false);
  }
}
