package io.revattr.jobs.io;

import io.revattr.common.error.Errors;
import java.io.IOException;
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
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import scala.Option;

/**
 * The names a run's result tables are registered under in the session's catalog: in the database
 * given with {@code --catalog}, or the session's current one, each table as an external Delta table
 * at its location under the run's output.
 *
 * <p>A name already registered at another location (a run into another output, through the same
 * database) is moved to this run's table: a name always shows the latest run committed through it
 * (a run registers its tables once committed, see {@code RunPublication}). {@code CREATE TABLE IF
 * NOT EXISTS} alone would keep the old location, and the name would go on showing the old output's
 * rows with no word said. A name taken by anything else (a managed table, a view, a table of
 * another format) is not revattr's to replace: {@link #checkNamesFree} stops the run before it
 * reads any input.
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
   * Checks a database name given with {@code --catalog}: one identifier of letters, digits and
   * underscores, which every statement can name unquoted (a name with a dot would name another
   * catalog's database).
   *
   * @return the name
   * @throws io.revattr.common.error.RevattrException a usage error for any other name
   */
  public static String checkedDatabaseName(String name) {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw Errors.usage(
          "--catalog '"
              + name
              + "' is not a database name: use letters, digits and underscores, as in revattr.");
    }
    return name;
  }

  /**
   * What a name is registered as: its type ({@code EXTERNAL}, {@code MANAGED}, {@code VIEW}), its
   * provider ({@code delta}, {@code parquet}; empty for a view) and location (null for a view). A
   * name that the catalog API finds and the session catalog does not hold (a catalog plugged in as
   * {@code spark_catalog}, such as Unity Catalog, keeps its entries itself) has an empty type.
   */
  public record Registration(String type, String provider, URI location) {
    static final Registration UNREADABLE = new Registration("", "", null);

    boolean isReadable() {
      return !type.isEmpty();
    }

    boolean isExternalDelta() {
      return "EXTERNAL".equals(type) && "delta".equalsIgnoreCase(provider);
    }

    String describe() {
      String kind =
          type.toLowerCase(Locale.ROOT)
              + (provider.isEmpty() ? "" : " " + provider)
              + (type.equals("VIEW") ? "" : " table");
      return (kind.matches("[aeiou].*") ? "an " : "a ")
          + kind
          + (location == null ? "" : " at " + new Path(location));
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
          .filter(r -> r.isReadable() && !r.isExternalDelta())
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
   * when it is registered at another location. One registration at a time in a JVM: two runs into
   * two outputs through one database end with every name at one of them, not each dropping the
   * other's.
   */
  public void register(String table, String location) {
    synchronized (TableRegistry.class) {
      // Once per run: on a cluster's metastore every further CREATE DATABASE IF NOT EXISTS logs a
      // warning that the database "was created concurrently".
      if (database != null && !databaseCreated) {
        spark.sql("CREATE DATABASE IF NOT EXISTS " + database);
        databaseCreated = true;
      }
      Optional<Registration> existing = lookup(table);
      if (existing.isPresent()) {
        Registration registered = existing.get();
        if (!registered.isReadable()) {
          LOG.warn(
              "{} is registered in a catalog whose entries Spark's session catalog cannot read;"
                  + " it is left as it is.",
              qualified(table));
          return;
        }
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
            new Path(registered.location()),
            location);
        // The session catalog's own drop: DROP TABLE would have Delta read the old table's log.
        spark.sessionState().catalog().dropTable(identifier(table), true, false);
      }
      spark.sql(
          "CREATE TABLE IF NOT EXISTS "
              + qualified(table)
              + " USING delta LOCATION "
              + ResultWriter.quoted(location));
    }
  }

  /**
   * What {@code table} is registered as in the database, if anything (temporary views aside). Read
   * from the session catalog's own entry, never through Delta: Delta's catalog reads a table's log
   * to answer whether it exists, and fails on a table whose directory was deleted since.
   */
  public Optional<Registration> lookup(String table) {
    String db = databaseName();
    SessionCatalog catalog = spark.sessionState().catalog();
    TableIdentifier name = identifier(table);
    if (catalog.databaseExists(db) && catalog.tableExists(name)) {
      try {
        CatalogTable entry = catalog.getTableMetadata(name);
        return Optional.of(
            new Registration(
                entry.tableType().name(),
                entry.provider().getOrElse(() -> ""),
                entry.storage().locationUri().getOrElse(() -> null)));
      } catch (AnalysisException e) {
        // Dropped since: the name is free.
        return Optional.empty();
      }
    }
    // A catalog plugged in as spark_catalog keeps its entries itself, out of the session catalog's
    // sight: only the catalog API finds them.
    try {
      return spark.catalog().databaseExists(db) && spark.catalog().tableExists(db + "." + table)
          ? Optional.of(Registration.UNREADABLE)
          : Optional.empty();
    } catch (Exception e) {
      // Not only RuntimeException: Spark's exceptions are checked ones to Java, thrown undeclared.
      return Optional.of(Registration.UNREADABLE);
    }
  }

  private TableIdentifier identifier(String table) {
    return new TableIdentifier(table, Option.apply(databaseName()));
  }

  /**
   * Whether the registered location is {@code location}, once both are qualified: a registered
   * location is a URI ({@code file:/tmp/my%20dir/x}) and the run's a path ({@code /tmp/my dir/x}).
   * A location whose file system is unknown here is another location.
   */
  private boolean sameLocation(URI registered, String location) {
    if (registered == null) {
      return false;
    }
    try {
      return qualifiedPath(new Path(registered)).equals(qualifiedPath(new Path(location)));
    } catch (IOException e) {
      return false;
    }
  }

  private Path qualifiedPath(Path path) throws IOException {
    return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(path);
  }

  private String databaseName() {
    return database != null ? database : spark.catalog().currentDatabase();
  }

  private String qualified(String table) {
    return databaseName() + "." + table;
  }
}
