package io.scv.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/** Canonical records of all sources (one row per source record), rejected rows, and the counts that reconcile. */
public record IngestResult(Dataset<Row> records, Dataset<Row> quarantine, List<SourceCounts> counts) {
    public IngestResult {
        counts = List.copyOf(counts);
    }

    public long quarantined() {
        return counts.stream().mapToLong(SourceCounts::quarantined).sum();
    }
}
