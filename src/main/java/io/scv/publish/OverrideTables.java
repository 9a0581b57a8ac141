package io.scv.publish;

import io.delta.tables.DeltaTable;
import io.scv.cluster.Overrides;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * The human override tables of a warehouse, {@code override_must_link} and {@code override_cannot_link}: one row
 * per record-key pair ({@code l_key} &lt; {@code r_key}) with who added it, when and why. Runs only read them,
 * so they persist across runs; {@code scv override} adds and removes rows (one Delta commit each).
 */
public final class OverrideTables {
    public enum Kind {
        MUST_LINK(Tables.MUST_LINK), CANNOT_LINK(Tables.CANNOT_LINK);

        final String table;

        Kind(String table) {
            this.table = table;
        }
    }

    private static final StructType SCHEMA = new StructType()
            .add("l_key", DataTypes.StringType).add("r_key", DataTypes.StringType)
            .add("reason", DataTypes.StringType).add("added_by", DataTypes.StringType)
            .add("added_at", DataTypes.TimestampType);
    private final SparkSession spark;
    private final String warehouse;

    public OverrideTables(SparkSession spark, String warehouse) {
        this.spark = spark;
        this.warehouse = warehouse;
    }

    /**
     * Adds a pair (replacing the same pair's earlier row).
     *
     * @throws IllegalArgumentException when the pair is in the other table
     */
    public void add(Kind kind, Overrides.Pair pair, String reason, String addedBy) {
        Kind other = kind == Kind.MUST_LINK ? Kind.CANNOT_LINK : Kind.MUST_LINK;
        if (contains(other, pair)) {
            throw new IllegalArgumentException(pair.left() + " / " + pair.right() + " is already a "
                    + other.table + " pair; remove it first");
        }
        var row = spark.createDataFrame(List.of(RowFactory.create(pair.left(), pair.right(), reason, addedBy,
                Timestamp.from(Instant.now()))), SCHEMA);
        String path = Tables.path(warehouse, kind.table);
        if (!DeltaTable.isDeltaTable(spark, path)) {
            row.write().format("delta").options(Tables.properties(kind.table)).save(path);
            return;
        }
        DeltaTable.forPath(spark, path).as("t").merge(row.as("s"), "t.l_key = s.l_key AND t.r_key = s.r_key")
                .whenMatched().updateAll().whenNotMatched().insertAll().execute();
    }

    /** Removes a pair; returns whether it was there. */
    public boolean remove(Kind kind, Overrides.Pair pair) {
        if (!contains(kind, pair)) {
            return false;
        }
        DeltaTable.forPath(spark, Tables.path(warehouse, kind.table))
                .delete(col("l_key").equalTo(pair.left()).and(col("r_key").equalTo(pair.right())));
        return true;
    }

    /**
     * Removes every pair that names one of the given record keys (an erasure), by a MERGE with the keys as its
     * source so no key is written into the transaction log. Returns how many pairs it removed.
     */
    public long removeRecords(Dataset<Row> recordKeys) {
        long removed = 0;
        for (Kind kind : Kind.values()) {
            String path = Tables.path(warehouse, kind.table);
            if (!DeltaTable.isDeltaTable(spark, path)) {
                continue;
            }
            var keys = recordKeys.select(col("record_key").as("k")).distinct();
            var doomed = spark.read().format("delta").load(path).select("l_key", "r_key")
                    .join(keys, col("l_key").equalTo(col("k")).or(col("r_key").equalTo(col("k"))), "left_semi")
                    .distinct().localCheckpoint(true);
            long n = doomed.count();
            if (n > 0) {
                DeltaTable.forPath(spark, path).as("t").merge(doomed.as("s"),
                        "t.l_key = s.l_key AND t.r_key = s.r_key").whenMatched().delete().execute();
                removed += n;
            }
        }
        return removed;
    }

    /** Every row of a table, as {@code l_key, r_key, reason, added_by, added_at}; empty when there is none. */
    public List<Row> list(Kind kind) {
        String path = Tables.path(warehouse, kind.table);
        if (!DeltaTable.isDeltaTable(spark, path)) {
            return List.of();
        }
        return spark.read().format("delta").load(path).select("l_key", "r_key", "reason", "added_by", "added_at")
                .orderBy("l_key", "r_key").collectAsList();
    }

    /** The overrides a run applies. */
    public Overrides read() {
        return new Overrides(pairs(Kind.MUST_LINK), pairs(Kind.CANNOT_LINK));
    }

    private List<Overrides.Pair> pairs(Kind kind) {
        var pairs = new ArrayList<Overrides.Pair>();
        for (Row r : list(kind)) {
            pairs.add(new Overrides.Pair(r.getString(0), r.getString(1)));
        }
        return pairs;
    }

    private boolean contains(Kind kind, Overrides.Pair pair) {
        return list(kind).stream().anyMatch(r -> r.getString(0).equals(pair.left())
                && r.getString(1).equals(pair.right()));
    }
}
