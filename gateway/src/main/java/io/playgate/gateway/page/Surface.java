package io.playgate.gateway.page;

import io.playgate.gateway.hub.HubException;
import io.playgate.gateway.hub.HubFailure;
import io.playgate.gateway.partner.Rights;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The media routes that answer through the {@link MediaPipeline}. Each decides whether the owner's
 * {@code embeddable} flag applies ({@link #use()}), and how a refusal of the rights is answered: this enum is the one
 * place that maps a {@link Rights.Decision} to a response.
 */
public enum Surface {
  /** {@code GET /oembed}: an API; every refusal is 401 (oEmbed 1.0 §2.3.4). */
  OEMBED(Rights.Use.EMBEDDED, "Authorization"),
  /**
   * {@code GET /embed/{id}}: the player page inside someone else's iframe. An HTML page rather than a problem, since
   * a person looks at it: private media a 403 page, media that may not play here a page that says why.
   */
  PLAYER(Rights.Use.EMBEDDED, null),
  /**
   * {@code GET /media/{id}}: the gateway's own share page. Private and unlisted media have none (401, as when the hub
   * refuses them); media outside the viewer's territories gets a page that plays nothing.
   */
  SHARE_PAGE(Rights.Use.OWN_PAGE, null);

  private final Rights.Use use;
  private final @Nullable String varyBy;

  Surface(Rights.Use use, @Nullable String varyBy) {
    this.use = use;
    this.varyBy = varyBy;
  }

  /**
   * @return a request header every answer about an item varies by, or {@code null}: oEmbed answers differ by the
   *     partner's key ({@code partner=<name>} in the iframe {@code src})
   */
  public @Nullable String varyBy() {
    return varyBy;
  }

  /** @return where this route shows the media, for {@link Rights#decide} */
  public Rights.Use use() {
    return use;
  }

  /**
   * @param decision a decision other than {@link Rights.Decision#PLAY}
   * @return how this route answers it
   * @throws IllegalArgumentException for {@link Rights.Decision#PLAY}
   */
  public Refusal refusal(Rights.Decision decision) {
    if (decision == Rights.Decision.PLAY) {
      throw new IllegalArgumentException("PLAY is not a refusal");
    }
    return switch (this) {
      case OEMBED -> switch (decision) {
        case PRIVATE -> Refusal.problem(401,
            "this media is private; its owner can share it through a signed embed URL");
        case NOT_EMBEDDABLE -> Refusal.problem(401, "the owner has disabled embedding for this media");
        default -> Refusal.problem(401, "this media is not available in your country");
      };
      case PLAYER -> switch (decision) {
        case PRIVATE -> Refusal.forbiddenPage("This media is private.");
        case NOT_EMBEDDABLE -> Refusal.unavailablePage("Not available for embedding.");
        default -> Refusal.unavailablePage("Not available in your country.");
      };
      // NOT_EMBEDDABLE does not reach the gateway's own page (Use.OWN_PAGE)
      case SHARE_PAGE -> decision == Rights.Decision.PRIVATE ? Refusal.problem(401, "this media is private")
          : Refusal.unavailablePage("Not available in your country.");
    };
  }

  /**
   * A hub that refuses private media ({@link HubFailure#PRIVATE}: the gateway holds no {@code hub.apiKey}) is the
   * {@link Rights.Decision#PRIVATE} refusal on the player page; the other routes answer the hub failure itself.
   *
   * @param failure why the media cache has no entry
   * @return the refusal to answer instead of the failure, or empty
   */
  public Optional<Refusal> refusal(Throwable failure) {
    return this == PLAYER && failure instanceof HubException he && he.failure() == HubFailure.PRIVATE
        ? Optional.of(refusal(Rights.Decision.PRIVATE)) : Optional.empty();
  }
}
