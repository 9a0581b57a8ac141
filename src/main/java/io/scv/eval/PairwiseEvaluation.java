package io.scv.eval;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.*;

/**
 * Compares a run's clusters ({@code source, source_id, customer_id}) with truth ({@code source, source_id,
 * entity_id}): pairwise precision, recall and F1. Three small aggregations; pairs are counted as n(n-1)/2 per
 * cluster, per entity and per (cluster, entity) intersection.
 */
public final class PairwiseEvaluation {
    private PairwiseEvaluation() {
    }

    public static PairwiseMetrics evaluate(Dataset<Row> xref, Dataset<Row> truth) {
        var run = xref.select(col("source").cast("string"), col("source_id").cast("string"), col("customer_id"));
        var t = truth.select(col("source").cast("string"), col("source_id").cast("string"),
                col("entity_id").cast("string"));
        var joined = run.join(t, new String[]{"source", "source_id"}, "full_outer").cache();
        long notInTruth = joined.filter(col("entity_id").isNull()).count();
        long notInRun = joined.filter(col("customer_id").isNull()).count();
        var both = joined.filter(col("entity_id").isNotNull().and(col("customer_id").isNotNull()));
        long records = both.count();
        long predicted = pairs(both, "customer_id");
        long truePairs = pairs(both, "entity_id");
        long tp = pairs(both, "customer_id", "entity_id");
        joined.unpersist();
        return new PairwiseMetrics(records, notInTruth, notInRun, truePairs, predicted, tp);
    }

    private static long pairs(Dataset<Row> df, String... groupBy) {
        Row r = df.groupBy(java.util.Arrays.stream(groupBy).map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new)).count()
                .agg(sum(col("count").multiply(col("count").minus(1)).divide(2)).cast("long")).first();
        return r.isNullAt(0) ? 0 : r.getLong(0);
    }
}
