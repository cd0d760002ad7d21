package io.playgate.gateway.hub;

/**
 * A failed hub call. Expected, so it carries no stack trace. The message is for logs only: it may name the hub
 * status and what was wrong, but never holds the hub's body; clients see {@link HubFailure#title()}.
 */
public final class HubException extends RuntimeException {

  private final HubFailure failure;
  private final String mediaId;

  /**
   * @param failure which failure
   * @param mediaId the id asked for
   * @param reason log text: hub status and what was wrong
   */
  public HubException(HubFailure failure, String mediaId, String reason) {
    super(reason, null, false, false);
    this.failure = failure;
    this.mediaId = mediaId;
  }

  /** @return which failure */
  public HubFailure failure() {
    return failure;
  }

  /** @return the id that was asked for */
  public String mediaId() {
    return mediaId;
  }
}
