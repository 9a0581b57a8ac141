package io.scv.compare;

import io.scv.config.Comparison;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.*;

/**
 * Value frequencies of the fields whose comparisons ask for term-frequency adjustment, computed from this run's
 * records: frequency = records with the value / records with any value. One aggregation per such field. The
 * average u of exact agreement (the chance two random records share a value, the sum of squared frequencies) is
 * used where the level has no trained u.
 */
public final class TermFrequencies {
    private final Map<String, Table> tables;
    private final Map<String, Double> averageU;

    private record Table(String field, Dataset<Row> frequencies) {
    }

    private TermFrequencies(Map<String, Table> tables, Map<String, Double> averageU) {
        this.tables = tables;
        this.averageU = averageU;
    }

    public static TermFrequencies compute(Dataset<Row> records, List<Comparison> comparisons) {
        var tables = new LinkedHashMap<String, Table>();
        var averageU = new LinkedHashMap<String, Double>();
        for (Comparison c : comparisons) {
            if (!c.termFrequency()) {
                continue;
            }
            records.sparkSession().sparkContext().setJobDescription("score: value frequencies of " + c.field());
            var counts = records.filter(col(c.field()).isNotNull()).groupBy(col(c.field()).as("_tf_value")).count()
                    .cache();
            Row totals = counts.agg(sum("count").cast("double"), sum(col("count").cast("double")
                    .multiply(col("count").cast("double")))).first();
            double n = totals.isNullAt(0) ? 0 : totals.getDouble(0);
            averageU.put(c.name(), n == 0 ? 1.0 : totals.getDouble(1) / (n * n));
            tables.put(c.name(), new Table(c.field(), counts.select(col("_tf_value"),
                    col("count").divide(n == 0 ? 1.0 : n).as(column(c)))));
        }
        return new TermFrequencies(tables, averageU);
    }

    /** The records with one frequency column per adjusted comparison (null where the field is null). */
    public Dataset<Row> annotate(Dataset<Row> records) {
        Dataset<Row> out = records;
        for (Table t : tables.values()) {
            out = out.join(t.frequencies(), out.col(t.field()).equalTo(t.frequencies().col("_tf_value")), "left")
                    .drop("_tf_value");
        }
        return out;
    }

    public double averageU(Comparison c) {
        return averageU.get(c.name());
    }

    /** Name of the frequency column on each record. */
    public static String column(Comparison c) {
        return "_tf_" + c.name();
    }
}
