package io.scv.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.AtomicType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * A 64-bit hash of some columns of a row, to tell whether a row changed between two versions of the same key (the
 * record fingerprints of incremental runs, the diff of a table's upsert). Spark's built-in {@code xxhash64}, which
 * runs in generated code; SHA-256 over the row as JSON cost some 40 s of CPU per 10M rows, most of it the JSON.
 *
 * <p>{@code xxhash64} skips nulls and does not mark where an array ends, so on its own it would not tell
 * {@code ("a", null)} from {@code (null, "a")}, or {@code [a, b], []} from {@code [a], [b]}. Each value is hashed
 * with a marker: whether it is null, or an array's size; a nested value (struct, map, array of structs) is hashed
 * as its JSON. Two versions of one key then hash the same only by chance, 2<sup>-64</sup> a changed row.
 */
public final class RowHash {
    private RowHash() {
    }

    /** The hash of the named columns of {@code schema}, in that order, as a long. */
    public static Column of(StructType schema, List<String> columns) {
        var parts = new ArrayList<Column>();
        for (String name : columns) {
            StructField field = schema.apply(name);
            Column c = col(Ingest.quoted(name));
            if (field.dataType() instanceof AtomicType) {
                parts.add(c);
                parts.add(c.isNull());
            } else if (field.dataType() instanceof ArrayType a && a.elementType() instanceof AtomicType) {
                parts.add(c);
                parts.add(coalesce(size(c), lit(-1)));
            } else {
                parts.add(to_json(c));
                parts.add(c.isNull());
            }
        }
        return xxhash64(parts.toArray(Column[]::new));
    }

    /** The same hash as 16 hexadecimal digits. */
    public static Column hex16(StructType schema, List<String> columns) {
        return lpad(hex(of(schema, columns)), 16, "0");
    }
}
