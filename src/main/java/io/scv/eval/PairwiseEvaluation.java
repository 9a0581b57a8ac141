package io.scv.eval;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.*;

/**
 * Compares a run's clusters ({@code source, source_id, customer_id}) with truth ({@code source, source_id,
 * entity_id}): pairwise precision, recall and F1. Builds record keys as ingest does and hands over to
 * {@link ClusterEvaluation}, which has the cost; new code should call that with a {@link Truth} directly.
 */
public final class PairwiseEvaluation {
    private PairwiseEvaluation() {
    }

    public static PairwiseMetrics evaluate(Dataset<Row> xref, Dataset<Row> truth) {
        var clusters = xref.select(concat(col("source").cast("string"), lit(":"), col("source_id").cast("string"))
                .as("record_key"), col("customer_id"));
        return ClusterEvaluation.evaluate(clusters, Truth.ofEntityRecords(truth)).pairwise();
    }
}
