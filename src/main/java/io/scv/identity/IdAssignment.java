package io.scv.identity;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * Customer IDs of one run. Both datasets are lazy and read intermediates the assignment keeps in memory: compute
 * (or checkpoint) what you need of them, then {@link #release} those.
 *
 * @param records {@code record_key}, {@code customer_id}, {@code cluster_size}
 * @param events  the ID events of this run, for {@code id_lineage}: {@code event} ({@link LineageEvent}),
 *                {@code customer_id}, {@code related_id} (the surviving ID of a merge, the ID a split came from),
 *                {@code records} (records of the customer the event is about, in this run; 0 when retired)
 * @param cached  what the assignment persisted for them
 */
public record IdAssignment(Dataset<Row> records, Dataset<Row> events, List<Dataset<Row>> cached) {
    public IdAssignment {
        cached = List.copyOf(cached);
    }

    /**
     * Drops the kept intermediates: after it, reading {@link #records} or {@link #events} computes them again. Also
     * drops the cached reads of the previous run's tables, which would otherwise stand for those tables after this
     * run publishes new versions of them.
     */
    public void release() {
        cached.forEach(Dataset::unpersist);
    }
}
