package io.scv.ingest;

import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowHashTest {
    private static final SparkSession SPARK = SparkTestSession.get();
    private static final List<String> COLUMNS = List.of("a", "b", "xs", "ys", "s");

    /** One row per SQL select list, hashed over {@link #COLUMNS}. */
    private static List<String> hashes(String... rows) {
        Dataset<Row> all = null;
        for (String row : rows) {
            var one = SPARK.sql("select " + row);
            all = all == null ? one : all.unionByName(one);
        }
        var hashed = all.select(RowHash.hex16(all.schema(), COLUMNS).as("h"));
        return hashed.collectAsList().stream().map(r -> r.getString(0)).toList();
    }

    private static String row(String a, String b, String xs, String ys, String s) {
        return String.join(", ", "cast(" + a + " as string) as a", "cast(" + b + " as string) as b",
                "cast(" + xs + " as array<string>) as xs", "cast(" + ys + " as array<string>) as ys",
                "cast(" + s + " as struct<k:string,v:string>) as s");
    }

    @Test
    void sameValuesHashTheSameAndAreSixteenHexDigits() {
        var h = hashes(row("'x'", "null", "array('p','q')", "array()", "named_struct('k','1','v',null)"),
                row("'x'", "null", "array('p','q')", "array()", "named_struct('k','1','v',null)"));
        assertEquals(h.get(0), h.get(1));
        assertTrue(h.get(0).matches("[0-9A-F]{16}"), h.get(0));
    }

    /** xxhash64 alone skips nulls and array ends: each of these pairs would hash the same without the markers. */
    @Test
    void valuesThatMoveBetweenColumnsChangeTheHash() {
        var h = hashes(
                row("'x'", "null", "null", "null", "null"),
                row("null", "'x'", "null", "null", "null"),
                row("null", "null", "array('p','q')", "array()", "null"),
                row("null", "null", "array('p')", "array('q')", "null"),
                row("null", "null", "null", "array('p','q')", "null"),
                row("null", "null", "array()", "array('p','q')", "null"),
                row("null", "null", "null", "null", "named_struct('k','1','v',null)"),
                row("null", "null", "null", "null", "named_struct('k',null,'v','1')"));
        assertEquals(h.size(), h.stream().distinct().count(), h.toString());
    }

    @Test
    void anyChangedValueChangesTheHash() {
        var h = hashes(row("'x'", "'y'", "array('p')", "null", "null"),
                row("'x'", "'y'", "array('P')", "null", "null"));
        assertNotEquals(h.get(0), h.get(1));
    }
}
