package io.scv.publish;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.Instant;

/**
 * Everything a run publishes, computed and audited before any table is written.
 *
 * @param idLineage the run's ID events: {@code event}, {@code customer_id}, {@code related_id}, {@code records}
 */
public record PublishInput(String runId, Instant startedAt, Dataset<Row> customer, Dataset<Row> customerXref,
                           Dataset<Row> matchEvidence, Dataset<Row> quarantine, Dataset<Row> idLineage, Row runLog) {
}
