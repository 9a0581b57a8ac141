package io.scv.eval;

import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Tiny inputs for the evaluation tests, written the way the tests' comments draw them. */
final class EvalFixtures {
    private EvalFixtures() {
    }

    static Dataset<Row> table(String columns, String rows) {
        return SparkTestSession.get().sql("select * from values " + rows + " as t(" + columns + ")");
    }

    /** {@code "a b c | d e | f"}: one row per record key, groups named G1, G2, … in order. */
    static Dataset<Row> groups(String keyColumn, String groupColumn, String groups) {
        var rows = new ArrayList<String>();
        String[] parts = groups.split("\\|");
        for (int g = 0; g < parts.length; g++) {
            for (String key : parts[g].trim().split("\\s+")) {
                rows.add("('" + key + "', 'G" + (g + 1) + "')");
            }
        }
        return table(keyColumn + ", " + groupColumn, String.join(", ", rows));
    }

    static Truth truth(String entities) {
        return Truth.ofMapping(groups("record_key", "entity_id", entities));
    }

    static Dataset<Row> clusters(String clusters) {
        return groups("record_key", "customer_id", clusters);
    }

    static Dataset<Row> recordKeys(String keys) {
        return table("record_key", Arrays.stream(keys.trim().split("\\s+")).map(k -> "('" + k + "')")
                .collect(Collectors.joining(", ")));
    }
}
