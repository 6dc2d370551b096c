package io.revattr.common.report;

import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.apache.spark.sql.Column;

/**
 * Which of a run's models credit a row, as bits of long mask columns ({@code _models_0}, {@code
 * _models_1}, ...): model {@code i} is bit {@code i % 63} of mask {@code i / 63}, so that any
 * number of models fits and the rows of many models collapse into one row by a bitwise or.
 */
final class ModelMasks {
  /** Models per mask column: the bits of a long below its sign bit. */
  private static final int MODELS_PER_MASK = 63;

  private static final String MASK_PREFIX = "_models_";

  private ModelMasks() {}

  /** The number of mask columns for {@code models} (at least one). */
  static int count(List<String> models) {
    return Math.max(1, (models.size() + MODELS_PER_MASK - 1) / MODELS_PER_MASK);
  }

  /** The name of mask column {@code mask}. */
  static String name(int mask) {
    return MASK_PREFIX + mask;
  }

  /** The names of every mask column for {@code models}. */
  static String[] names(List<String> models) {
    return IntStream.range(0, count(models)).mapToObj(ModelMasks::name).toArray(String[]::new);
  }

  /**
   * Mask {@code mask}'s bits of the models for which {@code credits} holds on the row (a model of
   * another mask sets none).
   */
  static Column bits(List<String> models, int mask, IntFunction<Column> credits) {
    Column bits = lit(0L);
    for (int i = mask * MODELS_PER_MASK;
        i < Math.min(models.size(), (mask + 1) * MODELS_PER_MASK);
        i++) {
      bits = bits.bitwiseOR(when(credits.apply(i), lit(1L << (i % MODELS_PER_MASK))).otherwise(0L));
    }
    return bits;
  }

  /** Whether the row's masks hold the bit of model {@code model}. */
  static Column credited(int model) {
    Column bit = lit(1L << (model % MODELS_PER_MASK));
    return col(name(model / MODELS_PER_MASK)).bitwiseAND(bit).notEqual(0);
  }

  /** One aggregate per mask column: the bitwise or of the group's masks, under the same name. */
  static Column[] orOfMasks(List<String> models) {
    Column[] ors = new Column[count(models)];
    for (int mask = 0; mask < ors.length; mask++) {
      ors[mask] = bit_or(col(name(mask))).as(name(mask));
    }
    return ors;
  }
}
