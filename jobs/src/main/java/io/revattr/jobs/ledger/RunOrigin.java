package io.revattr.jobs.ledger;

/**
 * What a run ran with and read, so that a row of {@code runs} says which build, which Spark and
 * which input made the as-of's rows.
 *
 * @param revattrVersion revattr's version
 * @param sparkVersion the version of the Spark that ran it (the cluster's under spark-submit)
 * @param input the {@code --input} directory, or null when the input was a catalog database
 * @param inputCatalog the {@code --input-catalog} database, or null
 * @param inputFormat the {@code --input-format} given ({@code auto} unless one was named)
 */
public record RunOrigin(
    String revattrVersion,
    String sparkVersion,
    String input,
    String inputCatalog,
    String inputFormat) {}
