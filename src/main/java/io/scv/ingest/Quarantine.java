package io.scv.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.lit;

/** The shape of a rejected input row: where it came from, its raw line or values, and why it was rejected. */
public final class Quarantine {
    public static final String SOURCE = "source";
    public static final String SOURCE_ID = "source_id";
    public static final String INPUT = "input";
    public static final String REASON = "reason";
    public static final String RAW = "raw";

    private Quarantine() {
    }

    /** Projects rejected rows onto the quarantine columns. {@code input} names the file kind (records, orders, events). */
    public static Dataset<Row> of(Dataset<Row> rows, String source, String input, Column sourceId, Column raw,
                                  String reason) {
        return of(rows, source, input, sourceId, raw, lit(reason));
    }

    /** As {@link #of(Dataset, String, String, Column, Column, String)}, with a reason that differs per row. */
    public static Dataset<Row> of(Dataset<Row> rows, String source, String input, Column sourceId, Column raw,
                                  Column reason) {
        return rows.select(lit(source).as(SOURCE), sourceId.cast("string").as(SOURCE_ID), lit(input).as(INPUT),
                reason.cast("string").as(REASON), raw.cast("string").as(RAW));
    }
}
