package io.scv.publish;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.SparkSession;

import java.util.Map;
import java.util.stream.Collectors;

/** Brings an existing Delta table's properties up to what this version creates tables with (one ALTER, if any). */
final class TableProperties {
    private TableProperties() {
    }

    /** A table's properties as its detail shows them. */
    static Map<String, String> of(SparkSession spark, String path) {
        return DeltaTable.forPath(spark, path).detail().select("properties").first().getJavaMap(0);
    }

    /** Sets the properties the table lacks or has with another value; commits nothing when all are in place. */
    static void ensure(SparkSession spark, String path, Map<String, String> wanted) {
        Map<String, String> current = of(spark, path);
        var missing = wanted.entrySet().stream().filter(e -> !e.getValue().equals(current.get(e.getKey())))
                .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'").collect(Collectors.joining(", "));
        if (!missing.isEmpty()) {
            spark.sql("ALTER TABLE delta.`" + path + "` SET TBLPROPERTIES (" + missing + ")");
        }
    }
}
