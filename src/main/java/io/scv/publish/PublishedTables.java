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

    /** A published table, or null when it does not exist yet. */
    public Dataset<Row> table(String name) {
        String path = Tables.path(warehouse, name);
        return DeltaTable.isDeltaTable(spark, path) ? spark.read().format("delta").load(path) : null;
    }
}
