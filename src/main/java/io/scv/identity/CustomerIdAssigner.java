package io.scv.identity;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import static org.apache.spark.sql.functions.*;

/**
 * Gives each cluster a customer ID that depends only on its content: {@code scv-} and 16 hex digits of the
 * SHA-256 of the smallest record key in the cluster, so the same input gives the same IDs. One shuffle (a window
 * by cluster). Stable IDs across runs (DESIGN §7) build on this.
 */
public final class CustomerIdAssigner {
    private CustomerIdAssigner() {
    }

    /** @param clusters {@code record_key}, {@code cluster} → adds {@code customer_id} and {@code cluster_size} */
    public static Dataset<Row> assign(Dataset<Row> clusters) {
        var byCluster = Window.partitionBy("cluster");
        return clusters
                .withColumn("customer_id", concat(lit("scv-"),
                        substring(sha2(min(col("record_key")).over(byCluster), 256), 1, 16)))
                .withColumn("cluster_size", count(lit(1)).over(byCluster));
    }
}
