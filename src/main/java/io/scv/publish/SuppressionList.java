package io.scv.publish;

import io.delta.tables.DeltaTable;
import io.scv.standardize.Suppression;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;

/**
 * The warehouse's suppression list, {@code privacy_suppression}: one row per hashed identifier of an erased
 * person ({@link Suppression#hash}), the kind of identifier, the erasure request that added it and when. No
 * plain value is ever stored. {@code scv forget} adds rows; every run reads them and leaves those people out.
 */
public final class SuppressionList {
    private static final StructType SCHEMA = new StructType()
            .add(Suppression.HASH, DataTypes.StringType).add("kind", DataTypes.StringType)
            .add("request_id", DataTypes.StringType).add("added_at", DataTypes.TimestampType);
    private final SparkSession spark;
    private final String path;

    public SuppressionList(SparkSession spark, String warehouse) {
        this.spark = spark;
        this.path = Tables.path(warehouse, Tables.SUPPRESSION);
    }

    /** One listed identifier: its kind and hash. */
    public record Entry(Suppression.Kind kind, String hash) {
    }

    /** Adds entries under one request; an identifier listed before keeps its first request. */
    public void add(Collection<Entry> entries, String requestId) {
        var now = Timestamp.from(Instant.now());
        var rows = spark.createDataFrame(entries.stream().map(e -> RowFactory.create(e.hash(), e.kind().name(),
                requestId, now)).toList(), SCHEMA).dropDuplicates(Suppression.HASH);
        if (!DeltaTable.isDeltaTable(spark, path)) {
            rows.write().format("delta").options(Tables.properties(Tables.SUPPRESSION)).save(path);
            return;
        }
        DeltaTable.forPath(spark, path).as("t").merge(rows.as("s"), "t.hash = s.hash")
                .whenNotMatched().insertAll().execute();
    }

    /** Every listed hash (column {@code hash}); empty when nobody was ever erased. */
    public Dataset<Row> read() {
        if (!DeltaTable.isDeltaTable(spark, path)) {
            return spark.createDataFrame(java.util.List.of(), SCHEMA).select(Suppression.HASH);
        }
        return spark.read().format("delta").load(path).select(Suppression.HASH);
    }
}
