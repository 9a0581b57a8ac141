package io.scv.identity;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * Gives each cluster of this run a customer ID that lasts (DESIGN §7), by record overlap with the previous run's
 * crosswalk:
 * <ol>
 *   <li>each previous ID goes to the cluster that holds most of its records (its largest part; ties go to the
 *   cluster with the smallest record key), so on a <b>split</b> the largest part keeps the ID;</li>
 *   <li>a cluster that several previous IDs go to is a <b>merge</b>: the ID with the most records in it survives
 *   (then the oldest, then the smallest), the others are retired as {@code merged_into} the survivor;</li>
 *   <li>a cluster no previous ID goes to gets a new ID: {@code split_from} the previous ID it shares most records
 *   with, or {@code created} when it shares none; a previous ID with no records left is {@code retired}.</li>
 * </ol>
 * A new ID is {@code scv-} and 16 hex digits of the SHA-256 of the cluster's smallest record key, so the same input
 * gives the same IDs; if that ID was ever issued before (the cluster's smallest key once belonged to a customer
 * that kept its ID elsewhere), the key is hashed again with an attempt number until the ID is unused, so an ID is
 * never reused. Cost: a few shuffles over the records (cluster sizes, overlap join, windows over the much smaller
 * overlap table) plus one small job per collision round, usually one. The first run has nothing to map onto: every
 * cluster is {@code created} with its attempt-0 ID, after one check that no two clusters drew the same ID.
 */
public final class CustomerIdAssigner {
    private static final Logger LOG = LoggerFactory.getLogger(CustomerIdAssigner.class);
    private static final int MAX_ATTEMPTS = 20;

    private CustomerIdAssigner() {
    }

    /** The first run: IDs from cluster content only. */
    public static IdAssignment assign(Dataset<Row> clusters) {
        return assign(clusters, PreviousIdentity.none(clusters.sparkSession()));
    }

    /** @param clusters {@code record_key}, {@code cluster} → IDs per record, and the lineage events of the run */
    public static IdAssignment assign(Dataset<Row> clusters, PreviousIdentity previous) {
        var spark = clusters.sparkSession();
        if (previous.none()) {
            return firstRun(clusters);
        }
        spark.sparkContext().setJobDescription("identity: map clusters onto previous customer IDs");
        // Each input and each intermediate that several results read is kept once: unkept, every result (the
        // records' IDs and each kind of event) read the previous Delta tables and ran the windows again; at 1M
        // records on a later night that took 55 Spark jobs and 45 s of CPU. The caller releases them.
        var cached = new ArrayList<Dataset<Row>>();
        var current = keep(clusters.select("record_key", "cluster"), cached);
        var previousXref = keep(previous.xref().select(col("record_key"), col("customer_id").as("old_id")), cached);
        var issued = keep(previous.issued(), cached);
        var clusterInfo = keep(clusterInfo(current), cached);
        var overlap = keep(current.join(previousXref, "record_key")
                .groupBy("cluster", "old_id").agg(count(lit(1)).as("shared"))
                .join(clusterInfo, "cluster")
                .join(issued.select(col("customer_id").as("old_id"), col("created_at")), new String[]{"old_id"},
                        "left"), cached);

        var atHome = firstBy(overlap, Window.partitionBy("old_id"), col("shared").desc(), col("min_key").asc());
        var contenders = keep(atHome.withColumn("rank", row_number().over(Window.partitionBy("cluster")
                .orderBy(col("shared").desc(), col("created_at").asc_nulls_first(), col("old_id").asc()))), cached);
        var kept = contenders.filter(col("rank").equalTo(1)).select(col("cluster"), col("old_id").as("customer_id"));
        var merged = contenders.filter(col("rank").gt(1)).join(kept, "cluster")
                .select(lit(LineageEvent.MERGED_INTO).as("event"), col("old_id").as("customer_id"),
                        col("customer_id").as("related_id"), col("shared").as("records"));

        var fresh = clusterInfo.join(kept, new String[]{"cluster"}, "left_anti");
        var freshIds = newIds(fresh.select("cluster", "min_key"), issued.select("customer_id"), cached);
        var splitOrigin = firstBy(overlap, Window.partitionBy("cluster"), col("shared").desc(), col("old_id").asc())
                .select(col("cluster"), col("old_id").as("related_id"));
        var born = fresh.join(freshIds, "cluster").join(splitOrigin, new String[]{"cluster"}, "left")
                .select(when(col("related_id").isNull(), lit(LineageEvent.CREATED))
                                .otherwise(lit(LineageEvent.SPLIT_FROM)).as("event"),
                        col("customer_id"), col("related_id"), col("cluster_size").as("records"));
        var retired = previousXref.select(col("old_id").as("customer_id")).distinct()
                .join(overlap.select(col("old_id").as("customer_id")).distinct(), new String[]{"customer_id"},
                        "left_anti")
                .select(lit(LineageEvent.RETIRED).as("event"), col("customer_id"),
                        lit(null).cast("string").as("related_id"), lit(0L).as("records"));

        var idPerCluster = keep(kept.unionByName(freshIds)
                .join(clusterInfo.select("cluster", "cluster_size"), "cluster"), cached);
        var records = current.join(idPerCluster, "cluster")
                .select("record_key", "cluster", "customer_id", "cluster_size");
        return new IdAssignment(records, merged.unionByName(born).unionByName(retired), cached);
    }

    /** {@code rows}, kept in memory (or on disk) once computed, and listed for {@link IdAssignment#release}. */
    private static Dataset<Row> keep(Dataset<Row> rows, List<Dataset<Row>> cached) {
        var kept = rows.persist(StorageLevel.MEMORY_AND_DISK());
        cached.add(kept);
        return kept;
    }

    /**
     * No previous IDs: each cluster a new customer, its ID from its smallest record key. One shuffle: a window over
     * the cluster gives every record its cluster's smallest key and size (a group-by and a join back took three
     * shuffles and two sorts of every record).
     */
    private static IdAssignment firstRun(Dataset<Row> clusters) {
        clusters.sparkSession().sparkContext().setJobDescription("identity: new customer IDs (first run)");
        var cluster = Window.partitionBy("cluster");
        var minKey = min("record_key").over(cluster);
        var cached = new ArrayList<Dataset<Row>>();
        var records = keep(clusters.select(col("record_key"), col("cluster"), idFor(minKey, 0).as("customer_id"),
                count(lit(1)).over(cluster).as("cluster_size"), col("record_key").equalTo(minKey).as("_smallest")),
                cached);
        var perCluster = records.filter(col("_smallest"));   // record keys are unique: one row per cluster
        checkDistinct(perCluster.select("cluster", "customer_id"));
        var events = perCluster.select(lit(LineageEvent.CREATED).as("event"), col("customer_id"),
                lit(null).cast("string").as("related_id"), col("cluster_size").as("records"));
        return new IdAssignment(records.select("record_key", "cluster", "customer_id", "cluster_size"), events,
                cached);
    }

    /** Per cluster: {@code cluster}, {@code cluster_size}, {@code min_key} (its smallest record key). */
    private static Dataset<Row> clusterInfo(Dataset<Row> clusters) {
        return clusters.groupBy("cluster").agg(count(lit(1)).as("cluster_size"), min("record_key").as("min_key"));
    }

    /** Keeps the first row of each window partition in the given order. */
    private static Dataset<Row> firstBy(Dataset<Row> rows, WindowSpec partition, Column... order) {
        return rows.withColumn("_first", row_number().over(partition.orderBy(order)))
                .filter(col("_first").equalTo(1)).drop("_first");
    }

    /**
     * IDs for clusters that keep no previous ID: hashed from the smallest record key, re-hashed with an attempt
     * number while the ID was issued before.
     *
     * @param fresh  {@code cluster}, {@code min_key}
     * @param issued {@code customer_id}: every ID ever issued
     * @return {@code cluster}, {@code customer_id}
     */
    private static Dataset<Row> newIds(Dataset<Row> fresh, Dataset<Row> issued, List<Dataset<Row>> cached) {
        Dataset<Row> accepted = null;
        var pending = fresh;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            var candidates = keep(pending.withColumn("customer_id", idFor(col("min_key"), attempt)), cached);
            var free = candidates.join(issued, new String[]{"customer_id"}, "left_anti")
                    .select("cluster", "customer_id");
            accepted = accepted == null ? free : accepted.unionByName(free);
            pending = keep(candidates.join(issued, new String[]{"customer_id"}, "left_semi")
                    .select("cluster", "min_key"), cached);
            long collisions = pending.count();
            if (collisions == 0) {
                accepted = keep(accepted, cached);
                checkDistinct(accepted);
                return accepted;
            }
            LOG.info("identity: {} new IDs were issued before; hashing again (attempt {})", collisions, attempt + 1);
        }
        throw new IllegalStateException("identity: could not find unused customer IDs after " + MAX_ATTEMPTS
                + " attempts; the id_lineage table may be corrupt");
    }

    /** Two new clusters whose smallest keys hash to the same 64 bits would share an ID: stop rather than merge. */
    private static void checkDistinct(Dataset<Row> accepted) {
        long shared = accepted.groupBy("customer_id").count().filter(col("count").gt(1)).count();
        if (shared > 0) {
            throw new IllegalStateException("identity: " + shared + " new customer IDs were derived for two clusters "
                    + "each (a 64-bit hash collision); the run stops before publishing");
        }
    }

    /** {@code scv-} + 16 hex digits of SHA-256 of the key (attempt 0) or of {@code key#attempt}. */
    static Column idFor(Column minKey, int attempt) {
        Column hashed = attempt == 0 ? minKey : concat(minKey, lit("#" + attempt));
        return concat(lit("scv-"), substring(sha2(hashed, 256), 1, 16));
    }
}
