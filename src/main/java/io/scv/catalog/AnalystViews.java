package io.scv.catalog;

import io.scv.publish.Tables;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The views analysts start from, each a plain SQL file under {@code src/main/resources/catalog/views/} (the
 * notebooks' PySpark path reads the same files): which the question is, which tables it needs. A view whose tables
 * are not in the warehouse is left out rather than created broken.
 */
final class AnalystViews {
    /** View name → the tables it reads. Order matters only for reading: no view reads another. */
    static final Map<String, List<String>> VIEWS = views();
    /** Placeholder in {@code customer_changes.sql}: the first version whose change feed is still whole. */
    static final String FIRST_CHANGE_VERSION = "${first_change_version}";
    /**
     * Delta's {@code table_changes} is a session function, which a catalogue view may not use; this one view is a
     * global temporary view, seen by every session of the application (the SQL server's connections too).
     */
    static final String CHANGES_VIEW = "customer_changes";
    private static final String GLOBAL_TEMP = "global_temp";
    private static final Logger LOG = LoggerFactory.getLogger(AnalystViews.class);

    private AnalystViews() {
    }

    private static Map<String, List<String>> views() {
        var views = new LinkedHashMap<String, List<String>>();
        views.put("source_overlap", List.of(Tables.CUSTOMER));
        views.put("customer_360", List.of(Tables.CUSTOMER, Tables.CUSTOMER_XREF));
        views.put("marketing_audience", List.of(Tables.CUSTOMER));
        views.put("customer_changes", List.of(Tables.CUSTOMER));
        return views;
    }

    static List<String> create(SparkSession spark, String database, List<String> registeredTables) {
        var created = new ArrayList<String>();
        VIEWS.forEach((view, needs) -> {
            boolean temporary = view.equals(CHANGES_VIEW);
            String name = (temporary ? GLOBAL_TEMP : database) + "." + view;
            spark.sql("DROP VIEW IF EXISTS " + name);
            if (needs.stream().allMatch(t -> registeredTables.contains(database + "." + t))) {
                String body = Catalogue.resource("/catalog/views/" + view + ".sql");
                if (body.contains(FIRST_CHANGE_VERSION)) {   // reads the table's history: only where it is used
                    body = body.replace(FIRST_CHANGE_VERSION, String.valueOf(firstChangeVersion(spark, database)));
                }
                try {
                    spark.sql("CREATE " + (temporary ? "GLOBAL TEMPORARY VIEW " + view : "VIEW " + name) + " AS\n"
                            + withoutComments(body));
                    created.add(name);
                } catch (Exception e) {
                    if (!(e instanceof AnalysisException analysis)) {
                        throw e;
                    }
                    // A config without, say, consent fields publishes no consent columns: the view does not apply.
                    LOG.warn("catalogue: view {} left out: {}", name, analysis.getSimpleMessage());
                }
            }
        });
        return created;
    }

    /**
     * The change feed of versions before the last VACUUM may point at deleted files (and, after {@code scv forget},
     * would hold erased people's values), so {@code customer_changes} starts at the first version after it.
     */
    static long firstChangeVersion(SparkSession spark, String database) {
        long first = 0;
        long latest = 0;
        for (Row row : spark.sql("DESCRIBE HISTORY " + database + "." + Tables.CUSTOMER)
                .select("version", "operation").collectAsList()) {
            latest = Math.max(latest, row.getLong(0));
            if (row.getString(1).startsWith("VACUUM")) {
                first = Math.max(first, row.getLong(0) + 1);
            }
        }
        return Math.min(first, latest);
    }

    /** Line comments are documentation for people reading the files; Spark's view text need not keep them. */
    private static String withoutComments(String sql) {
        return sql.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, l) -> a + l + "\n").strip();
    }
}
