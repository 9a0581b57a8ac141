package io.scv.report;

import io.scv.ingest.Quarantine;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * The run report's figures that need Spark: one small aggregation each, over data the run already materialised
 * (the scored pairs, the crosswalk, the quarantined rows). Each result is bounded by its own shape, not by the
 * data: score bins by the range of weights, cluster sizes by the largest cluster, reasons by the config, and the
 * largest customers by {@code limit}. Aggregations shuffle into {@code spark.sql.shuffle.partitions} partitions.
 */
public final class RunReportFigures {
    private RunReportFigures() {
    }

    /** Scored pairs per bin of one match weight, from a {@code score} column; pairs without a score are left out. */
    public static List<RunReportModel.ScoreBin> scoreBins(Dataset<Row> scoredPairs) {
        describe(scoredPairs, "report: score distribution");
        return scoredPairs.filter(col("score").isNotNull().and(not(isnan(col("score")))))
                .groupBy(floor(col("score")).cast("long").as("bin")).count().orderBy("bin").collectAsList().stream()
                .map(r -> new RunReportModel.ScoreBin(r.getLong(0), r.getLong(1))).toList();
    }

    /** Customers per cluster size, from a crosswalk of {@code customer_id} per record. */
    public static List<RunReportModel.SizeCount> clusterSizes(Dataset<Row> xref) {
        describe(xref, "report: cluster sizes");
        return xref.groupBy("customer_id").count().groupBy(col("count").as("size")).count().orderBy("size")
                .collectAsList().stream().map(r -> new RunReportModel.SizeCount(r.getLong(0), r.getLong(1))).toList();
    }

    /** The {@code limit} customers with the most records; ties by customer ID, so the list is the same each time. */
    public static List<RunReportModel.CustomerSize> largestCustomers(Dataset<Row> xref, int limit) {
        describe(xref, "report: largest customers");
        return xref.groupBy("customer_id").count().orderBy(col("count").desc(), col("customer_id").asc())
                .limit(limit).collectAsList().stream()
                .map(r -> new RunReportModel.CustomerSize(r.getString(0), r.getLong(1))).toList();
    }

    /** Quarantined rows per source, input and reason; reasons are fixed texts that name columns, not values. */
    public static List<RunReportModel.QuarantineCount> quarantineCounts(Dataset<Row> quarantine) {
        describe(quarantine, "report: quarantine reasons");
        return quarantine.groupBy(Quarantine.SOURCE, Quarantine.INPUT, Quarantine.REASON).count()
                .orderBy(col("count").desc(), col(Quarantine.SOURCE), col(Quarantine.INPUT), col(Quarantine.REASON))
                .collectAsList().stream().map(r -> new RunReportModel.QuarantineCount(r.getString(0), r.getString(1),
                        r.getString(2), r.getLong(3))).toList();
    }

    private static void describe(Dataset<Row> data, String job) {
        data.sparkSession().sparkContext().setJobDescription(job);
    }
}
