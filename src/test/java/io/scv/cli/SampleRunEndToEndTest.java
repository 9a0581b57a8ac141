package io.scv.cli;

import io.scv.config.ConfigLoader;
import io.scv.eval.PairwiseEvaluation;
import io.scv.eval.PairwiseMetrics;
import io.scv.ingest.Ingest;
import io.scv.ingest.SourceCounts;
import io.scv.publish.Tables;
import io.scv.testing.SampleWarehouse;
import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The whole job on the committed 2,000-customer sample, measured against the generator's truth. The run is the
 * shared {@link SampleWarehouse}: this class reads it, and the one test that runs the job again does so on a copy.
 */
class SampleRunEndToEndTest {
    private static final List<String> JUNK = List.of("test@test.com", "noemail@none.com", "0000000000", "N/A",
            "unknown", "123456");

    private static Path warehouse;
    private static RunSummary summary;
    private static SparkSession spark;
    private static Dataset<Row> xref;
    private static Dataset<Row> truth;

    @BeforeAll
    static void runTheJobOnTheSample() {
        spark = SparkTestSession.get();
        var sample = SampleWarehouse.get();
        warehouse = sample.folder();
        summary = sample.summary();
        xref = spark.read().format("delta").load(Tables.path(warehouse.toString(), Tables.CUSTOMER_XREF)).cache();
        truth = spark.read().option("header", "true").csv("sample-data/truth.csv").cache();
    }

    @Test
    void pairwiseF1AgainstTheGeneratorsTruthIsAtLeast095() {
        PairwiseMetrics m = PairwiseEvaluation.evaluate(xref, truth);
        assertEquals(0, m.recordsNotInTruth());
        assertEquals(0, m.truthRecordsNotInRun());
        assertTrue(m.f1() >= 0.95, "F1 " + m.f1() + "\n" + m.toText());
        assertTrue(m.precision() >= 0.97, m.toText());
    }

    /**
     * A record's link confidence is the highest probability of its match edges, the ones the cluster rules cut
     * included; a record without one has none.
     */
    @Test
    void linkConfidenceIsTheHighestProbabilityOfTheRecordsMatchEdges() {
        var edges = spark.read().format("delta").load(Tables.path(warehouse.toString(), Tables.MATCH_EVIDENCE))
                .filter(col("decision").isin("match", ScvJob.CUT_DECISION));
        var expected = edges.select(col("l_key").as("record_key"), col("probability"))
                .unionByName(edges.select(col("r_key").as("record_key"), col("probability")))
                .groupBy("record_key").agg(max("probability").as("expected"));
        var compared = xref.join(expected, new String[]{"record_key"}, "left");
        assertTrue(compared.filter(col("expected").isNotNull()).count() > 1_000, "most records have a match edge");
        assertEquals(0, compared.filter(not(col("link_confidence").eqNullSafe(col("expected")))).count());
    }

    @Test
    void noTwoMembersOfASharedHouseholdAreMerged() {
        var hazards = spark.read().option("header", "true").csv("sample-data/truth_hazards.csv")
                .filter(col("kind").equalTo("household"));
        assertTrue(hazards.count() > 50, "the sample has households to test");
        var customerOfEntity = xref.join(truth, new String[]{"source", "source_id"})
                .select("entity_id", "customer_id").distinct();
        long merged = hazards
                .join(customerOfEntity.withColumnRenamed("customer_id", "c1"), "entity_id")
                .join(customerOfEntity.withColumnRenamed("entity_id", "other_entity_id")
                        .withColumnRenamed("customer_id", "c2"), "other_entity_id")
                .filter(col("c1").equalTo(col("c2")))
                .count();
        assertEquals(0, merged);
    }

    @Test
    void junkIdentifiersLinkNothing() {
        var crm = spark.read().option("header", "true").csv("sample-data/crm_contacts.csv")
                .select(lit("crm").as("source"), col("contact_id").as("source_id"), col("email"), col("phone"));
        var erp = spark.read().option("header", "true").csv("sample-data/erp_customers.csv")
                .select(lit("erp").as("source"), col("customer_no").as("source_id"), col("email"), col("phone"));
        var junkValues = crm.unionByName(erp)
                .select(col("source"), col("source_id"), explode(array(col("email"), col("phone"))).as("value"))
                .filter(trim(col("value")).isin(JUNK.toArray()))
                .join(xref, new String[]{"source", "source_id"})
                .join(truth, new String[]{"source", "source_id"});
        assertTrue(junkValues.count() > 10, "the sample carries junk values");
        long customersJoiningPeopleWithTheSameJunk = junkValues
                .groupBy(col("value"), col("customer_id")).agg(countDistinct("entity_id").as("people"))
                .filter(col("people").gt(1)).count();
        assertEquals(0, customersJoiningPeopleWithTheSameJunk);
    }

    @Test
    void countsReconcileAndEveryKeptRecordIsInExactlyOneCustomer() {
        for (SourceCounts c : summary.inputs()) {
            assertEquals(c.read(), c.kept() + c.quarantined(), c.toString());
        }
        long recordsKept = summary.inputs().stream().filter(c -> c.input().equals(Ingest.RECORDS))
                .mapToLong(SourceCounts::kept).sum();
        long webProfiles = xref.filter(col("source").equalTo("web")).count();
        assertEquals(recordsKept + webProfiles, summary.records());
        Row x = xref.agg(count(lit(1)), countDistinct("record_key"), countDistinct("customer_id")).first();
        assertEquals(summary.records(), x.getLong(0));
        assertEquals(summary.records(), x.getLong(1), "no record in two customers");
        var customer = spark.read().format("delta").load(Tables.path(warehouse.toString(), Tables.CUSTOMER));
        assertEquals(x.getLong(2), customer.count());
        assertEquals(summary.customers(), customer.count());
        assertEquals(0, customer.filter(col("record_count").lt(1)).count());
        assertEquals(summary.records(), customer.agg(sum("record_count")).first().getLong(0));
    }

    @Test
    void everyTableIsAReadableDeltaTable() {
        for (String t : List.of(Tables.CUSTOMER, Tables.CUSTOMER_XREF, Tables.MATCH_EVIDENCE, Tables.QUARANTINE,
                Tables.RUN_LOG)) {
            assertNotNull(spark.read().format("delta").load(Tables.path(warehouse.toString(), t)).schema(), t);
        }
        var log = spark.read().format("delta").load(Tables.path(warehouse.toString(), Tables.RUN_LOG))
                .filter(col("status").equalTo("published")).first();
        assertEquals(summary.runId(), log.getAs("run_id"));
        assertEquals(summary.customers(), (long) log.getAs("customers"));
    }

    @Test
    void theRunWritesItsReportBesideTheTablesAndSaysWhere() throws Exception {
        Path reports = warehouse.resolve(io.scv.report.RunReport.FOLDER);
        assertEquals(reports.resolve(summary.runId() + ".html").toString(), summary.report());
        assertTrue(java.nio.file.Files.readString(reports.resolve(io.scv.report.RunReport.LATEST))
                .contains(summary.runId()), "latest.html is this run's report");
    }

    @Test
    void everyBrokenRowOfTheExtractsIsQuarantinedWithItsReason() {
        var reasons = spark.read().format("delta").load(Tables.path(warehouse.toString(), Tables.QUARANTINE))
                .groupBy("source", "input", "reason").count().collectAsList().stream()
                .collect(java.util.stream.Collectors.toMap(
                        r -> r.getString(0) + " " + r.getString(1) + ": " + r.getString(2), r -> r.getLong(3)));
        assertEquals(java.util.Map.of(
                "crm records: malformed row", 2L,
                "erp records: duplicate id within source (first row by content kept)", 2L,
                "erp orders: order for unknown customer in column customer_no", 2L,
                "erp orders: amount is not a number in column amount", 2L,
                "erp orders: unreadable date in column order_date", 2L,
                "web events: malformed event (not JSON)", 2L,
                "web events: event without device_id", 2L), reasons);
        assertEquals(14, summary.quarantined());
    }

    @Test
    void aRunThatDriftsBeyondTheGatesPublishesNothingAndSaysWhichCheckFailed(@TempDir Path dir) throws Exception {
        assertTrue(summary.audit().stream().allMatch(io.scv.publish.Audit.Check::passed), summary.audit().toString());
        assertEquals(4, summary.audit().size(), "the first run has invariants only: " + summary.audit());
        Path copy = SampleWarehouse.get().copyTo(dir.resolve("warehouse"));
        var config = ConfigLoader.load(Path.of("conf/scv.yaml")).withWarehouse(copy.toString());
        // blocking on email alone leaves most of the phone- and name-matched customers apart: far more customers
        var emailOnly = config.blocking().rules().stream().filter(r -> r.name().equals("email")).toList();
        assertEquals(1, emailOnly.size());
        var drifting = config.withBlocking(new io.scv.config.BlockingSettings(config.blocking().maxBlockSize(),
                config.blocking().maxCandidatePairs(), emailOnly));
        var before = versions(copy);

        var e = assertThrows(io.scv.publish.AuditFailed.class, () -> new ScvJob(spark).run(drifting));

        var names = e.failed().stream().map(io.scv.publish.Audit.Check::name).toList();
        assertTrue(names.contains("customer count change"), e.getMessage());
        assertTrue(e.getMessage().matches(".*customer count change \\+\\d+\\.\\d% \\(2,559 -> [\\d,]+\\) beyond ±25\\.0%.*"),
                e.getMessage());
        assertEquals(before, versions(copy), "no table moved except run_log");
        var last = spark.read().format("delta").load(Tables.path(copy.toString(), Tables.RUN_LOG))
                .orderBy(col("finished_at").desc()).first();
        assertEquals("audit_failed", last.getAs("status"));
    }

    /** The Delta version of each published table but run_log. */
    private static java.util.Map<String, Long> versions(Path warehouse) {
        var out = new java.util.TreeMap<String, Long>();
        for (String t : List.of(Tables.CUSTOMER, Tables.CUSTOMER_XREF, Tables.MATCH_EVIDENCE, Tables.QUARANTINE,
                Tables.ID_LINEAGE)) {
            out.put(t, io.delta.tables.DeltaTable.forPath(spark, Tables.path(warehouse.toString(), t)).history(1)
                    .first().getLong(0));
        }
        return out;
    }
}
