package io.scv.publish;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.util.List;

/**
 * The audit trail of erasures, {@code privacy_erasure_log}: one row per {@code scv forget} request, appended. It
 * says who asked, when, what kind of subject (email, record key, customer ID), how many identifiers went on the
 * suppression list and what the erasure removed; never the subject's values.
 */
public final class ErasureLog {
    private static final StructType SCHEMA = new StructType()
            .add("request_id", DataTypes.StringType).add("requested_at", DataTypes.TimestampType)
            .add("finished_at", DataTypes.TimestampType).add("requested_by", DataTypes.StringType)
            .add("subject_kind", DataTypes.StringType).add("identifiers_suppressed", DataTypes.LongType)
            .add("records_removed", DataTypes.LongType).add("customers_affected", DataTypes.LongType)
            .add("override_pairs_removed", DataTypes.LongType).add("run_id", DataTypes.StringType)
            .add("files_purged", DataTypes.LongType).add("status", DataTypes.StringType);
    private final SparkSession spark;
    private final String path;

    public ErasureLog(SparkSession spark, String warehouse) {
        this.spark = spark;
        this.path = Tables.path(warehouse, Tables.ERASURE_LOG);
    }

    /** One request's audit row. */
    public record Entry(String requestId, Timestamp requestedAt, Timestamp finishedAt, String requestedBy,
                        String subjectKind, long identifiersSuppressed, long recordsRemoved,
                        long customersAffected, long overridePairsRemoved, String runId, long filesPurged,
                        String status) {
        Row toRow() {
            return new GenericRowWithSchema(new Object[]{requestId, requestedAt, finishedAt, requestedBy,
                    subjectKind, identifiersSuppressed, recordsRemoved, customersAffected, overridePairsRemoved,
                    runId, filesPurged, status}, SCHEMA);
        }
    }

    public void append(Entry entry) {
        spark.createDataFrame(List.of(entry.toRow()), SCHEMA).write().format("delta").mode("append")
                .options(Tables.properties(Tables.ERASURE_LOG)).save(path);
    }
}
