package io.scv.cli;

import io.delta.tables.DeltaTable;
import io.scv.publish.Tables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

/**
 * Compares the published tables of two warehouses row for row, for drills that run the same input twice (embedded
 * and on a cluster, or after a kill) and must get the same result: {@code WarehouseComparison LEFT RIGHT [TABLE...]}.
 * <p>
 * Columns that name the run ({@code run_id}, and {@code event_time} of {@code id_lineage}, the run's start) are
 * left out; every other column must be equal. Maps are compared as their sorted entries. Per table one
 * aggregation of both sides by all compared columns (one shuffle; partitions follow
 * {@code spark.sql.shuffle.partitions}), and where rows differ, a join on the table's key counts the differing rows
 * per column. Prints counts and column names only,
 * never values (they hold personal data). Exit code 0 equal, 1 different, 2 usage.
 * <p>
 * Drill tooling, not part of the job: jobs/cluster-drill.sh runs it from target/test-classes.
 */
public final class WarehouseComparison {
    /** The tables a run publishes that carry its result; run_log and the run state describe the run itself. */
    static final List<String> TABLES = List.of(Tables.CUSTOMER, Tables.CUSTOMER_XREF, Tables.MATCH_EVIDENCE,
            Tables.ID_LINEAGE, Tables.QUARANTINE);
    private static final Map<String, Set<String>> RUN_COLUMNS = Map.of(Tables.ID_LINEAGE,
            Set.of("run_id", "event_time"));
    private static final Set<String> RUN_ID = Set.of("run_id");
    /** Keys for counting differences per column; a table without one only gets its differing row counts. */
    private static final Map<String, List<String>> KEYS = Map.of(
            Tables.CUSTOMER, List.of("customer_id"),
            Tables.CUSTOMER_XREF, List.of("record_key"),
            Tables.MATCH_EVIDENCE, List.of("l_key", "r_key"),
            Tables.ID_LINEAGE, List.of("event", "customer_id", "related_id"));

    /**
     * One table's outcome: rows on each side (-1 when a side has no table), rows found on one side only, and the
     * differing rows per column where the table has a key.
     */
    record TableDiff(String table, long leftRows, long rightRows, long onlyLeft, long onlyRight,
                     Map<String, Long> differingColumns, Set<String> leftColumns, Set<String> rightColumns) {
        boolean equal() {
            return leftRows >= 0 && rightRows >= 0 && leftColumns.equals(rightColumns) && onlyLeft == 0
                    && onlyRight == 0;
        }

        String toText() {
            if (leftRows < 0 || rightRows < 0) {
                return String.format(Locale.ROOT, "%-15s DIFFERENT  no Delta table on the %s side", table,
                        leftRows < 0 ? "left" : "right");
            }
            if (!leftColumns.equals(rightColumns)) {
                var onlyLeftColumns = new TreeSet<>(leftColumns);
                onlyLeftColumns.removeAll(rightColumns);
                var onlyRightColumns = new TreeSet<>(rightColumns);
                onlyRightColumns.removeAll(leftColumns);
                return String.format(Locale.ROOT, "%-15s DIFFERENT  columns only left %s, only right %s", table,
                        onlyLeftColumns, onlyRightColumns);
            }
            String text = String.format(Locale.ROOT, "%-15s %-9s  %,d rows / %,d rows", table,
                    equal() ? "equal" : "DIFFERENT", leftRows, rightRows);
            if (!equal()) {
                text += String.format(Locale.ROOT, "; %,d rows only left, %,d only right", onlyLeft, onlyRight);
                if (!differingColumns.isEmpty()) {
                    text += "; rows with the same key differ in " + differingColumns;
                }
            }
            return text;
        }
    }

    private WarehouseComparison() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length < 2 || argv[0].startsWith("-")) {
            System.err.println("usage: WarehouseComparison LEFT-WAREHOUSE RIGHT-WAREHOUSE [TABLE...]\n"
                    + "  compares " + String.join(", ", TABLES) + " (default) row for row, without run ids");
            System.exit(2);
        }
        var tables = argv.length > 2 ? Arrays.asList(argv).subList(2, argv.length) : TABLES;
        boolean equal = true;
        try (SparkSession spark = SparkSessionFactory.create("scv warehouse comparison",
                Map.of("spark.ui.enabled", "false"), 10)) {
            for (String table : tables) {
                var diff = compare(spark, argv[0], argv[1], table);
                System.out.println(diff.toText());
                equal &= diff.equal();
            }
        }
        System.out.println(equal ? "equal: " + String.join(", ", tables) : "DIFFERENT");
        System.exit(equal ? 0 : 1);
    }

    static TableDiff compare(SparkSession spark, String leftWarehouse, String rightWarehouse, String table) {
        var left = read(spark, leftWarehouse, table);
        var right = read(spark, rightWarehouse, table);
        if (left == null || right == null) {
            return new TableDiff(table, left == null ? -1 : left.count(), right == null ? -1 : right.count(), 0, 0,
                    Map.of(), Set.of(), Set.of());
        }
        var leftColumns = new TreeSet<>(Arrays.asList(left.columns()));
        var rightColumns = new TreeSet<>(Arrays.asList(right.columns()));
        if (!leftColumns.equals(rightColumns)) {
            return new TableDiff(table, left.count(), right.count(), 0, 0, Map.of(), leftColumns, rightColumns);
        }
        var ignored = RUN_COLUMNS.getOrDefault(table, RUN_ID);
        var l = comparable(left, ignored);
        var r = comparable(right.select(Arrays.stream(left.columns()).map(c -> col(c)).toArray(Column[]::new)),
                ignored);
        spark.sparkContext().setJobDescription("compare: " + table);
        // Each distinct row with how often each side holds it: one shuffle for the whole comparison.
        var occurrences = l.withColumn("_left", lit(1L)).withColumn("_right", lit(0L))
                .unionByName(r.withColumn("_left", lit(0L)).withColumn("_right", lit(1L)))
                .groupBy(Arrays.stream(l.columns()).map(c -> col(c)).toArray(Column[]::new))
                .agg(sum("_left").as("n_left"), sum("_right").as("n_right"));
        Row totals = occurrences.agg(coalesce(sum("n_left"), lit(0L)), coalesce(sum("n_right"), lit(0L)),
                coalesce(sum(greatest(col("n_left").minus(col("n_right")), lit(0L))), lit(0L)),
                coalesce(sum(greatest(col("n_right").minus(col("n_left")), lit(0L))), lit(0L))).first();
        long onlyLeft = totals.getLong(2);
        long onlyRight = totals.getLong(3);
        Map<String, Long> columns = onlyLeft + onlyRight > 0 && KEYS.containsKey(table)
                ? differingColumns(l, r, KEYS.get(table)) : Map.of();
        return new TableDiff(table, totals.getLong(0), totals.getLong(1), onlyLeft, onlyRight, columns, leftColumns,
                rightColumns);
    }

    private static Dataset<Row> read(SparkSession spark, String warehouse, String table) {
        String path = Tables.path(warehouse, table);
        return DeltaTable.isDeltaTable(spark, path) ? spark.read().format("delta").load(path) : null;
    }

    /** The columns to compare, maps as sorted entry arrays (set operations cannot take maps). */
    private static Dataset<Row> comparable(Dataset<Row> rows, Set<String> ignored) {
        var columns = new ArrayList<Column>();
        for (StructField f : rows.schema().fields()) {
            if (ignored.contains(f.name())) {
                continue;
            }
            Column c = col(f.name());
            if (f.dataType() instanceof MapType) {
                c = array_sort(map_entries(c));
            } else if (containsMap(f.dataType())) {
                c = to_json(c);
            }
            columns.add(c.as(f.name()));
        }
        return rows.select(columns.toArray(Column[]::new));
    }

    private static boolean containsMap(DataType type) {
        return type.json().contains("\"type\":\"map\"");
    }

    /**
     * Per non-key column, how many rows present on both sides under the same key hold different values: one join
     * and one aggregation.
     */
    private static Map<String, Long> differingColumns(Dataset<Row> l, Dataset<Row> r, List<String> key) {
        var joined = l.alias("l").join(r.alias("r"), key.stream().map(k -> col("l." + k).eqNullSafe(col("r." + k)))
                .reduce(Column::and).orElseThrow());
        var compared = Arrays.stream(l.columns()).filter(c -> !key.contains(c)).toList();
        Row sums = joined.agg(count(lit(1)), compared.stream()
                .map(c -> sum(when(not(col("l." + c).eqNullSafe(col("r." + c))), 1).otherwise(0)))
                .toArray(Column[]::new)).first();
        var counts = new TreeMap<String, Long>();
        for (int i = 0; i < compared.size(); i++) {
            long n = sums.isNullAt(i + 1) ? 0 : sums.getLong(i + 1);
            if (n > 0) {
                counts.put(compared.get(i), n);
            }
        }
        return counts;
    }
}
