package io.scv.eval;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

import static org.apache.spark.sql.functions.*;

/**
 * Compares a clustering ({@code record_key}, {@code customer_id}) with the truth over the records in both: pairwise
 * counts and B-cubed precision and recall. Everything comes from the confusion cells (cluster, entity, records in
 * both): a pair count is n(n-1)/2 of a cell, cluster or entity size, never an enumeration of pairs. One full outer
 * join by record key, one aggregation into cells, two windows (cluster and entity sizes) and one final aggregation:
 * four shuffles, partitions from {@code spark.sql.shuffle.partitions}. A labelled-pairs truth adds one job that joins
 * the labelled pairs with the clusters on both keys.
 */
public final class ClusterEvaluation {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterEvaluation.class);

    private ClusterEvaluation() {
    }

    public static ClusterMetrics evaluate(Dataset<Row> clusters, Truth truth) {
        long start = System.nanoTime();
        var run = clusters.select(col("record_key").cast("string").as("record_key"),
                col("customer_id").cast("string").as("customer_id"));
        clusters.sparkSession().sparkContext().setJobDescription("evaluate: clusters against truth");
        Row sums = sums(run, truth.mapping());
        var metrics = new ClusterMetrics(pairwise(sums), bCubed(sums),
                truth.labelledPairs() == null ? null : labelledPairs(run, truth.labelledPairs()));
        LOG.info(String.format(Locale.ROOT, "evaluate clusters: %d records in both, pairwise F1 %.4f, B-cubed F1 "
                        + "%.4f in %.1f s", metrics.pairwise().records(), metrics.pairwise().f1(),
                metrics.bCubed().f1(), (System.nanoTime() - start) / 1e9));
        return metrics;
    }

    private static PairwiseMetrics pairwise(Row sums) {
        return new PairwiseMetrics(sums.getLong(0), sums.getLong(1), sums.getLong(2), sums.getLong(5) / 2,
                sums.getLong(4) / 2, sums.getLong(3) / 2);
    }

    private static BCubedMetrics bCubed(Row sums) {
        return BCubedMetrics.fromSums(sums.getLong(0), sums.getDouble(6), sums.getDouble(7));
    }

    /**
     * Over cells of n records (cluster c, entity e), restricted to records in both, with n_c and n_e the cluster and
     * entity sizes: records, records only in the run, records only in the truth, then twice the true positives
     * (sum n(n-1)), twice the predicted pairs (sum n(n_c - 1), which adds up to n_c(n_c - 1) per cluster), twice the
     * true pairs (likewise), and the B-cubed sums: per record |cluster ∩ entity| / n_c is n / n_c, n times per cell.
     */
    private static Row sums(Dataset<Row> run, Dataset<Row> mapping) {
        var cells = run.join(mapping, new String[]{"record_key"}, "full_outer")
                .groupBy("customer_id", "entity_id").agg(count(lit(1)).as("n"));
        Column inRun = col("customer_id").isNotNull();
        Column inTruth = col("entity_id").isNotNull();
        Column both = inRun.and(inTruth);
        Column n = col("n");
        var sized = cells
                .withColumn("cluster_n", sum(when(inTruth, n)).over(Window.partitionBy("customer_id")))
                .withColumn("entity_n", sum(when(inRun, n)).over(Window.partitionBy("entity_id")));
        return sized.agg(
                longSum(when(both, n)), longSum(when(not(inTruth), n)), longSum(when(not(inRun), n)),
                longSum(when(both, n.multiply(n.minus(1)))),
                longSum(when(both, n.multiply(col("cluster_n").minus(1)))),
                longSum(when(both, n.multiply(col("entity_n").minus(1)))),
                doubleSum(when(both, n.multiply(n).divide(col("cluster_n")))),
                doubleSum(when(both, n.multiply(n).divide(col("entity_n"))))).first();
    }

    private static LabelledPairMetrics labelledPairs(Dataset<Row> run, Dataset<Row> labelled) {
        run.sparkSession().sparkContext().setJobDescription("evaluate: labelled pairs against clusters");
        Column together = col("_lc").equalTo(col("_rc"));
        Column positive = col("is_match");
        Row r = labelled
                .join(run.select(col("record_key").as("l_key"), col("customer_id").as("_lc")), "l_key")
                .join(run.select(col("record_key").as("r_key"), col("customer_id").as("_rc")), "r_key")
                .agg(count(when(positive, 1)), count(when(positive.and(together), 1)),
                        count(when(not(positive), 1)), count(when(not(positive).and(together), 1)))
                .first();
        return new LabelledPairMetrics(r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3));
    }

    private static Column longSum(Column c) {
        return coalesce(sum(c), lit(0L)).cast("long");
    }

    private static Column doubleSum(Column c) {
        return coalesce(sum(c), lit(0.0)).cast("double");
    }
}
