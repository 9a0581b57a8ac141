package io.scv.publish;

import io.delta.tables.DeltaTable;
import io.scv.identity.LineageEvent;
import io.scv.identity.PreviousIdentity;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import static org.apache.spark.sql.functions.*;

/** Reads what earlier runs published, for the next run to build on. */
public final class PublishedTables {
    private final SparkSession spark;
    private final String warehouse;

    public PublishedTables(SparkSession spark, String warehouse) {
        this.spark = spark;
        this.warehouse = warehouse;
    }

    /**
     * The previous crosswalk and every customer ID ever issued, with the time it was first issued (from
     * {@code id_lineage}; null for IDs of a warehouse written before lineage was kept).
     */
    public PreviousIdentity previousIdentity() {
        var xref = table(Tables.CUSTOMER_XREF);
        if (xref == null) {
            return PreviousIdentity.none(spark);
        }
        var previousXref = xref.select("record_key", "customer_id");
        Dataset<Row> issued = previousXref.select(col("customer_id"),
                lit(null).cast("timestamp").as("created_at"));
        var lineage = table(Tables.ID_LINEAGE);
        if (lineage != null) {
            issued = issued.unionByName(lineage
                    .filter(col("event").isin(LineageEvent.CREATED, LineageEvent.SPLIT_FROM))
                    .select(col("customer_id"), col("event_time").as("created_at")));
        }
        return new PreviousIdentity(previousXref,
                issued.groupBy("customer_id").agg(min("created_at").as("created_at")));
    }

    /**
     * Why this warehouse cannot seed an incremental run of the given config and code version, or null when it can:
     * the last finished run must have published with the same config (and model) and the same scv version, and
     * left its run state.
     */
    public String whyNotIncremental(String configHash, String version) {
        var runLog = table(Tables.RUN_LOG);
        if (runLog == null || table(Tables.STATE_RECORDS) == null || table(Tables.STATE_HOT_KEYS) == null
                || table(Tables.MATCH_EVIDENCE) == null) {
            return "no earlier run left its run state in this warehouse";
        }
        var published = runLog.filter(col("status").equalTo("published")).orderBy(col("finished_at").desc())
                .select("config_hash", "version").limit(1).collectAsList();
        if (published.isEmpty()) {
            return "no earlier run finished publishing";
        }
        if (!configHash.equals(published.get(0).getString(0))) {
            return "the config or its model changed since the last run";
        }
        if (!version.equals(published.get(0).getString(1))) {
            return "the last run was made by scv " + published.get(0).getString(1) + ", this is " + version;
        }
        return null;
    }

    /** The previous run's hot keys ({@code rule:sha256(key)}). */
    public java.util.Set<String> hotKeys() {
        var t = table(Tables.STATE_HOT_KEYS);
        var keys = new java.util.TreeSet<String>();
        if (t != null) {
            t.select("fingerprint").collectAsList().forEach(r -> keys.add(r.getString(0)));
        }
        return keys;
    }

    /** A published table, or null when it does not exist yet. */
    public Dataset<Row> table(String name) {
        String path = Tables.path(warehouse, name);
        return DeltaTable.isDeltaTable(spark, path) ? spark.read().format("delta").load(path) : null;
    }
}
