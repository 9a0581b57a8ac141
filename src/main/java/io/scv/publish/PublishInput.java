package io.scv.publish;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.Instant;
import java.util.Set;

/**
 * Everything a run publishes, computed and audited before any table is written.
 *
 * @param idLineage    the run's ID events: {@code event}, {@code customer_id}, {@code related_id}, {@code records}
 * @param recordState  {@code record_key}, {@code match_hash}: what the next incremental run compares against
 * @param hotKeys      the run's hot keys as {@code rule:sha256(key)}
 */
public record PublishInput(String runId, Instant startedAt, Dataset<Row> customer, Dataset<Row> customerXref,
                           Dataset<Row> matchEvidence, Dataset<Row> quarantine, Dataset<Row> idLineage,
                           Dataset<Row> recordState, Set<String> hotKeys, Row runLog) {
    public PublishInput {
        hotKeys = Set.copyOf(hotKeys);
    }
}
