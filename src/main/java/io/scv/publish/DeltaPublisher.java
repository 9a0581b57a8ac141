package io.scv.publish;

import io.delta.tables.DeltaTable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.*;

/**
 * Writes a run's tables to Delta Lake under the warehouse, write-audit-publish style: the caller has computed and
 * audited everything; this class commits the tables one after another and {@code run_log} last, whose row records
 * the version of every table the run left. That row is the run's commit marker:
 * <ul>
 *   <li>a run that fails while publishing restores every table it touched to the version it found (a table it
 *   created is removed) and logs a {@code failed} row;</li>
 *   <li>a run that was killed while publishing leaves tables newer than the last {@code run_log} row says; the
 *   next run calls {@link #recoverUnfinishedRun()} first, which restores them (and logs a {@code recovered}
 *   row), before it reads anything.</li>
 * </ul>
 * {@code customer}, {@code customer_xref}, {@code match_evidence} and {@code quarantine} are brought to this run's
 * content with one Delta MERGE each on their key: a row whose values did not change is not rewritten and keeps the
 * {@code run_id} of the run that last changed it, so Change Data Feed (on for every table) carries only real
 * changes and re-running the same input changes no row. {@code id_lineage} and {@code run_log} are appended.
 * Cost: one join of the new rows with the table per MERGE; partitions follow {@code spark.sql.shuffle.partitions}.
 * The only stage that writes tables.
 */
public final class DeltaPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaPublisher.class);
    /**
     * System property for fault-injection tests and drills: {@code fail:<table>} throws right after that table is
     * committed, {@code kill:<table>} halts the JVM there (as a kill -9 would).
     */
    public static final String FAILPOINT_PROPERTY = "scv.failpoint";
    private static final Map<String, List<String>> KEYS = Map.of(
            Tables.CUSTOMER, List.of("customer_id"),
            Tables.CUSTOMER_XREF, List.of("record_key"),
            Tables.MATCH_EVIDENCE, List.of("l_key", "r_key"));
    private final SparkSession spark;
    private final String warehouse;
    private final Consumer<String> afterTable;

    public DeltaPublisher(SparkSession spark, String warehouse) {
        this(spark, warehouse, DeltaPublisher::failpoint);
    }

    /** @param afterTable called with each table's name right after it is committed (tests inject faults here) */
    public DeltaPublisher(SparkSession spark, String warehouse, Consumer<String> afterTable) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.afterTable = afterTable;
    }

    /** Commits the run's tables; on failure restores every table to the version it had before, and rethrows. */
    public PublishResult publish(PublishInput in) {
        Map<String, Long> before = versions();
        try {
            var changed = new LinkedHashMap<String, Long>();
            changed.put(Tables.CUSTOMER, upsert(Tables.CUSTOMER, in.customer(), in.runId()));
            changed.put(Tables.CUSTOMER_XREF, upsert(Tables.CUSTOMER_XREF, in.customerXref(), in.runId()));
            changed.put(Tables.MATCH_EVIDENCE, upsert(Tables.MATCH_EVIDENCE, in.matchEvidence(), in.runId()));
            changed.put(Tables.QUARANTINE, replaceQuarantine(in.quarantine(), in.runId()));
            changed.put(Tables.ID_LINEAGE, appendLineage(in));
            Map<String, Long> after = versions();
            appendRunLog(in.runLog(), after);
            LOG.info("publish: committed run {}; rows changed per table {}", in.runId(), changed);
            return new PublishResult(after, changed);
        } catch (RuntimeException e) {
            LOG.error("publish failed ({}); restoring the tables to their versions before this run", e.toString());
            restore(before);
            markRestored(in.runId(), "failed");
            throw e;
        }
    }

    /**
     * Undoes the partial publish of a run that was killed: every run table newer than the versions the last
     * {@code run_log} row records is restored to that version (a table the last finished run did not have is
     * removed). Returns the tables it restored; none when the last run finished.
     */
    public List<String> recoverUnfinishedRun() {
        Map<String, Long> committed = lastCommittedVersions();
        if (committed == null) {
            return List.of();
        }
        Map<String, Long> now = versions();
        var target = new LinkedHashMap<String, Long>();
        for (String table : Tables.RUN_TABLES) {
            if (table.equals(Tables.RUN_LOG)) {
                continue; // the marker itself: its last row is the last finished run
            }
            long recorded = committed.getOrDefault(table, -1L);
            if (now.get(table) > recorded) {
                target.put(table, recorded);
            }
        }
        if (!target.isEmpty()) {
            LOG.warn("publish: the last run did not finish publishing; restoring {} to the last finished run's "
                    + "versions", target);
            restore(target);
            markRestored("recovery-" + System.currentTimeMillis(), "recovered");
        }
        return List.copyOf(target.keySet());
    }

    /** Current version of every run table; -1 for a table that does not exist. */
    public Map<String, Long> versions() {
        var versions = new LinkedHashMap<String, Long>();
        for (String table : Tables.RUN_TABLES) {
            versions.put(table, version(Tables.path(warehouse, table)));
        }
        return versions;
    }

    /**
     * The versions recorded by the last run that finished publishing: empty when no run ever finished (every run
     * table left is a partial first run's), null when the last row predates version recording (nothing to check).
     */
    private Map<String, Long> lastCommittedVersions() {
        String runLog = Tables.path(warehouse, Tables.RUN_LOG);
        if (version(runLog) < 0) {
            return Map.of();
        }
        var log = spark.read().format("delta").load(runLog);
        if (!Arrays.asList(log.columns()).contains("table_versions")) {
            return null;
        }
        var last = log.orderBy(col("finished_at").desc()).select("table_versions").limit(1).collectAsList();
        return last.isEmpty() || last.get(0).isNullAt(0) ? null : last.get(0).getJavaMap(0);
    }

    /**
     * A restore commits new table versions with the old content; a {@code run_log} row with those versions marks
     * them as the state of the last finished run, so the next recovery does not restore them again.
     */
    private void markRestored(String runId, String status) {
        var schema = new StructType().add("run_id", DataTypes.StringType)
                .add("finished_at", DataTypes.TimestampType).add("status", DataTypes.StringType);
        var row = new GenericRowWithSchema(new Object[]{runId, Timestamp.from(Instant.now()), status}, schema);
        appendRunLog(row, versions());
    }

    private void restore(Map<String, Long> versions) {
        for (var e : versions.entrySet()) {
            String path = Tables.path(warehouse, e.getKey());
            long current = version(path);
            if (current == e.getValue()) {
                continue;
            }
            if (e.getValue() < 0) {
                delete(path);
                LOG.warn("publish: removed {}, which the last finished run did not have", e.getKey());
            } else {
                DeltaTable.forPath(spark, path).restoreToVersion(e.getValue());
                LOG.warn("publish: restored {} from version {} to {}", e.getKey(), current, e.getValue());
            }
        }
    }

    /**
     * Brings a keyed table to the given rows: inserts new keys, updates rows whose values changed, deletes keys
     * that are gone. Returns how many rows it inserted, updated or deleted.
     */
    private long upsert(String table, Dataset<Row> rows, String runId) {
        var source = rows.withColumn("run_id", lit(runId));
        String path = Tables.path(warehouse, table);
        spark.sparkContext().setJobDescription("publish: " + table);
        if (version(path) < 0) {
            return create(table, source);
        }
        var target = DeltaTable.forPath(spark, path);
        var existing = Arrays.asList(target.toDF().columns());
        Column changed = not(Arrays.stream(source.columns())
                .filter(c -> !c.equals("run_id") && existing.contains(c))
                .map(c -> col("t." + c).eqNullSafe(col("s." + c)))
                .reduce(lit(true), Column::and));
        String on = KEYS.get(table).stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
        var metrics = target.as("t").merge(source.as("s"), on)
                .whenMatched(changed).updateAll()
                .whenNotMatched().insertAll()
                .whenNotMatchedBySource().delete()
                .withSchemaEvolution()
                .execute().first();
        long rowsChanged = metrics.getLong(0);
        committed(table, rowsChanged);
        return rowsChanged;
    }

    /**
     * The quarantine holds the rows the latest run rejected. A row rejected again keeps the run id of the run that
     * first rejected it; time travel and the change feed give earlier nights'.
     */
    private long replaceQuarantine(Dataset<Row> rows, String runId) {
        String path = Tables.path(warehouse, Tables.QUARANTINE);
        var source = rows.withColumn("run_id", lit(runId));
        spark.sparkContext().setJobDescription("publish: " + Tables.QUARANTINE);
        if (version(path) < 0) {
            return create(Tables.QUARANTINE, source);
        }
        var target = DeltaTable.forPath(spark, path);
        Column sameRow = Arrays.stream(rows.columns()).map(c -> col("t." + c).eqNullSafe(col("s." + c)))
                .reduce(lit(true), Column::and);
        var metrics = target.as("t").merge(source.as("s"), sameRow)
                .whenNotMatched().insertAll()
                .whenNotMatchedBySource().delete()
                .withSchemaEvolution()
                .execute().first();
        long rowsChanged = metrics.getLong(0);
        committed(Tables.QUARANTINE, rowsChanged);
        return rowsChanged;
    }

    private long appendLineage(PublishInput in) {
        var events = in.idLineage().withColumn("run_id", lit(in.runId()))
                .withColumn("event_time", lit(java.sql.Timestamp.from(in.startedAt())))
                .select("run_id", "event_time", "event", "customer_id", "related_id", "records");
        spark.sparkContext().setJobDescription("publish: " + Tables.ID_LINEAGE);
        String path = Tables.path(warehouse, Tables.ID_LINEAGE);
        long count = events.count();
        if (version(path) < 0) {
            return create(Tables.ID_LINEAGE, events);
        }
        if (count > 0) {
            events.write().format("delta").mode("append").save(path);
        }
        committed(Tables.ID_LINEAGE, count);
        return count;
    }

    private void appendRunLog(Row runLog, Map<String, Long> versions) {
        var row = spark.createDataFrame(List.of(runLog), runLog.schema());
        var pairs = new ArrayList<Column>();
        versions.forEach((table, version) -> {
            if (table.equals(Tables.RUN_LOG)) {
                return;
            }
            pairs.add(lit(table));
            pairs.add(lit(version));
        });
        String path = Tables.path(warehouse, Tables.RUN_LOG);
        spark.sparkContext().setJobDescription("publish: " + Tables.RUN_LOG);
        row.withColumn("table_versions", map(pairs.toArray(Column[]::new)))
                .write().format("delta").mode("append").option("mergeSchema", "true")
                .option("delta.enableChangeDataFeed", "true").save(path);
        committed(Tables.RUN_LOG, 1);
    }

    private long create(String table, Dataset<Row> rows) {
        rows.write().format("delta").mode("errorifexists").option("delta.enableChangeDataFeed", "true")
                .save(Tables.path(warehouse, table));
        long count = spark.read().format("delta").load(Tables.path(warehouse, table)).count();
        committed(table, count);
        return count;
    }

    private void committed(String table, long rows) {
        LOG.info("publish: {} committed, {} rows changed", table, rows);
        afterTable.accept(table);
    }

    private long version(String path) {
        if (!DeltaTable.isDeltaTable(spark, path)) {
            return -1;
        }
        return DeltaTable.forPath(spark, path).history(1).select("version").first().getLong(0);
    }

    private void delete(String path) {
        try {
            var p = new Path(path);
            p.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + path, e);
        }
    }

    private static void failpoint(String table) {
        String point = System.getProperty(FAILPOINT_PROPERTY, "");
        if (point.equals("fail:" + table)) {
            throw new IllegalStateException("failpoint " + point + " reached (" + FAILPOINT_PROPERTY + ")");
        }
        if (point.equals("kill:" + table)) {
            LOG.error("failpoint {} reached: halting the JVM as a kill would", point);
            Runtime.getRuntime().halt(137);
        }
    }
}
