package io.scv.block;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Set;

/**
 * What an incremental run blocks: records new or changed since the previous run, and the hot keys (as
 * {@code rule:sha256(key)}) the previous run skipped.
 *
 * @param changed {@code record_key} of the new or changed records
 */
public record IncrementalScope(Dataset<Row> changed, Set<String> previousHotKeys) {
    public IncrementalScope {
        previousHotKeys = Set.copyOf(previousHotKeys);
    }
}
