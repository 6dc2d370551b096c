package io.revattr.jobs.io;

import io.revattr.common.error.Errors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import scala.Option;

/**
 * The names a run's result tables are registered under in the session's catalog: in the database
 * given with {@code --catalog}, or the session's current one, each table as an external Delta table
 * at its location under the run's output.
 *
 * <p>A name already registered at another location (a run into another output, through the same
 * database) is moved to this run's table: a name always shows the latest run written through it.
 * {@code CREATE TABLE IF NOT EXISTS} alone would keep the old location, and the name would go on
 * showing the old output's rows with no word said. A name taken by anything else (a managed table,
 * a view, a table of another format) is not revattr's to replace: {@link #checkNamesFree} stops the
 * run before it reads any input.
 */
public final class TableRegistry {
  private static final Logger LOG = LogManager.getLogger(TableRegistry.class);

  private final SparkSession spark;
  private final String database;
  private boolean databaseCreated;

  /**
   * @param spark the session
   * @param database the catalog database to register the tables in, or null for the session's
   *     current one
   */
  public TableRegistry(SparkSession spark, String database) {
    this.spark = spark;
    this.database = database;
  }

  /**
   * What a name is registered as: its type ({@code EXTERNAL}, {@code MANAGED}, {@code VIEW}), its
   * provider ({@code delta}, {@code parquet}; empty for a view) and location (empty for a view).
   */
  record Registration(String type, String provider, String location) {
    boolean isExternalDelta() {
      return "EXTERNAL".equals(type) && "delta".equalsIgnoreCase(provider);
    }

    String describe() {
      return "a "
          + type.toLowerCase(Locale.ROOT)
          + (provider.isEmpty() ? "" : " " + provider)
          + (type.equals("VIEW") ? "" : " table")
          + (location.isEmpty() ? "" : " at " + location);
    }
  }

  /**
   * Checks that every name in {@code tables} is free in the database, or registered as an external
   * Delta table (which a run may move to its own output).
   *
   * @throws io.revattr.common.error.RevattrException a usage error naming every name taken by
   *     something else, and how to free it
   */
  public void checkNamesFree(Collection<String> tables) {
    List<String> taken = new ArrayList<>();
    for (String table : tables) {
      lookup(table)
          .filter(r -> !r.isExternalDelta())
          .ifPresent(r -> taken.add(qualified(table) + " is " + r.describe()));
    }
    if (!taken.isEmpty()) {
      throw Errors.usage(
          "A run registers its result tables by name in "
              + databaseName()
              + ", but "
              + String.join("; ", taken)
              + ". Give another database with --catalog DB, or drop or rename "
              + (taken.size() == 1 ? "that table" : "those tables")
              + " there.");
    }
  }

  /**
   * Registers {@code table} as an external Delta table at {@code location}, moving the name there
   * when it is registered at another location.
   */
  public void register(String table, String location) {
    // Once per run: on a cluster's metastore every further CREATE DATABASE IF NOT EXISTS logs a
    // warning that the database "was created concurrently".
    if (database != null && !databaseCreated) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + database);
      databaseCreated = true;
    }
    Optional<Registration> existing = lookup(table);
    if (existing.isPresent()) {
      Registration registered = existing.get();
      if (!registered.isExternalDelta()) {
        throw Errors.usage(
            qualified(table)
                + " is "
                + registered.describe()
                + ", not a result table: drop or rename it, or give another --catalog DB.");
      }
      if (sameLocation(registered.location(), location)) {
        return;
      }
      // An external table: dropping it removes the name alone, its files stay.
      LOG.warn(
          "{} was registered at {}; it now names this run's table at {}.",
          qualified(table),
          registered.location(),
          location);
      spark.sql("DROP TABLE IF EXISTS " + qualified(table));
    }
    spark.sql(
        "CREATE TABLE IF NOT EXISTS "
            + qualified(table)
            + " USING delta LOCATION "
            + ResultWriter.quoted(location));
  }

  /** What {@code table} is registered as in the database, if anything (temporary views aside). */
  Optional<Registration> lookup(String table) {
    String db = databaseName();
    if (!spark.catalog().databaseExists(db) || !spark.catalog().tableExists(db, table)) {
      return Optional.empty();
    }
    // The catalog's own entry: DESCRIBE would also read a Delta table's log, in Spark jobs.
    CatalogTable entry;
    try {
      entry =
          spark
              .sessionState()
              .catalog()
              .getTableMetadata(new TableIdentifier(table, Option.apply(db)));
    } catch (AnalysisException e) {
      // Dropped since tableExists: the name is free.
      return Optional.empty();
    }
    return Optional.of(
        new Registration(
            entry.tableType().name(),
            entry.provider().getOrElse(() -> ""),
            entry.storage().locationUri().map(URI::toString).getOrElse(() -> "")));
  }

  private boolean sameLocation(String registered, String location) {
    return qualifiedPath(registered).equals(qualifiedPath(location));
  }

  private String qualifiedPath(String location) {
    Path path = new Path(location);
    try {
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration())
          .makeQualified(path)
          .toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String databaseName() {
    return database != null ? database : spark.catalog().currentDatabase();
  }

  private String qualified(String table) {
    return databaseName() + "." + table;
  }
}
