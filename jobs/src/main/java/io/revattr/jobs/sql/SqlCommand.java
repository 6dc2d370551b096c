package io.revattr.jobs.sql;

import io.revattr.common.error.Errors;
import io.revattr.jobs.cli.Command;
import io.revattr.jobs.cli.CommandParser;
import io.revattr.jobs.cli.Console;
import io.revattr.jobs.cli.Options;
import io.revattr.jobs.io.TableRegistry;
import io.revattr.jobs.run.RunCommand;
import io.revattr.jobs.spark.SparkSessions;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;

/**
 * {@code revattr sql}: runs a Spark SQL query over the result tables by their names (see {@link
 * ResultCatalog}) and prints the result.
 */
public final class SqlCommand implements Command {
  @Override
  public String name() {
    return "sql";
  }

  @Override
  public String description() {
    return "query the result tables by name in Spark SQL and print the result";
  }

  @Override
  public void declareOptions(CommandParser parser) {
    parser
        .string(
            "output", "DIR", null, "output directory of a run: its tables are queryable by name")
        .string("catalog", "DB", null, "catalog database the run registered its tables in")
        .choice("format", "table", QueryPrinter.FORMATS, "how to print the result")
        .integer("max-rows", "N", 1000, 1, "rows printed in the table format")
        .flag("list", "list the tables that can be queried and exit");
    parser.arg("<query>", "the Spark SQL query, e.g. \"SELECT * FROM attribution_summary\"");
  }

  @Override
  public int execute(Options options, Console console) {
    String output = options.string("output").orElse(null);
    String catalog = options.string("catalog").map(TableRegistry::checkedDatabaseName).orElse(null);
    if ((output == null) == (catalog == null)) {
      throw Errors.usage("Give exactly one of --output DIR and --catalog DB.");
    }
    String query = options.string("<query>").orElse(null);
    if (query == null && !options.flag("list")) {
      throw Errors.usage("Give a query, e.g. revattr sql --output DIR \"SHOW TABLES\".");
    }
    String dir = output == null ? null : RunCommand.absolute(output);
    SparkSession spark =
        SparkSessions.getOrCreate(
            "revattr sql", dir == null ? System.getProperty("java.io.tmpdir") : dir + "/_catalog");
    List<String> tables =
        dir != null
            ? ResultCatalog.registerDirectory(spark, dir)
            : ResultCatalog.registerDatabase(spark, catalog);
    if (query == null) {
      tables.forEach(console::println);
      return 0;
    }
    Dataset<Row> result;
    try {
      result = spark.sql(query);
    } catch (Exception e) {
      // Spark's AnalysisException is checked to Java but thrown undeclared.
      if (e instanceof AnalysisException analysis) {
        throw Errors.usage(
            "The query cannot run: "
                + analysis.getSimpleMessage()
                + " The tables here: "
                + String.join(", ", tables)
                + (analysis instanceof ParseException ? " (one statement per call)." : "."));
      }
      throw e;
    }
    QueryPrinter.print(
        result, options.string("format", "table"), options.integer("max-rows", 1000), console);
    return 0;
  }
}
