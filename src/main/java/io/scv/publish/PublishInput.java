package io.scv.publish;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Everything a run publishes, computed and audited before any table is written. */
public record PublishInput(String runId, Dataset<Row> customer, Dataset<Row> customerXref,
                           Dataset<Row> matchEvidence, Dataset<Row> quarantine, Row runLog) {
}
