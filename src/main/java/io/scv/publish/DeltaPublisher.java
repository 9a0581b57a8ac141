package io.scv.publish;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.apache.spark.sql.functions.lit;

/**
 * Writes a run's tables to Delta Lake under the warehouse: {@code customer}, {@code customer_xref} and
 * {@code match_evidence} are replaced (one new table version each), {@code quarantine} and {@code run_log} are
 * appended with the run id. Change Data Feed is on for new tables (session default set by the CLI), so downstream
 * readers can take only what changed. The only stage that writes tables.
 */
public final class DeltaPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaPublisher.class);
    private final SparkSession spark;
    private final String warehouse;

    public DeltaPublisher(SparkSession spark, String warehouse) {
        this.spark = spark;
        this.warehouse = warehouse;
    }

    public void publish(PublishInput in) {
        replace(Tables.CUSTOMER, in.customer().withColumn("run_id", lit(in.runId())));
        replace(Tables.CUSTOMER_XREF, in.customerXref().withColumn("run_id", lit(in.runId())));
        replace(Tables.MATCH_EVIDENCE, in.matchEvidence().withColumn("run_id", lit(in.runId())));
        append(Tables.QUARANTINE, in.quarantine().withColumn("run_id", lit(in.runId())));
        StructType schema = in.runLog().schema();
        append(Tables.RUN_LOG, spark.createDataFrame(List.of(in.runLog()), schema));
    }

    private void replace(String table, Dataset<Row> df) {
        spark.sparkContext().setJobDescription("publish: " + table);
        df.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true")
                .save(Tables.path(warehouse, table));
        LOG.info("publish: wrote {}", table);
    }

    private void append(String table, Dataset<Row> df) {
        spark.sparkContext().setJobDescription("publish: " + table);
        df.write().format("delta").mode(SaveMode.Append).option("mergeSchema", "true")
                .save(Tables.path(warehouse, table));
        LOG.info("publish: appended to {}", table);
    }
}
