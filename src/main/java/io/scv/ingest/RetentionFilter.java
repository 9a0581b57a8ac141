package io.scv.ingest;

import io.scv.config.Retention;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

import static org.apache.spark.sql.functions.*;

/**
 * Drops a source's records whose last activity is older than its retention period (data minimisation) and counts
 * what it dropped. Last activity is the greatest of the record's own timestamp, its last order and (for a device
 * profile) its last event: a customer who still orders is not stale, whatever the master-data timestamp says. A
 * record with no readable timestamp at all is kept and counted apart, so an operator can see retention could not
 * judge it. A filter and one aggregation for the counts; no shuffle of its own. The records are persisted because
 * they are counted and then reused.
 */
final class RetentionFilter {
    /** The record's own timestamp, parsed as {@code updated_at} is; ingest adds it, this filter removes it. */
    static final String RECORDED_AT = "_recorded_at";
    private static final String LAST_ACTIVITY = "_last_activity";

    private RetentionFilter() {
    }

    /** What left the run: records, and the orders and events that had been aggregated onto them. */
    record Tally(long records, long orders, long events) {
    }

    /** The records that stay, those that expired, and those of unknown age (which stay too). */
    record Outcome(Dataset<Row> kept, Tally expired, Tally unknown) {
    }

    /**
     * @param records   canonical records of one source with {@value #RECORDED_AT}, and the activity columns
     *                  {@code last_order_at}, {@code order_count} or {@code events} where the source has them
     * @param reference the run's reference time; a record is expired when its last activity is more than
     *                  {@code retention.days()} days before it
     */
    static Outcome apply(Dataset<Row> records, Retention retention, Instant reference) {
        var flagged = records.withColumn(LAST_ACTIVITY, lastActivity(records))
                .persist(StorageLevel.MEMORY_AND_DISK());
        var cutoff = lit(Timestamp.from(reference.minus(Duration.ofDays(retention.days()))));
        // a null activity compares to null; unknown age is kept, so it must not read as expired
        Column expired = coalesce(col(LAST_ACTIVITY).lt(cutoff), lit(false));
        Column unknown = col(LAST_ACTIVITY).isNull();
        Column orders = activityCount(records, "order_count");
        Column events = activityCount(records, "events");
        Row t = flagged.agg(
                sum(when(expired, 1L).otherwise(0L)), sum(when(expired, orders).otherwise(0L)),
                sum(when(expired, events).otherwise(0L)),
                sum(when(unknown, 1L).otherwise(0L)), sum(when(unknown, orders).otherwise(0L)),
                sum(when(unknown, events).otherwise(0L))).first();
        var kept = flagged.filter(not(expired)).drop(LAST_ACTIVITY, RECORDED_AT);
        return new Outcome(kept, new Tally(orZero(t, 0), orZero(t, 1), orZero(t, 2)),
                new Tally(orZero(t, 3), orZero(t, 4), orZero(t, 5)));
    }

    /** Greatest of the record's own timestamp and its last order; {@code greatest} skips nulls. */
    private static Column lastActivity(Dataset<Row> records) {
        var candidates = new ArrayList<Column>();
        candidates.add(col(RECORDED_AT));
        if (SourceReader.hasColumn(records, "last_order_at")) {
            // an order date counts from the start of its day
            candidates.add(col("last_order_at").cast("timestamp"));
        }
        return candidates.size() == 1 ? candidates.get(0) : greatest(candidates.toArray(Column[]::new));
    }

    private static Column activityCount(Dataset<Row> records, String column) {
        return SourceReader.hasColumn(records, column) ? coalesce(col(column).cast("long"), lit(0L)) : lit(0L);
    }

    private static long orZero(Row row, int i) {
        return row.isNullAt(i) ? 0 : row.getLong(i);
    }
}
