package io.scv.publish;

import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

class DeltaPublisherTest {
    @TempDir
    Path warehouse;

    /** Stands for a kill -9: an Error the publisher does not catch, so nothing after the fault point runs. */
    private static final class SimulatedKill extends Error {
        SimulatedKill(String table) {
            super("killed after " + table);
        }
    }

    private static PublishInput run(String runId, String customers) {
        var spark = SparkTestSession.get();
        var runLog = new GenericRowWithSchema(new Object[]{runId, Timestamp.from(Instant.now()), "published", 1L},
                new StructType().add("run_id", DataTypes.StringType).add("finished_at", DataTypes.TimestampType)
                        .add("status", DataTypes.StringType).add("customers", DataTypes.LongType));
        return new PublishInput(runId, Instant.parse("2026-01-31T02:00:00Z"),
                spark.sql("select * from values " + customers + " as t(customer_id, full_name)"),
                spark.sql("select 'crm' as source, '1' as source_id, 'crm:1' as record_key, 'scv-1' as customer_id"),
                spark.sql("select 'crm:1' as l_key, 'erp:1' as r_key, 0.99d as probability"),
                spark.sql("select 'crm' as source, cast(null as string) as source_id, 'records' as input, "
                        + "'malformed row' as reason, 'x,\"y' as raw"),
                spark.sql("select 'created' as event, 'scv-1' as customer_id, cast(null as string) as related_id, "
                        + "1L as records"),
                spark.sql("select 'crm:1' as record_key, 'f00d' as match_hash"), java.util.Set.of("email:beef"),
                runLog);
    }

    private DeltaPublisher publisher(Consumer<String> afterTable) {
        return new DeltaPublisher(SparkTestSession.get(), warehouse.toString(), afterTable);
    }

    private DeltaPublisher publisher() {
        return publisher(table -> { });
    }

    private Dataset<Row> read(String table) {
        return SparkTestSession.get().read().format("delta").load(Tables.path(warehouse.toString(), table));
    }

    private List<String> customers() {
        return read(Tables.CUSTOMER).orderBy("customer_id").collectAsList().stream()
                .map(r -> r.getAs("customer_id") + "/" + r.getAs("full_name") + "/" + r.getAs("run_id")).toList();
    }

    @Test
    void aRunRewritesOnlyTheRowsThatChanged() {
        publisher().publish(run("run-1", "('scv-1', 'Ann Lee'), ('scv-2', 'Bo Ng'), ('scv-3', 'Cy Old')"));
        publisher().publish(run("run-2", "('scv-1', 'Ann Lee'), ('scv-2', 'Bo Ng-Lee'), ('scv-4', 'Di New')"));

        assertEquals(List.of("scv-1/Ann Lee/run-1", "scv-2/Bo Ng-Lee/run-2", "scv-4/Di New/run-2"), customers(),
                "an unchanged row keeps the run id of the run that wrote it");
        var changes = SparkTestSession.get().read().format("delta").option("readChangeFeed", "true")
                .option("startingVersion", 1).load(Tables.path(warehouse.toString(), Tables.CUSTOMER))
                .selectExpr("concat(customer_id, ':', _change_type)").collectAsList().stream()
                .map(r -> r.getString(0)).sorted().toList();
        assertEquals(List.of("scv-2:update_postimage", "scv-2:update_preimage", "scv-3:delete", "scv-4:insert"),
                changes, "the change feed carries exactly what changed");
        assertEquals(2, read(Tables.RUN_LOG).count());
        assertEquals(1, read(Tables.QUARANTINE).count(), "the quarantine holds the latest run's rejected rows");
        assertEquals(2, read(Tables.ID_LINEAGE).count());
    }

    @Test
    void newTablesAndAppendsReportTheRowsTheyGotWithOrWithoutDeltasCommitMetrics() {
        var spark = SparkTestSession.get();
        var first = publisher().publish(run("run-1", "('scv-1', 'Ann Lee'), ('scv-2', 'Bo Ng')"));
        assertEquals(Map.of(Tables.CUSTOMER, 2L, Tables.CUSTOMER_XREF, 1L, Tables.MATCH_EVIDENCE, 1L,
                Tables.QUARANTINE, 1L, Tables.ID_LINEAGE, 1L, Tables.STATE_RECORDS, 1L, Tables.STATE_HOT_KEYS, 1L),
                first.rowsChanged());
        String metrics = "spark.databricks.delta.history.metricsEnabled";
        spark.conf().set(metrics, "false");
        try {
            var other = new DeltaPublisher(spark, warehouse.resolve("other").toString(), table -> { });
            var created = other.publish(run("run-1", "('scv-1', 'Ann Lee'), ('scv-2', 'Bo Ng'), ('scv-3', 'Cy')"));
            assertEquals(3L, created.rowsChanged().get(Tables.CUSTOMER), "counted when Delta keeps no metrics");
            assertEquals(1L, created.rowsChanged().get(Tables.QUARANTINE));
            var appended = other.publish(run("run-2", "('scv-1', 'Ann Lee')"));
            assertEquals(1L, appended.rowsChanged().get(Tables.ID_LINEAGE), "the lineage append's own rows");
        } finally {
            spark.conf().unset(metrics);
        }
    }

    @Test
    void publishingTheSameContentAgainCommitsNothing() {
        var first = publisher().publish(run("run-1", "('scv-1', 'Ann Lee')"));
        var again = publisher().publish(run("run-2", "('scv-1', 'Ann Lee')"));

        assertEquals(List.of("scv-1/Ann Lee/run-1"), customers());
        for (String table : List.of(Tables.CUSTOMER, Tables.CUSTOMER_XREF, Tables.MATCH_EVIDENCE, Tables.QUARANTINE,
                Tables.STATE_RECORDS, Tables.STATE_HOT_KEYS)) {
            assertEquals(0L, again.rowsChanged().get(table), table);
            assertEquals(first.versions().get(table), again.versions().get(table), table + ": no new version");
        }
        assertEquals(2, read(Tables.RUN_LOG).count(), "the run itself is logged");
    }

    @Test
    void aFailureWhilePublishingLeavesEveryTableAtItsPreviousVersion() {
        publisher().publish(run("run-1", "('scv-1', 'Ann Lee'), ('scv-2', 'Bo Ng')"));
        var before = publisher().versions();

        var failing = publisher(table -> {
            if (table.equals(Tables.MATCH_EVIDENCE)) {
                throw new IllegalStateException("disk full");
            }
        });
        var e = assertThrows(IllegalStateException.class, () -> failing.publish(run("run-2", "('scv-9', 'Zed')")));
        assertEquals("disk full", e.getMessage());

        assertEquals(List.of("scv-1/Ann Lee/run-1", "scv-2/Bo Ng/run-1"), customers());
        var after = publisher().versions();
        for (String table : Tables.RUN_TABLES) {
            assertTrue(after.get(table) >= before.get(table), table);
            assertEquals(read(Tables.CUSTOMER).count(), 2);
        }
        assertEquals(List.of("published", "failed"), read(Tables.RUN_LOG).orderBy("finished_at")
                .select("status").collectAsList().stream().map(r -> r.getString(0)).toList(),
                "the failed run is logged as failed");
        publisher().publish(run("run-3", "('scv-1', 'Ann Lee')"));
        assertEquals(List.of("scv-1/Ann Lee/run-1"), customers(), "the next run completes normally");
    }

    @Test
    void aRunKilledWhilePublishingIsUndoneBeforeTheNextRun() {
        publisher().publish(run("run-1", "('scv-1', 'Ann Lee'), ('scv-2', 'Bo Ng')"));
        var before = publisher().versions();

        var killed = publisher(table -> {
            if (table.equals(Tables.CUSTOMER_XREF)) {
                throw new SimulatedKill(table);
            }
        });
        assertThrows(SimulatedKill.class, () -> killed.publish(run("run-2", "('scv-9', 'Zed')")));
        assertEquals(List.of("scv-9/Zed/run-2"), customers(), "killed half-way: customer was already replaced");

        // the tables are written side by side: which of them the kill found committed is not fixed, so the
        // check is that recovery restores exactly the tables that moved, customer among them
        var afterKill = publisher().versions();
        var moved = Tables.RUN_TABLES.stream()
                .filter(t -> !t.equals(Tables.RUN_LOG) && afterKill.get(t) > before.get(t)).toList();
        assertTrue(moved.contains(Tables.CUSTOMER), "customer changed and was committed: " + moved);
        assertFalse(moved.contains(Tables.CUSTOMER_XREF), "customer_xref had no change to commit: " + moved);
        assertEquals(before.get(Tables.RUN_LOG), afterKill.get(Tables.RUN_LOG), "no commit marker for the run");
        var next = publisher();
        assertEquals(moved, next.recoverUnfinishedRun(), "every table the killed run moved is restored");
        assertEquals(List.of("scv-1/Ann Lee/run-1", "scv-2/Bo Ng/run-1"), customers());
        var version1 = SparkTestSession.get().read().format("delta").option("versionAsOf", before.get(Tables.CUSTOMER))
                .load(Tables.path(warehouse.toString(), Tables.CUSTOMER)).count();
        assertEquals(2, version1);
        assertEquals(List.of(), next.recoverUnfinishedRun(), "nothing left to recover");
        next.publish(run("run-3", "('scv-1', 'Ann Lee')"));
        assertEquals(List.of("scv-1/Ann Lee/run-1"), customers());
    }

    @Test
    void aFirstRunKilledWhilePublishingLeavesNoTablesBehind() {
        var killed = publisher(table -> {
            if (table.equals(Tables.MATCH_EVIDENCE)) {
                throw new SimulatedKill(table);
            }
        });
        assertThrows(SimulatedKill.class, () -> killed.publish(run("run-1", "('scv-1', 'Ann Lee')")));
        assertTrue(Files.isDirectory(warehouse.resolve(Tables.CUSTOMER)));

        publisher().recoverUnfinishedRun();
        for (String table : Tables.RUN_TABLES) {
            if (!table.equals(Tables.RUN_LOG)) {
                assertFalse(Files.exists(warehouse.resolve(table)), table + " was removed");
            }
        }
        assertEquals("recovered", read(Tables.RUN_LOG).select("status").first().getString(0),
                "the run log says what the recovery did");
    }

    @Test
    void everyTableHasTheChangeDataFeedOn() {
        publisher().publish(run("run-1", "('scv-1', 'Ann Lee')"));
        SparkSession spark = SparkTestSession.get();
        for (String table : Tables.RUN_TABLES) {
            var detail = io.delta.tables.DeltaTable.forPath(spark, Tables.path(warehouse.toString(), table)).detail();
            Map<String, String> props = detail.first().getJavaMap(detail.schema().fieldIndex("properties"));
            assertEquals("true", props.get("delta.enableChangeDataFeed"), table);
        }
    }
}
