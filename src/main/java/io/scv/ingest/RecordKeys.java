package io.scv.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.instr;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Joins on record keys. A record key is its source's name, a colon and the source's own id
 * ({@code crm:C000123}), so keys share long prefixes. A sort-merge join sorts both sides by an 8-byte prefix of its
 * first join key, and with these keys nearly every comparison went on to read and compare both rows in full. Here a
 * 64-bit hash of the key is the first join key, so the prefix decides almost every comparison; the key itself stays
 * a join key, so two keys with the same hash never join.
 */
public final class RecordKeys {
    private static final String HASH = "_record_key_hash";

    private RecordKeys() {
    }

    /** The condition {@code left = right} on two record-key columns, for a join on an expression. */
    public static Column equal(Column left, Column right) {
        return xxhash64(left).equalTo(xxhash64(right)).and(left.equalTo(right));
    }

    /**
     * {@code left.join(right, key, joinType)}, the key a record-key column both sides have: the same rows and
     * columns, in the same order.
     */
    public static Dataset<Row> join(Dataset<Row> left, Dataset<Row> right, String key, String joinType) {
        return left.withColumn(HASH, xxhash64(col(key)))
                .join(right.withColumn(HASH, xxhash64(col(key))), new String[]{HASH, key}, joinType)
                .drop(HASH);
    }

    /**
     * How many edges ({@code l_key}, {@code r_key}) join two records that {@code groups} ({@code record_key} and the
     * column {@code group}) puts in different groups; an edge with an end missing from {@code groups} is not counted.
     */
    public static long edgesAcross(Dataset<Row> edges, Dataset<Row> groups, String group) {
        var withLeft = join(edges.select("l_key", "r_key"),
                groups.select(col("record_key").as("l_key"), col(group).as("_l_group")), "l_key");
        return join(withLeft, groups.select(col("record_key").as("r_key"), col(group).as("_r_group")), "r_key")
                .filter(col("_l_group").notEqual(col("_r_group")))
                .count();
    }

    /** The record key of a source's record: {@code source:id}. {@link #source} and {@link #sourceId} read it back. */
    public static Column of(String source, Column id) {
        return concat(lit(source + ":"), id);
    }

    /**
     * The source of a record key: the text before its first colon (source names have none: the config allows
     * letters, digits, '_' and '-'). Reads what the key already holds rather than joining the records for it.
     */
    public static Column source(Column key) {
        return substring_index(key, ":", 1);
    }

    /** The source's own id in a record key: the text after its first colon (an id may hold colons itself). */
    public static Column sourceId(Column key) {
        return key.substr(instr(key, ":").plus(1), length(key));
    }

    /** An inner join: {@code left.join(right, key)}. */
    public static Dataset<Row> join(Dataset<Row> left, Dataset<Row> right, String key) {
        return join(left, right, key, "inner");
    }
}
