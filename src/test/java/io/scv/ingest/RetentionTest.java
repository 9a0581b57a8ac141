package io.scv.ingest;

import io.scv.cli.RunSummary;
import io.scv.config.ConfigException;
import io.scv.config.ConfigLoader;
import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A source's {@code retention_days}: records whose last activity is older drop out of the run, are counted as
 * expired (not quarantined), and read = kept + quarantined + expired still holds. Every age is measured from one
 * fixed reference time, 2025-06-30T12:00:00Z.
 */
class RetentionTest {
    private static final Instant REFERENCE = Instant.parse("2025-06-30T12:00:00Z");

    @TempDir
    static Path dir;
    private static IngestResult result;

    @BeforeAll
    static void ingestSourcesWithRetention() throws IOException {
        // ages at the reference time: a 10 days, b 400 days (written day first, as updated_at may be), c unknown;
        // the row without an id is quarantined whatever its age
        Files.writeString(dir.resolve("crm.csv"), """
                id,name,updated
                a,Ann,2025-06-20T09:30:00Z
                b,Bob,26/05/2024
                c,Cy,
                ,NoId,2025-06-01
                """);
        // 365 days before the reference is the cut-off: exactly 365 days old stays, a second older goes
        Files.writeString(dir.resolve("edge.csv"), """
                id,name,updated
                on_the_day,Ed,2024-06-30T12:00:00Z
                a_second_before,Eve,2024-06-30T11:59:59Z
                """);
        // every customer was created in 2019 (ERP maps created_at to updated_at); orders say who is still active
        Files.writeString(dir.resolve("erp.csv"), """
                customer_no,name,created_at
                e1,Recent Buyer,2019-03-01
                e2,Lapsed Buyer,2019-03-01
                e3,Never Bought,2019-03-01
                """);
        Files.writeString(dir.resolve("orders.csv"), """
                order_id,customer_no,order_date,amount
                o1,e1,2018-01-01,10.00
                o2,e1,2025-05-01,20.00
                o3,e2,2023-01-10,5.00
                o4,zz,2025-05-01,1.00
                """);
        // updated_at says recently touched (a bulk re-import), the named column says when we last heard of them
        Files.writeString(dir.resolve("mkt.csv"), """
                id,name,updated,last_contact
                m1,Mo,2025-06-29,2020-01-01
                m2,Mia,2025-06-29,2025-06-01
                """);
        // d1 was seen last month, d2 not since 2023, d3's times are unreadable
        Files.writeString(dir.resolve("events.jsonl"), """
                {"device":"d1","ts":"2022-01-01T10:00:00Z","s":"s1","type":"page_view"}
                {"device":"d1","ts":"2025-06-01T10:00:00Z","s":"s2","type":"page_view"}
                {"device":"d2","ts":"2023-01-01T10:00:00Z","s":"s3","type":"page_view"}
                {"device":"d2","ts":"2023-01-01T10:05:00Z","s":"s3","type":"page_view"}
                {"device":"d3","ts":"yesterday-ish","s":"s4","type":"page_view"}
                """);
        Files.writeString(dir.resolve("scv.yaml"), """
                sources:
                  - name: crm
                    path: crm.csv
                    id_column: id
                    retention_days: 365
                    columns: {first_name: name, updated_at: updated}
                  - name: edge
                    path: edge.csv
                    id_column: id
                    retention_days: 365
                    columns: {first_name: name, updated_at: updated}
                  - name: erp
                    kind: erp
                    path: erp.csv
                    id_column: customer_no
                    retention_days: 365
                    columns: {full_name: name, updated_at: created_at}
                    orders: {path: orders.csv, id_column: order_id, customer_column: customer_no,
                             date_column: order_date, amount_column: amount}
                  - name: mkt
                    path: mkt.csv
                    id_column: id
                    retention_days: 365
                    retention_column: last_contact
                    columns: {first_name: name, updated_at: updated}
                  - name: web
                    kind: clickstream
                    path: events.jsonl
                    id_column: device
                    retention_days: 365
                    events: {timestamp_column: ts, session_column: s, event_type_column: type}
                blocking:
                  rules: [{name: first, keys: [first_name]}]
                comparisons:
                  - {name: first, field: first_name, levels: [{method: exact, weight: 10}]}
                """);
        result = new Ingest(SparkTestSession.get()).run(ConfigLoader.load(dir.resolve("scv.yaml")), REFERENCE);
    }

    private static SourceCounts counts(String source, String input) {
        return result.counts().stream().filter(c -> c.source().equals(source) && c.input().equals(input))
                .findFirst().orElseThrow();
    }

    private static List<String> keptIds(String source) {
        return result.records().filter(col("source").equalTo(source)).select("source_id").orderBy("source_id")
                .collectAsList().stream().map(r -> r.getString(0)).toList();
    }

    @Test
    void aRecordOlderThanTheRetentionPeriodExpiresAndOneWithoutATimestampIsKeptAndCountedApart() {
        var crm = counts("crm", Ingest.RECORDS);
        assertEquals(new SourceCounts("crm", "records", 4, 2, 1, 1, 1), crm,
                "read 4 = kept 2 (a, 10 days; c, no timestamp) + quarantined 1 (no id) + expired 1 (b, 400 days);"
                        + " c is the one of unknown age");
        assertEquals(List.of("a", "c"), keptIds("crm"));
    }

    @Test
    void anExpiredRecordIsNotQuarantined() {
        assertEquals(Map.of("missing id in column id", 1L), result.quarantine()
                .filter(col("source").equalTo("crm")).collectAsList().stream()
                .collect(java.util.stream.Collectors.groupingBy(r -> r.getString(r.fieldIndex("reason")),
                        java.util.stream.Collectors.counting())));
        assertEquals(0, result.quarantine().filter(col("raw").contains("Bob")).count(),
                "quarantine would keep the expired record's data");
    }

    @Test
    void aRecordExactlyAtTheRetentionPeriodStaysAndOneASecondOlderGoes() {
        assertEquals(List.of("on_the_day"), keptIds("edge"));
        assertEquals(1, counts("edge", Ingest.RECORDS).expired());
    }

    @Test
    void anErpCustomerCreatedLongAgoWithARecentOrderStaysAndKeepsItsWholeOrderHistory() {
        assertEquals(List.of("e1"), keptIds("erp"), "e2's last order is 2023-01-10, e3 never ordered");
        Row e1 = result.records().filter(col("record_key").equalTo("erp:e1")).first();
        assertEquals(2L, (long) e1.getAs("order_count"), "the 2018 order of an active customer is kept");
        assertEquals("2025-05-01", e1.getAs("last_order_at").toString());
        assertEquals(new SourceCounts("erp", "records", 3, 1, 0, 2, 0), counts("erp", Ingest.RECORDS));
        assertEquals(new SourceCounts("erp", "orders", 4, 2, 1, 1, 0), counts("erp", Ingest.ORDERS),
                "o1, o2 kept with e1; o4 (unknown customer) quarantined; o3 expired with its customer e2");
    }

    @Test
    void aRetentionColumnIsReadInsteadOfUpdatedAt() {
        assertEquals(List.of("m2"), keptIds("mkt"), "m1 was updated yesterday but last contacted in 2020");
    }

    @Test
    void aDeviceExpiresWithAllItsEventsWhenItsLastEventIsOlderThanTheRetentionPeriod() {
        assertEquals(List.of("d1", "d3"), keptIds("web"));
        assertEquals(new SourceCounts("web", "events", 5, 3, 0, 2, 1), counts("web", Ingest.EVENTS),
                "d1's two events kept (its 2022 event too), d2's two expired, d3's one event of unknown age kept");
    }

    @Test
    void everyInputStillReconciles() {
        for (SourceCounts c : result.counts()) {
            assertEquals(c.read(), c.kept() + c.quarantined() + c.expired(), c.toString());
        }
        assertEquals(result.quarantined(), result.quarantine().count());
    }

    @Test
    void theRunSummaryShowsExpiredRowsBesideQuarantinedOnes() {
        var summary = new RunSummary("r1", "wh", List.of(new SourceCounts("crm", "records", 4, 2, 1, 1, 1)), 2, 0, 0,
                List.of(), List.of(), 0, 0, 2, 1, 2, List.of(), Map.of(), List.of(), Map.of(), 1.0);
        String text = summary.toText();
        assertTrue(text.contains("quarantined    expired  age unknown"), text);
        assertTrue(text.matches("(?s).*crm records +4 +2 +1 +1 +1\n.*"), text);
        assertEquals(1, summary.expired());
    }

    // --- configuration ------------------------------------------------------------------------------------------

    private static String configWith(String retention) throws IOException {
        Files.writeString(dir.resolve("plain.csv"), "id,name,updated\n1,Ann,2025-01-01\n");
        Path file = dir.resolve("retention-" + Math.abs(retention.hashCode()) + ".yaml");
        Files.writeString(file, """
                sources:
                  - name: crm
                    path: plain.csv
                    id_column: id
                    columns: {first_name: name, updated_at: updated}
                  - name: crm2
                    path: plain.csv
                    id_column: id
                    columns: {first_name: name}
                %s
                blocking:
                  rules: [{name: first, keys: [first_name]}]
                comparisons:
                  - {name: first, field: first_name, levels: [{method: exact, weight: 10}]}
                """.formatted(retention.indent(4).stripTrailing()));
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file)).getMessage();
    }

    @Test
    void retentionDaysMustBeAWholeNumberOfDaysFromOne() throws IOException {
        assertTrue(configWith("retention_days: 0").contains(
                "sources[1].retention_days: must be a whole number of days ≥ 1, was: 0"));
        assertTrue(configWith("retention_days: -3").contains(
                "sources[1].retention_days: must be a whole number of days ≥ 1, was: -3"));
        assertTrue(configWith("retention_days: a year").contains(
                "sources[1].retention_days: must be a whole number of days ≥ 1, was: \"a year\""));
        assertTrue(configWith("retention_days: 1.5").contains(
                "sources[1].retention_days: must be a whole number of days ≥ 1, was: 1.5"));
        assertTrue(configWith("retention_days: 100000").contains(
                "sources[1].retention_days: must be at most 36500 days (100 years), was: 100000"));
    }

    @Test
    void aRetentionColumnMustExistInTheFile() throws IOException {
        String msg = configWith("retention_days: 30\nretention_column: last_contact");
        assertTrue(msg.contains("sources[1].retention_column: column 'last_contact' not found in plain.csv"), msg);
    }

    @Test
    void aRetentionColumnWithoutRetentionDaysIsAMistake() throws IOException {
        String msg = configWith("retention_column: updated");
        assertTrue(msg.contains("sources[1].retention_column: is used only with retention_days"), msg);
    }

    @Test
    void aRecordSourceWithRetentionNeedsATimestampToTellAgeBy() throws IOException {
        String msg = configWith("retention_days: 30");
        assertTrue(msg.contains("sources[1].retention_days: needs a timestamp to tell a record's age: map "
                + "updated_at in columns, or name a column in retention_column"), msg);
    }
}
