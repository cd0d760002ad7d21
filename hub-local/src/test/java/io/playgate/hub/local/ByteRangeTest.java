package io.playgate.hub.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

  private static final long SIZE = 1000;

  private static ByteRange partial(String header) {
    ByteRange.Outcome o = ByteRange.parse(header, SIZE);
    assertThat(o).isInstanceOf(ByteRange.Partial.class);
    return ((ByteRange.Partial) o).range();
  }

  @Test
  void firstTwoBytes() {
    assertThat(partial("bytes=0-1")).isEqualTo(new ByteRange(0, 1, SIZE));
    assertThat(partial("bytes=0-1").contentRange()).isEqualTo("bytes 0-1/1000");
  }

  @Test
  void openEnded() {
    assertThat(partial("bytes=0-")).isEqualTo(new ByteRange(0, 999, SIZE));
  }

  @Test
  void suffix() {
    assertThat(partial("bytes=-500")).isEqualTo(new ByteRange(500, 999, SIZE));
    assertThat(partial("bytes=-5000")).isEqualTo(new ByteRange(0, 999, SIZE));
  }

  @Test
  void lastBeyondTheEndIsClamped() {
    assertThat(partial("bytes=900-99999999")).isEqualTo(new ByteRange(900, 999, SIZE));
    assertThat(partial("bytes=900-99999999999999999999999")).isEqualTo(new ByteRange(900, 999, SIZE));
  }

  @Test
  void unsatisfiable() {
    assertThat(ByteRange.parse("bytes=99999999-", SIZE)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(ByteRange.parse("bytes=1000-", SIZE)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(ByteRange.parse("bytes=-0", SIZE)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(ByteRange.parse("bytes=0-", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
  }

  @Test
  void unusableHeadersServeTheWholeBody() {
    for (String h : new String[] {null, "", "bytes", "items=0-1", "bytes=a-b", "bytes=5-1", "bytes=-", "bytes=0-1,5-6", "bytes=1.5-2"}) {
      assertThat(ByteRange.parse(h, SIZE)).as(String.valueOf(h)).isInstanceOf(ByteRange.Full.class);
    }
  }
}
