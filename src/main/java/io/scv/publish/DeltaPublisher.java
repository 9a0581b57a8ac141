package io.scv.publish;

import io.delta.tables.DeltaTable;
import io.scv.config.Concurrently;
import io.scv.ingest.RowHash;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
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
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.*;

/**
 * Writes a run's tables to Delta Lake under the warehouse, write-audit-publish style: the caller has computed and
 * audited everything; this class commits the tables (a few at a time, in no fixed order) and {@code run_log} last,
 * once every other table is committed; its row records the version of every table the run left. That row is the
 * run's commit marker:
 * <ul>
 *   <li>a run that fails while publishing restores every table it touched to the version it found (a table it
 *   created is removed) and logs a {@code failed} row;</li>
 *   <li>a run that was killed while publishing leaves tables newer than the last {@code run_log} row says; the
 *   next run calls {@link #recoverUnfinishedRun()} first, which restores them (and logs a {@code recovered}
 *   row), before it reads anything.</li>
 * </ul>
 * {@code customer}, {@code customer_xref}, {@code match_evidence} and the two state tables incremental runs read
 * are brought to this run's content by key: a hash of each row's values is compared with the table's (one join),
 * and only inserted, changed and deleted rows go into a Delta MERGE; a table with no such row gets no commit. A row
 * whose values did not change keeps the {@code run_id} of the run that last changed it, so Change Data Feed (on
 * for every table) carries only real changes and re-running the same input commits nothing to them. The
 * {@code quarantine} (the latest run's rejected rows) is rewritten only when those rows differ from last time.
 * {@code id_lineage} and {@code run_log} are appended. Partitions follow {@code spark.sql.shuffle.partitions}.
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
            Tables.MATCH_EVIDENCE, List.of("l_key", "r_key"),
            Tables.STATE_RECORDS, List.of("record_key"),
            Tables.STATE_HOT_KEYS, List.of("fingerprint"));
    /** Tables written at a time. */
    private static final int WRITERS = 3;
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
            var writes = new LinkedHashMap<String, Supplier<Long>>();
            writes.put(Tables.CUSTOMER, () -> upsert(Tables.CUSTOMER, in.customer(), in.runId()));
            writes.put(Tables.CUSTOMER_XREF, () -> upsert(Tables.CUSTOMER_XREF, in.customerXref(), in.runId()));
            writes.put(Tables.MATCH_EVIDENCE, () -> upsert(Tables.MATCH_EVIDENCE, in.matchEvidence(), in.runId()));
            writes.put(Tables.QUARANTINE, () -> replaceQuarantine(in.quarantine(), in.runId()));
            writes.put(Tables.ID_LINEAGE, () -> appendLineage(in));
            writes.put(Tables.STATE_RECORDS, () -> upsert(Tables.STATE_RECORDS, in.recordState(), in.runId()));
            writes.put(Tables.STATE_HOT_KEYS, () -> upsert(Tables.STATE_HOT_KEYS, spark.createDataFrame(
                    in.hotKeys().stream().sorted().map(RowFactory::create).toList(),
                    new StructType().add("fingerprint", DataTypes.StringType)), in.runId()));
            // the tables are independent: while one table's driver loads a snapshot or commits, another's tasks
            // use the cores. A failure is thrown only when every write has finished, so the restore below never
            // races a write still in flight.
            var tables = List.copyOf(writes.keySet());
            var rows = Concurrently.map(tables, WRITERS, table -> writes.get(table).get());
            var changed = new LinkedHashMap<String, Long>();
            for (int i = 0; i < tables.size(); i++) {
                changed.put(tables.get(i), rows.get(i));
            }
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

    /**
     * Records the tables' current versions as the last finished state after work outside a run (a purge's VACUUM
     * commits), so the next run's recovery does not take them for a killed run's partial publish.
     */
    public void markMaintenance(String id, String status) {
        markRestored(id, status);
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
     * that are gone, and commits nothing when nothing changed. The difference is found first by comparing a hash
     * of each row's values on both sides (one join on the key); only the changed rows go into the MERGE.
     * Returns how many rows it inserted, updated or deleted.
     */
    private long upsert(String table, Dataset<Row> rows, String runId) {
        String path = Tables.path(warehouse, table);
        spark.sparkContext().setJobDescription("publish: " + table);
        if (version(path) < 0) {
            return create(table, rows.withColumn("run_id", lit(runId)));
        }
        TableProperties.ensure(spark, path, Tables.properties(table));
        var target = DeltaTable.forPath(spark, path);
        var values = List.of(rows.columns());
        if (!Arrays.asList(target.toDF().columns()).containsAll(values)) {
            return replace(table, rows.withColumn("run_id", lit(runId)));
        }
        var keys = KEYS.get(table).stream().map(functions::col).toArray(Column[]::new);
        String[] keyNames = KEYS.get(table).toArray(String[]::new);
        var diff = rows.select(withHash(rows, keys, values, "_new"))
                .join(target.toDF().select(withHash(target.toDF(), keys, values, "_old")), keyNames, "full_outer")
                .filter(not(col("_new").eqNullSafe(col("_old"))))
                .select(col("*"), col("_new").isNull().as("_delete"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long changed = diff.count();
        if (changed > 0) {
            var upserts = rows.join(diff.filter(not(col("_delete"))).select(keys), keyNames, "left_semi")
                    .withColumn("run_id", lit(runId)).withColumn("_delete", lit(false));
            var deletes = diff.filter(col("_delete")).select(keys).withColumn("_delete", lit(true));
            var assign = new LinkedHashMap<String, Column>();
            for (String c : upserts.columns()) {
                if (!c.equals("_delete")) {
                    assign.put(c, col("s." + c));
                }
            }
            String on = KEYS.get(table).stream().map(k -> "t." + k + " = s." + k)
                    .collect(Collectors.joining(" AND "));
            target.as("t").merge(upserts.unionByName(deletes, true).as("s"), on)
                    .whenMatched("s._delete").delete()
                    .whenMatched().update(assign)
                    .whenNotMatched("NOT s._delete").insert(assign)
                    .execute();
        }
        diff.unpersist();
        committed(table, changed);
        return changed;
    }

    /** The key columns and a hash of the value columns of {@code rows}, named {@code name}. */
    private static Column[] withHash(Dataset<Row> rows, Column[] keys, List<String> values, String name) {
        var cols = new ArrayList<>(Arrays.asList(keys));
        cols.add(RowHash.of(rows.schema(), values).as(name));
        return cols.toArray(Column[]::new);
    }

    /**
     * The quarantine holds the rows the latest run rejected; nothing is committed when they are the same rows as
     * last time. A row rejected again keeps the run id of the run that first rejected it; time travel and the
     * change feed give earlier nights'.
     */
    private long replaceQuarantine(Dataset<Row> rows, String runId) {
        String path = Tables.path(warehouse, Tables.QUARANTINE);
        spark.sparkContext().setJobDescription("publish: " + Tables.QUARANTINE);
        if (version(path) < 0) {
            return create(Tables.QUARANTINE, rows.withColumn("run_id", lit(runId)));
        }
        TableProperties.ensure(spark, path, Tables.properties(Tables.QUARANTINE));
        var values = List.of(rows.columns());
        var previous = spark.read().format("delta").load(path);
        if (!Arrays.asList(previous.columns()).containsAll(values)) {
            return replace(Tables.QUARANTINE, rows.withColumn("run_id", lit(runId)));
        }
        var hashed = rows.select(col("*"), withHash(rows, new Column[0], values, "_h")[0]);
        var before = previous.select(withHash(previous, new Column[]{col("run_id")}, values, "_h"));
        long different = hashed.groupBy("_h").count()
                .join(before.groupBy("_h").count().withColumnRenamed("count", "was"), new String[]{"_h"},
                        "full_outer")
                .filter(not(col("count").eqNullSafe(col("was")))).count();
        if (different == 0) {
            committed(Tables.QUARANTINE, 0);
            return 0;
        }
        var firstSeen = before.groupBy("_h").agg(min("run_id").as("first_run_id"));
        var current = hashed.join(firstSeen, new String[]{"_h"}, "left")
                .withColumn("run_id", coalesce(col("first_run_id"), lit(runId))).drop("_h", "first_run_id")
                .localCheckpoint(true);
        return replace(Tables.QUARANTINE, current);
    }

    /** Overwrites a table whole (a schema that changed, or the quarantine). */
    private long replace(String table, Dataset<Row> rows) {
        String path = Tables.path(warehouse, table);
        rows.write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(path);
        long count = rowsWritten(path, () -> tableRows(path));
        committed(table, count);
        return count;
    }

    private long appendLineage(PublishInput in) {
        var events = in.idLineage().withColumn("run_id", lit(in.runId()))
                .withColumn("event_time", lit(Timestamp.from(in.startedAt())))
                .select("run_id", "event_time", "event", "customer_id", "related_id", "records");
        spark.sparkContext().setJobDescription("publish: " + Tables.ID_LINEAGE);
        String path = Tables.path(warehouse, Tables.ID_LINEAGE);
        if (version(path) < 0) {
            return create(Tables.ID_LINEAGE, events);
        }
        long count = 0;
        if (!events.isEmpty()) {
            events.write().format("delta").mode("append").save(path);
            count = rowsWritten(path, events::count);
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
                .options(Tables.properties(Tables.RUN_LOG)).save(path);
        committed(Tables.RUN_LOG, 1);
    }

    private long create(String table, Dataset<Row> rows) {
        String path = Tables.path(warehouse, table);
        rows.write().format("delta").mode("errorifexists").options(Tables.properties(table)).save(path);
        long count = rowsWritten(path, () -> tableRows(path));
        committed(table, count);
        return count;
    }

    /**
     * How many rows the table's latest commit wrote, from the metrics Delta keeps with each commit, so the rows are
     * not computed once to count them and again to write them. Without those metrics
     * ({@code spark.databricks.delta.history.metricsEnabled=false}) {@code withoutMetrics} counts them.
     */
    private long rowsWritten(String path, LongSupplier withoutMetrics) {
        var metrics = DeltaTable.forPath(spark, path).history(1).select("operationMetrics").first();
        Map<String, String> m = metrics.isNullAt(0) ? Map.of() : metrics.getJavaMap(0);
        String rows = m.get("numOutputRows");
        return rows != null ? Long.parseLong(rows) : withoutMetrics.getAsLong();
    }

    /** All rows of a table, as Delta answers it from its file statistics. */
    private long tableRows(String path) {
        return spark.read().format("delta").load(path).count();
    }

    private void committed(String table, long rows) {
        LOG.info("publish: {} committed, {} rows changed", table, rows);
        afterTable.accept(table);
    }

    /**
     * A table's latest version, -1 when there is no table: the highest commit file number in its
     * {@code _delta_log} (the protocol names each commit {@code <version, 20 digits>.json}). One folder listing,
     * where reading the history would be a Spark job per table, several times per run.
     */
    private long version(String path) {
        try {
            var log = new Path(path, "_delta_log");
            var fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(log)) {
                return -1;
            }
            long latest = -1;
            for (var status : fs.listStatus(log)) {
                String name = status.getPath().getName();
                if (name.matches("\\d{20}\\.json")) {
                    latest = Math.max(latest, Long.parseLong(name.substring(0, 20)));
                }
            }
            return latest;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the transaction log of " + path, e);
        }
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
