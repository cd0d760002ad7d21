package io.playgate.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playgate.gateway.hub.HubException;
import io.playgate.gateway.hub.HubFailure;
import io.playgate.gateway.partner.Rights;
import io.playgate.gateway.partner.Rights.Decision;
import org.junit.jupiter.api.Test;

/** The one table of how each media route answers a refusal of the rights. */
class SurfaceTest {

  @Test
  void oembedRefusesEverythingWith401() {
    for (Decision d : new Decision[] {Decision.PRIVATE, Decision.NOT_EMBEDDABLE, Decision.TERRITORY}) {
      Refusal r = Surface.OEMBED.refusal(d);
      assertThat(r.kind()).as(d.name()).isEqualTo(Refusal.Kind.PROBLEM);
      assertThat(r.status()).as(d.name()).isEqualTo(401);
    }
    assertThat(Surface.OEMBED.use()).isEqualTo(Rights.Use.EMBEDDED);
    assertThat(Surface.OEMBED.varyBy()).isEqualTo("Authorization");
  }

  @Test
  void thePlayerAnswersWithPages() {
    assertThat(Surface.PLAYER.refusal(Decision.PRIVATE)).isEqualTo(new Refusal(Refusal.Kind.FORBIDDEN_PAGE, 403,
        "This media is private."));
    assertThat(Surface.PLAYER.refusal(Decision.NOT_EMBEDDABLE)).isEqualTo(new Refusal(Refusal.Kind.UNAVAILABLE_PAGE,
        200, "Not available for embedding."));
    assertThat(Surface.PLAYER.refusal(Decision.TERRITORY).message()).isEqualTo("Not available in your country.");
    assertThat(Surface.PLAYER.refusal(new HubException(HubFailure.PRIVATE, "x", "status=403")))
        .contains(Surface.PLAYER.refusal(Decision.PRIVATE));
    assertThat(Surface.PLAYER.refusal(new HubException(HubFailure.NOT_FOUND, "x", "status=404"))).isEmpty();
  }

  @Test
  void theSharePageHasNoneForPrivateMediaAndAPageOutsideTheTerritories() {
    assertThat(Surface.SHARE_PAGE.use()).isEqualTo(Rights.Use.OWN_PAGE);
    assertThat(Surface.SHARE_PAGE.refusal(Decision.PRIVATE).status()).isEqualTo(401);
    assertThat(Surface.SHARE_PAGE.refusal(Decision.TERRITORY).kind()).isEqualTo(Refusal.Kind.UNAVAILABLE_PAGE);
    assertThat(Surface.SHARE_PAGE.refusal(new HubException(HubFailure.PRIVATE, "x", "status=403"))).isEmpty();
    assertThatThrownBy(() -> Surface.SHARE_PAGE.refusal(Decision.PLAY)).isInstanceOf(IllegalArgumentException.class);
  }
}
