package io.playgate.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlayerSizeTest {

  private static final PlayerSize HD = new PlayerSize(1280, 720);

  @Test
  void maxwidthScalesBothSidesKeepingTheAspectRatio() {
    assertThat(HD.clamp(400, null, true)).isEqualTo(new PlayerSize(400, 225));
  }

  @Test
  void maxheightRoundsTheOtherSideDown() {
    // 1280 * 100 / 720 = 177.8 -> 177: never exceed the consumer's box
    assertThat(HD.clamp(null, 100, true)).isEqualTo(new PlayerSize(177, 100));
  }

  @Test
  void audioPlayersFromTheMiniPresentationsMinimumUp() {
    PlayerSize min = PlayerSize.AUDIO_MINIMUM;
    assertThat(new PlayerSize(200, 80).atLeast(min)).isTrue();
    assertThat(PlayerSize.TRACK.clamp(null, 100, false).atLeast(min)).isTrue();
    assertThat(PlayerSize.TRACK.clamp(null, 79, false).atLeast(min)).isFalse();
    assertThat(PlayerSize.COLLECTION.clamp(199, null, false).atLeast(min)).isFalse();
  }

  @Test
  void videosScaleDownToTheSmallVideoPresentation() {
    PlayerSize min = PlayerSize.VIDEO_MINIMUM;
    assertThat(new PlayerSize(640, 360).clamp(333, 110, true)).isEqualTo(new PlayerSize(195, 110));
    assertThat(new PlayerSize(428, 320).clamp(333, 110, true)).isEqualTo(new PlayerSize(147, 110));
    assertThat(HD.clamp(null, 100, true).atLeast(min)).as("177 x 100").isTrue();
    assertThat(HD.clamp(120, null, true).atLeast(min)).as("120 x 67").isFalse();
    assertThat(HD.clamp(121, null, true).atLeast(min)).as("121 x 68").isTrue();
    assertThat(HD.clamp(null, 67, true).atLeast(min)).as("119 x 67").isFalse();
  }

  @Test
  void aListShowingAllRowsGrowsByOneRowHeightPerRow() {
    assertThat(PlayerSize.listShowingAllRows(0)).isEqualTo(new PlayerSize(560, PlayerSize.LIST_CHROME_HEIGHT));
    assertThat(PlayerSize.listShowingAllRows(8).height() - PlayerSize.listShowingAllRows(7).height())
        .isEqualTo(PlayerSize.LIST_ROW_HEIGHT);
  }

  @Test
  void neverUpscales() {
    assertThat(HD.clamp(2000, null, true)).isEqualTo(HD);
    assertThat(HD.clamp(2000, 2000, true)).isEqualTo(HD);
    assertThat(HD.clamp(Integer.MAX_VALUE, Integer.MAX_VALUE, true)).isEqualTo(HD);
  }

  @Test
  void squareVideo() {
    assertThat(new PlayerSize(720, 720).clamp(400, null, true)).isEqualTo(new PlayerSize(400, 400));
  }

  @Test
  void theTighterOfBothLimitsWins() {
    assertThat(HD.clamp(400, 100, true)).isEqualTo(new PlayerSize(177, 100));
    assertThat(HD.clamp(400, 1000, true)).isEqualTo(new PlayerSize(400, 225));
  }

  @Test
  void neverBelowOnePixel() {
    assertThat(new PlayerSize(4000, 10).clamp(1, null, true)).isEqualTo(new PlayerSize(1, 1));
  }

  @Test
  void responsivePlayersClampEachSideOnItsOwn() {
    assertThat(PlayerSize.TRACK.clamp(300, null, false)).isEqualTo(new PlayerSize(300, 152));
    assertThat(PlayerSize.COLLECTION.clamp(null, 200, false)).isEqualTo(new PlayerSize(560, 200));
    assertThat(PlayerSize.TRACK.clamp(9999, 9999, false)).isEqualTo(PlayerSize.TRACK);
  }
}
