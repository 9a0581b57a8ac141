package io.scv.publish;

import io.delta.tables.DeltaTable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Physically removes what time travel could still bring back: for every table that can hold personal data
 * ({@link Tables#PERSONAL_TABLES}) and exists, rows
 * hidden by deletion vectors are rewritten away ({@code REORG ... APPLY (PURGE)}, where deletion vectors are on),
 * then {@code VACUUM} deletes every data and change-feed file older versions needed, keeping only the given
 * retention. Leftover Spark checkpoints of killed runs (intermediate copies of the records) go too. After a purge
 * with retention 0 a table cannot be restored or time-travelled to a version before it. One table at a time;
 * VACUUM lists the table's folder with one task per core ({@code spark.sql.sources.parallelPartitionDiscovery
 * .parallelism}, lowered from its default of 10,000 for the purge) and deletes from the driver.
 */
public final class Purge {
    private static final Logger LOG = LoggerFactory.getLogger(Purge.class);
    private static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";
    /** VACUUM lists a table's folder with this many tasks: 10,000 by default, half a minute per table locally. */
    private static final String LISTING_PARALLELISM = "spark.sql.sources.parallelPartitionDiscovery.parallelism";
    private final SparkSession spark;
    private final String warehouse;

    public Purge(SparkSession spark, String warehouse) {
        this.spark = spark;
        this.warehouse = warehouse;
    }

    /**
     * Purges the personal tables, keeping files younger than {@code retentionHours}; returns how many data,
     * change-feed and checkpoint files it deleted.
     */
    public long run(double retentionHours) {
        if (retentionHours < 0) {
            throw new IllegalArgumentException("retention must be 0 hours or more, was: " + retentionHours);
        }
        long before = countFiles();
        String previousCheck = spark.conf().get(RETENTION_CHECK, "true");
        String previousParallelism = spark.conf().get(LISTING_PARALLELISM, "10000");
        spark.conf().set(RETENTION_CHECK, "false"); // a retention below 7 days is the point here
        // one listing task per core: a table folder of a few hundred files needs no more
        spark.conf().set(LISTING_PARALLELISM, String.valueOf(Math.max(2, spark.sparkContext().defaultParallelism())));
        try {
            for (String table : Tables.PERSONAL_TABLES) {
                String path = Tables.path(warehouse, table);
                if (!DeltaTable.isDeltaTable(spark, path)) {
                    continue;
                }
                spark.sparkContext().setJobDescription("purge: " + table);
                if ("true".equals(TableProperties.of(spark, path).get("delta.enableDeletionVectors"))) {
                    spark.sql("REORG TABLE delta.`" + path + "` APPLY (PURGE)");
                }
                DeltaTable.forPath(spark, path).vacuum(retentionHours);
            }
        } finally {
            spark.conf().set(RETENTION_CHECK, previousCheck);
            spark.conf().set(LISTING_PARALLELISM, previousParallelism);
        }
        delete(new Path(Tables.path(warehouse, "_checkpoints")));
        long deleted = before - countFiles();
        LOG.info("purge: personal tables vacuumed (retention {} h), {} files deleted", retentionHours, deleted);
        return deleted;
    }

    /** Data, change-feed and checkpoint files: the transaction log grows with each VACUUM's own commits. */
    private long countFiles() {
        try {
            var root = new Path(Tables.path(warehouse, ""));
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(root)) {
                return 0;
            }
            long n = 0;
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
            while (it.hasNext()) {
                if (!it.next().getPath().toString().contains("/_delta_log/")) {
                    n++;
                }
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the warehouse " + warehouse, e);
        }
    }

    private void delete(Path path) {
        try {
            path.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(path, true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + path, e);
        }
    }
}
