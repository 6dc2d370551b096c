package io.revattr.common.datadriven;

import io.revattr.common.error.Errors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.interfaces.linsol.LinearSolverSparse;
import org.ejml.ops.DConvertMatrixStruct;
import org.ejml.sparse.FillReducing;
import org.ejml.sparse.csc.factory.LinearSolverFactory_DSCC;

/**
 * An absorbing Markov chain over channel states, built from transition counts, with its conversion
 * probability and the channels' removal effects solved exactly (a linear solve, no simulation).
 *
 * <p>The transient states are start (the empty state) and the observed channel states; the
 * absorbing ones are conversion and null. With Q the transition probabilities between transient
 * states and r the probabilities of converting next, the probabilities x of ending in conversion
 * from each transient state solve {@code (I - Q) x = r}; P(conversion) is x at start. Every
 * observed state was left by the paths that entered it, so absorption is reachable from each and
 * {@code I - Q} is invertible.
 *
 * <p>Removing a channel c makes every visit to a state that contains c end in null: the system is
 * solved on the other states only. The removal effect is {@code 1 - P(conv without c) / P(conv)},
 * in [0, 1] (removal only cuts paths to conversion); it is 1 when no path to conversion avoids c,
 * and every removal effect is 0 when nothing converts (P(conv) = 0: there is nothing to explain).
 */
public final class AbsorbingChain {
  /**
   * The most transient states the solver accepts. The system is solved by a sparse LU (a state
   * moves to at most one state per channel); the order-4 chain of 10,000 paths over 12 channels has
   * about 3,200 states and solves in about a second. Beyond this bound an order-4 chain over many
   * channels would need too much memory and time: a lower order must be used.
   */
  public static final int MAX_STATES = 20_000;

  /** Where a transition goes. */
  public enum Outcome {
    /** To another transient state. */
    MOVE,
    /** To the absorbing conversion state. */
    CONVERSION,
    /** To the absorbing null (no conversion) state. */
    NULL
  }

  /**
   * Summed weight of the transitions from one state to another state or to an absorbing outcome.
   *
   * @param from the state left: its last k channels, empty for start
   * @param outcome where the transition goes
   * @param to the state entered when {@code outcome} is MOVE, else null
   * @param weight how many paths (or their bootstrap weight) took it
   */
  public record Transition(List<String> from, Outcome outcome, List<String> to, double weight) {}

  private static final Comparator<List<String>> STATE_ORDER =
      Comparator.<List<String>>comparingInt(List::size)
          .thenComparing(s -> String.join("\u0000", s));

  private final List<List<String>> states;
  private final double[] conversions;
  private final double[] leaving;
  private final List<Map<Integer, Double>> moves;

  private AbsorbingChain(List<List<String>> states) {
    this.states = states;
    this.conversions = new double[states.size()];
    this.leaving = new double[states.size()];
    this.moves = new ArrayList<>();
    states.forEach(s -> moves.add(new TreeMap<>()));
  }

  /**
   * Stops a chain of more than {@link #MAX_STATES} states before it is built, with the advice to
   * lower its order.
   *
   * @param states the transient states seen so far (start included)
   */
  static void requireSolvable(int states) {
    if (states > MAX_STATES) {
      throw Errors.usage(
          String.format(
              Locale.ROOT,
              "The Markov chain has %d states or more, more than the %d its exact solver handles. "
                  + "Lower the chain's order (models.markov.order, or --order of revattr paths).",
              states,
              MAX_STATES));
    }
  }

  /** The chain of the given transitions (in any order; several for one pair are summed). */
  public static AbsorbingChain of(List<Transition> transitions) {
    SortedSet<List<String>> stateSet = new TreeSet<>(STATE_ORDER);
    stateSet.add(List.of());
    for (Transition t : transitions) {
      stateSet.add(t.from());
      if (t.outcome() == Outcome.MOVE) {
        stateSet.add(t.to());
      }
    }
    requireSolvable(stateSet.size());
    AbsorbingChain chain = new AbsorbingChain(new ArrayList<>(stateSet));
    Map<List<String>, Integer> index = new HashMap<>();
    for (int i = 0; i < chain.states.size(); i++) {
      index.put(chain.states.get(i), i);
    }
    for (Transition t : transitions) {
      int from = index.get(t.from());
      chain.leaving[from] += t.weight();
      if (t.outcome() == Outcome.CONVERSION) {
        chain.conversions[from] += t.weight();
      } else if (t.outcome() == Outcome.MOVE) {
        chain.moves.get(from).merge(index.get(t.to()), t.weight(), Double::sum);
      }
    }
    return chain;
  }

  /** The channels of the chain's states, sorted. */
  public SortedSet<String> channels() {
    SortedSet<String> channels = new TreeSet<>();
    states.forEach(channels::addAll);
    return channels;
  }

  /** Number of transient states, start included. */
  public int stateCount() {
    return states.size();
  }

  /** The probability that a path from start ends in conversion. */
  public double conversionProbability() {
    return conversionProbabilityWithout(null);
  }

  /**
   * The probability that a path from start ends in conversion when every visit to a state holding
   * {@code channel} ends in null instead (null channel: nothing removed).
   */
  public double conversionProbabilityWithout(String channel) {
    int[] solvedIndex = new int[states.size()];
    int n = 0;
    for (int i = 0; i < states.size(); i++) {
      boolean removed = channel != null && states.get(i).contains(channel);
      solvedIndex[i] = removed ? -1 : n++;
    }
    // I - Q restricted to the kept states, as a sparse matrix: a state has at most one entry per
    // channel it can move to, so the matrix is sparse and a sparse LU solves order-4 chains fast.
    DMatrixSparseTriplet a = new DMatrixSparseTriplet(n, n, n * 4);
    DMatrixRMaj r = new DMatrixRMaj(n, 1);
    for (int i = 0; i < states.size(); i++) {
      int row = solvedIndex[i];
      if (row < 0) {
        continue;
      }
      Map<Integer, Double> entries = new TreeMap<>();
      entries.put(row, 1.0);
      if (leaving[i] > 0) {
        r.set(row, 0, conversions[i] / leaving[i]);
        for (Map.Entry<Integer, Double> move : moves.get(i).entrySet()) {
          int column = solvedIndex[move.getKey()];
          if (column >= 0) {
            entries.merge(column, -move.getValue() / leaving[i], Double::sum);
          }
        }
      }
      entries.forEach((column, value) -> a.addItem(row, column, value));
    }
    LinearSolverSparse<DMatrixSparseCSC, DMatrixRMaj> solver =
        LinearSolverFactory_DSCC.lu(FillReducing.NONE);
    if (!solver.setA(DConvertMatrixStruct.convert(a, (DMatrixSparseCSC) null))) {
      throw Errors.failure(
          "The Markov chain's system (I - Q) is singular: some states never reach an absorbing"
              + " state. This is a bug in how the transitions were counted.",
          null);
    }
    DMatrixRMaj x = new DMatrixRMaj(n, 1);
    solver.solve(r, x);
    return Math.min(1.0, Math.max(0.0, x.get(0, 0)));
  }

  /** Removal effect of every channel, by channel name in sorted order (see the class doc). */
  public Map<String, Double> removalEffects() {
    double base = conversionProbability();
    Map<String, Double> effects = new LinkedHashMap<>();
    for (String channel : channels()) {
      double effect = base > 0 ? 1.0 - conversionProbabilityWithout(channel) / base : 0.0;
      effects.put(channel, Math.min(1.0, Math.max(0.0, effect)));
    }
    return effects;
  }
}
