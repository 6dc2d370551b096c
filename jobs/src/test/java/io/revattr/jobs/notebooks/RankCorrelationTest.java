package io.revattr.jobs.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

/** The reference the notebooks' model agreement is checked against, on hand-computed cases. */
class RankCorrelationTest {
  @Test
  void tiesShareTheirMeanRank() {
    assertThat(RankCorrelation.ranks(new double[] {30, 10, 20, 20}))
        .containsExactly(4.0, 1.0, 2.5, 2.5);
  }

  @Test
  void sameOrderIsOneReversedIsMinusOneAndTiesInBetween() {
    double[] rising = {1, 5, 9, 20};
    assertThat(RankCorrelation.spearman(rising, new double[] {2, 3, 4, 100})).isEqualTo(1.0);
    assertThat(RankCorrelation.spearman(rising, new double[] {9, 7, 5, 0})).isEqualTo(-1.0);
    // Ranks 1, 2.5, 2.5, 4 against 1, 3, 2, 4: covariance 4.5, variances 4.5 and 5.
    assertThat(RankCorrelation.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 4}))
        .isCloseTo(4.5 / Math.sqrt(4.5 * 5), offset(1e-12));
    assertThat(RankCorrelation.spearman(rising, new double[] {0, 0, 0, 0})).isNaN();
  }
}
