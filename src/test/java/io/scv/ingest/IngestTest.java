package io.scv.ingest;

import io.scv.config.ConfigLoader;
import io.scv.config.ScvConfig;
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
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

class IngestTest {
    @TempDir
    static Path dir;
    private static ScvConfig config;
    private static IngestResult result;

    @BeforeAll
    static void ingestSmallExtracts() throws IOException {
        Files.writeString(dir.resolve("crm.csv"), """
                id,first,last,email,notes
                1,Ann,Lee,ann@x.com,
                2,Bo,"Unclosed,bo@x.com,
                ,No,Id,noid@x.com,NOTE-NOID asked about a loan
                3,Cy,Dup,cy@x.com,NOTE-DUP1 prefers evening calls
                3,Cy,Dup,cy2@x.com,NOTE-DUP2 prefers morning calls
                4,Di,Ok,,
                """);
        Files.writeString(dir.resolve("orders.csv"), """
                order_id,customer,date,amount
                o1,1,2024-01-05,10.00
                o2,1,05/02/2024,2.50
                o3,99,2024-01-05,1.00
                o4,4,2024-01-05,12,5O
                o5,4,31/02/2024,3.00
                """);
        Files.writeString(dir.resolve("events.jsonl"), """
                {"device":"d1","ts":"2024-01-01T10:00:00Z","s":"s1","type":"page_view"}
                {"device":"d1","ts":"2024-01-01T10:01:00Z","s":"s1","type":"login","email":"ann@x.com","esp":"esp-1"}
                {"device":"d1","ts":"2024-01-02T10:00:00Z","s":"s2","type":"page_view","email":"not-identifying@x.com","esp":"esp-9"}
                {"device":"d2","ts":"2024-01-03T10:00:00Z","s":"s3","type":"page_view"}
                {"device":"d2","ts":"2024-01-03T11:00:00Z","type":"page_view"}
                this is not json
                {"ts":"2024-01-03T10:00:00Z","s":"s3","type":"page_view","user_agent":"UA-UNMAPPED"}
                """);
        Files.writeString(dir.resolve("scv.yaml"), """
                sources:
                  - name: crm
                    path: crm.csv
                    id_column: id
                    columns: {first_name: first, last_name: last, email: email}
                    orders: {path: orders.csv, id_column: order_id, customer_column: customer, date_column: date,
                             amount_column: amount}
                  - name: web
                    kind: clickstream
                    path: events.jsonl
                    id_column: device
                    events: {timestamp_column: ts, session_column: s, event_type_column: type,
                             identifying_events: [login], identifiers: {email: email, esp_record_ids: esp}}
                blocking:
                  rules: [{name: email, keys: [email]}]
                comparisons:
                  - {name: email, field: email, levels: [{method: exact, weight: 10}]}
                """);
        config = ConfigLoader.load(dir.resolve("scv.yaml"));
        result = new Ingest(SparkTestSession.get()).run(config, Instant.parse("2025-06-30T12:00:00Z"));
    }

    private static Map<String, Long> reasons(String input) {
        return result.quarantine().filter(col("input").equalTo(input)).collectAsList().stream()
                .collect(Collectors.groupingBy(r -> r.getString(r.fieldIndex("reason")), Collectors.counting()));
    }

    private static List<String> sorted(org.apache.spark.sql.Dataset<Row> rows) {
        return rows.collectAsList().stream().map(Row::toString).sorted().toList();
    }

    @Test
    void rankingEveryRowKeepsAndQuarantinesWhatRankingOnlyTheDuplicatedIdsDoes() {
        // with no duplicated id allowed on the driver, every row is ranked: the path for extracts where many ids
        // repeat must keep the same row of each id, and count the same
        var everyRow = new Ingest(SparkTestSession.get(), 0).run(config, Instant.parse("2025-06-30T12:00:00Z"));
        assertEquals(result.counts(), everyRow.counts());
        assertEquals(sorted(result.records()), sorted(everyRow.records()));
        assertEquals(sorted(result.quarantine()), sorted(everyRow.quarantine()));
        assertEquals(1, everyRow.quarantine().filter(col("reason").startsWith("duplicate id")).count());
    }

    @Test
    void badRecordRowsAreQuarantinedWithAReasonAndCountsReconcile() {
        var crm = result.counts().stream().filter(c -> c.source().equals("crm") && c.input().equals("records"))
                .findFirst().orElseThrow();
        assertEquals(6, crm.read());
        assertEquals(3, crm.kept());
        assertEquals(3, crm.quarantined());
        var r = reasons("records");
        assertEquals(1L, r.get("malformed row"));
        assertEquals(1L, r.get("missing id in column id"));
        assertEquals(1L, r.get("duplicate id within source (first row by content kept)"));
        assertEquals(List.of("1", "3", "4"), result.records().filter(col("source").equalTo("crm"))
                .select("source_id").orderBy("source_id").collectAsList().stream().map(x -> x.getString(0)).toList());
    }

    @Test
    void ordersAggregateOntoTheirCustomerAndBadOrdersAreQuarantined() {
        Row ann = result.records().filter(col("record_key").equalTo("crm:1")).first();
        assertEquals(2L, (long) ann.getAs("order_count"));
        assertEquals(0, new java.math.BigDecimal("12.50").compareTo(ann.getAs("revenue")));
        assertEquals("2024-01-05", ann.getAs("first_order_at").toString());
        assertEquals("2024-02-05", ann.getAs("last_order_at").toString());
        var r = reasons("orders");
        assertEquals(1L, r.get("order for unknown customer in column customer"));
        assertEquals(1L, r.get("unreadable date in column date"));
        assertEquals(1, r.keySet().stream().filter(k -> k.startsWith("amount is not a number")
                || k.equals("malformed row")).mapToLong(r::get).sum(), "the 12,5O row: " + r);
    }

    @Test
    void eventsBecomeOneProfilePerDeviceWithIdentifiersOnlyFromIdentifyingEvents() {
        var web = result.records().filter(col("source").equalTo("web")).orderBy("source_id").collectAsList();
        assertEquals(2, web.size());
        Row d1 = web.get(0);
        assertEquals("ann@x.com", d1.getAs("email"));
        assertEquals(3L, (long) d1.getAs("events"));
        assertEquals(2L, (long) d1.getAs("sessions"));
        assertEquals(2L, (long) d1.getAs("page_views"));
        assertTrue(d1.getAs("last_seen_at").toString().startsWith("2024-01-02"), "the latest event of any kind");
        assertEquals(List.of("esp-1"), d1.getList(d1.fieldIndex("esp_record_ids")),
                "ids of identifying events only");
        assertNull(web.get(1).getAs("email"), "d2 never identified itself: an anonymous device");
        assertEquals(List.of(), web.get(1).getList(web.get(1).fieldIndex("esp_record_ids")),
                "an anonymous device has no email-platform ids: an empty list, not null");
        assertEquals(2L, (long) web.get(1).getAs("events"));
        assertEquals(1L, (long) web.get(1).getAs("sessions"), "an event without a session is not a session");
        var events = result.counts().stream().filter(c -> c.input().equals("events")).findFirst().orElseThrow();
        assertEquals(7, events.read());
        assertEquals(2, events.quarantined());
    }

    @Test
    void aQuarantinedRowKeepsOnlyTheColumnsTheConfigReads() {
        var raws = result.quarantine().filter(col("reason").startsWith("duplicate id").or(
                col("reason").startsWith("missing id"))).select("raw").collectAsList().stream()
                .map(r -> r.getString(0)).toList();
        assertEquals(List.of("{\"first\":\"No\",\"last\":\"Id\",\"email\":\"noid@x.com\"}",
                "{\"id\":\"3\",\"first\":\"Cy\",\"last\":\"Dup\",\"email\":\"cy@x.com\"}"),
                raws.stream().sorted().toList(), "the unmapped notes column is not kept; a missing id is left out");
        assertEquals(0, result.quarantine().filter(col("raw").contains("NOTE-")).count());
        String eventWithoutDevice = result.quarantine().filter(col("reason").equalTo("event without device"))
                .first().getAs("raw");
        assertFalse(eventWithoutDevice.contains("UA-UNMAPPED"), eventWithoutDevice);
    }

    @Test
    void aQuarantinedOrderKeepsOnlyTheOrderColumnsTheConfigReads() throws IOException {
        Path own = Files.createDirectories(dir.resolve("orders-minimised"));
        Files.writeString(own.resolve("crm.csv"), "id,first\n1,Ann\n");
        Files.writeString(own.resolve("orders.csv"), """
                order_id,customer,date,amount,deliver_to
                o1,1,2024-01-05,10.00,ADDR-1 Secret Lane
                o1,1,2024-01-06,11.00,ADDR-2 Hidden Road
                o2,99,2024-01-05,1.00,ADDR-3 Quiet Close
                """);
        Files.writeString(own.resolve("scv.yaml"), """
                sources:
                  - name: crm
                    path: crm.csv
                    id_column: id
                    columns: {first_name: first}
                    orders: {path: orders.csv, id_column: order_id, customer_column: customer, date_column: date,
                             amount_column: amount}
                blocking:
                  rules: [{name: first, keys: [first_name]}]
                comparisons:
                  - {name: first, field: first_name, levels: [{method: exact, weight: 10}]}
                """);
        var orders = new Ingest(SparkTestSession.get()).run(ConfigLoader.load(own.resolve("scv.yaml")),
                Instant.parse("2025-06-30T12:00:00Z")).quarantine();
        assertEquals(List.of(
                        "{\"order_id\":\"o1\",\"customer\":\"1\",\"date\":\"2024-01-06\",\"amount\":\"11.00\"}",
                        "{\"order_id\":\"o2\",\"customer\":\"99\",\"date\":\"2024-01-05\",\"amount\":\"1.00\"}"),
                orders.select("raw").collectAsList().stream().map(r -> r.getString(0)).sorted().toList(),
                "the duplicate o1 and the order of unknown customer 99, without the unmapped deliver_to");
    }

    @Test
    void aCanonicalRecordCarriesOnlyMappedFields() {
        var columns = List.of(result.records().columns());
        assertFalse(columns.contains("notes"), columns.toString());
        assertFalse(columns.contains("user_agent"), columns.toString());
    }

    @Test
    void aLineThatDoesNotParseIsQuarantinedAsItsRawText() {
        assertEquals("2,Bo,\"Unclosed,bo@x.com,", result.quarantine().filter(col("reason").equalTo("malformed row"))
                .filter(col("input").equalTo("records")).first().getAs("raw"));
    }

    @Test
    void everyInputReconciles() {
        for (SourceCounts c : result.counts()) {
            assertEquals(c.read(), c.kept() + c.quarantined(), c.toString());
        }
        assertEquals(result.quarantined(), result.quarantine().count());
    }
}
