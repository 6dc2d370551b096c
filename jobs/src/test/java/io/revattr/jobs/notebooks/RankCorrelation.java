package io.revattr.jobs.notebooks;

import java.util.Arrays;

/** Spearman's rank correlation, written out to check the notebooks' pandas figures against. */
final class RankCorrelation {
  private RankCorrelation() {}

  /**
   * Pearson's correlation of the values' ranks, tied values at their mean rank; NaN when either
   * side has every value equal.
   */
  static double spearman(double[] a, double[] b) {
    double[] x = ranks(a);
    double[] y = ranks(b);
    double meanX = Arrays.stream(x).average().orElseThrow();
    double meanY = Arrays.stream(y).average().orElseThrow();
    double cov = 0;
    double varX = 0;
    double varY = 0;
    for (int i = 0; i < x.length; i++) {
      cov += (x[i] - meanX) * (y[i] - meanY);
      varX += (x[i] - meanX) * (x[i] - meanX);
      varY += (y[i] - meanY) * (y[i] - meanY);
    }
    return cov / Math.sqrt(varX * varY);
  }

  /** Each value's rank from 1 (smallest); values that tie share the mean of their ranks. */
  static double[] ranks(double[] values) {
    double[] ranks = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      int below = 0;
      int equal = 0;
      for (double other : values) {
        below += other < values[i] ? 1 : 0;
        equal += other == values[i] ? 1 : 0;
      }
      ranks[i] = below + (equal + 1) / 2.0;
    }
    return ranks;
  }
}
