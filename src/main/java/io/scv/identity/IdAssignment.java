package io.scv.identity;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Customer IDs of one run.
 *
 * @param records {@code record_key}, {@code customer_id}, {@code cluster_size}
 * @param events  the ID events of this run, for {@code id_lineage}: {@code event} ({@link LineageEvent}),
 *                {@code customer_id}, {@code related_id} (the surviving ID of a merge, the ID a split came from),
 *                {@code records} (records of the customer the event is about, in this run; 0 when retired)
 */
public record IdAssignment(Dataset<Row> records, Dataset<Row> events) {
}
