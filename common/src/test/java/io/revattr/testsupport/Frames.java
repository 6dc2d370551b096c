package io.revattr.testsupport;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/** Tiny inline fixtures: rows given as plain values, in a schema's column order. */
public final class Frames {
  private Frames() {}

  /**
   * A DataFrame of the given rows; strings in timestamp columns are parsed as ISO-8601 instants.
   */
  public static Dataset<Row> of(StructType schema, Object[]... rows) {
    List<Row> converted = new ArrayList<>();
    for (Object[] row : rows) {
      Object[] values = new Object[row.length];
      for (int i = 0; i < row.length; i++) {
        values[i] = convert(schema.fields()[i].dataType().typeName(), row[i]);
      }
      converted.add(RowFactory.create(values));
    }
    return SharedSpark.spark().createDataFrame(converted, schema);
  }

  /** A timestamp from an ISO-8601 instant such as 2024-01-05T10:00:00Z. */
  public static Timestamp ts(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  private static Object convert(String typeName, Object value) {
    if (value instanceof String s && typeName.equals("timestamp")) {
      return ts(s);
    }
    if (value instanceof Integer i && typeName.equals("double")) {
      return i.doubleValue();
    }
    return value;
  }
}
