package io.scv.golden;

import io.scv.config.GoldenAggregate;
import io.scv.config.GoldenSettings;
import io.scv.testing.SparkTestSession;
import io.scv.testing.TestConfigs;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class GoldenRecordTest {
    private static final String SCHEMA = "record_key string, source string, customer_id string, updated_at timestamp, "
            + "dob date, phone string, postcode string, country string, gender string, "
            + "consent_email string, consent_sms string, consent_phone string, consent_profiling string, "
            + "consent_email_at timestamp, consent_sms_at timestamp, consent_phone_at timestamp, "
            + "consent_profiling_at timestamp, "
            + "revenue decimal(18,2), device_ids array<string>, "
            + "raw struct<first_name:string, last_name:string, email:string, street:string, city:string, "
            + "company:string, job_title:string>";

    private static Row goldenOf(GoldenSettings settings, String... json) {
        return goldensOf(settings, List.of(json)).values().iterator().next();
    }

    /** The golden record of each customer_id in the records, by customer_id. */
    private static Map<String, Row> goldensOf(GoldenSettings settings, List<String> json) {
        var spark = SparkTestSession.get();
        Dataset<Row> records = spark.read().option("allowUnquotedFieldNames", "true").schema(SCHEMA).json(spark.createDataset(json, Encoders.STRING()));
        var config = TestConfigs.of(List.of(), null, List.of(), TestConfigs.scoring(), settings);
        return GoldenRecord.build(records.drop("customer_id"), records.select("record_key", "customer_id"), config)
                .collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("customer_id"), r -> r));
    }

    private static final String CRM = "{record_key:'crm:1', source:'crm', customer_id:'c1', "
            + "updated_at:'2024-01-01T00:00:00Z', consent_email:'Y', consent_sms:'Y', revenue:null, device_ids:[], "
            + "raw:{first_name:'Robert', last_name:'Smith', email:'Rob@X.com', street:'1 High St'}}";
    private static final String ERP = "{record_key:'erp:9', source:'erp', customer_id:'c1', "
            + "updated_at:'2025-06-01T00:00:00Z', consent_email:'N', consent_sms:null, revenue:120.50, "
            + "device_ids:[], raw:{first_name:'Bob', last_name:'Smith', email:null, street:'9 New Road', "
            + "city:'Leeds', company:'Acme'}}";
    private static final String WEB = "{record_key:'web:d1', source:'web', customer_id:'c1', revenue:null, "
            + "device_ids:['d1'], raw:{email:'bob@home.com'}}";

    @Test
    void sourcePriorityPicksTheHighestSourceThatHasAValueAndKeepsProvenance() {
        Row g = goldenOf(new GoldenSettings(List.of("crm", "erp", "web"), "source_priority", Map.of(), List.of()),
                CRM, ERP, WEB);
        assertEquals("Robert", g.getAs("first_name"));
        assertEquals("crm:1", g.getAs("first_name_source"));
        assertEquals("Leeds", g.getAs("city"), "crm has no city, so the next source gives it");
        assertEquals("erp:9", g.getAs("city_source"));
        assertEquals(3L, (long) g.getAs("record_count"));
        assertEquals(List.of("crm", "erp", "web"), g.getList(g.fieldIndex("sources")));
    }

    @Test
    void mostRecentPicksTheLatestUpdatedRecordWithAValue() {
        Row g = goldenOf(new GoldenSettings(List.of("crm", "erp", "web"), "most_recent", Map.of(), List.of()),
                CRM, ERP, WEB);
        assertEquals("9 New Road", g.getAs("street"));
        assertEquals("rob@x.com", g.getAs("email"), "erp is newer but has no email; web has no date");
    }

    @Test
    void consentMergesToTheMostRestrictiveValue() {
        Row g = goldenOf(TestConfigs.golden(List.of("crm"), "most_complete"), CRM, ERP, WEB);
        assertEquals("N", g.getAs("consent_email"), "one refusal beats a consent");
        assertEquals("Y", g.getAs("consent_sms"), "consent given and never refused");
        assertNull(g.getAs("consent_phone"), "unknown stays unknown, never consent");
    }

    private static final GoldenSettings GOLDEN = TestConfigs.golden(List.of("crm", "erp", "web"), "most_complete");
    private static final List<String> CHANNELS = List.of("consent_email", "consent_sms", "consent_phone",
            "consent_profiling");

    /** A record of {@code customer} from the source its key names; {@code updatedAt} null for none. */
    private static String record(String customer, String key, String updatedAt, String consentFields) {
        return "{record_key:'" + key + "', source:'" + key.substring(0, key.indexOf(':')) + "', customer_id:'"
                + customer + "', device_ids:[], raw:{}"
                + (updatedAt == null ? "" : ", updated_at:'" + updatedAt + "'")
                + (consentFields.isEmpty() ? "" : ", " + consentFields) + "}";
    }

    private static Instant instant(Row g, String field) {
        Timestamp t = g.getAs(field);
        return t == null ? null : t.toInstant();
    }

    @Test
    void aRefusalBeatsALaterConsentOnAnotherRecordAndTheLatestRefusalIsTheProvenance() {
        Row g = goldenOf(GOLDEN,
                record("c1", "crm:1", "2022-03-01T00:00:00Z", "consent_email:'N'"),
                record("c1", "crm:2", "2023-05-01T00:00:00Z", "consent_email:'N'"),
                record("c1", "erp:1", "2025-01-01T00:00:00Z", "consent_email:'Y'"));
        assertEquals("N", g.getAs("consent_email"),
                "a later Y elsewhere may be a re-consent or a disagreement: the refusal holds until crm withdraws it");
        assertEquals("crm:2", g.getAs("consent_email_source"));
        assertEquals(Instant.parse("2023-05-01T00:00:00Z"), instant(g, "consent_email_at"));
    }

    @Test
    void ofTwoConsentsTheMostRecentIsTheProvenance() {
        Row g = goldenOf(GOLDEN,
                record("c1", "crm:1", "2024-01-01T00:00:00Z", "consent_sms:'Y'"),
                record("c1", "erp:1", "2025-02-01T00:00:00Z", "consent_sms:'Y'"));
        assertEquals("Y", g.getAs("consent_sms"));
        assertEquals("erp:1", g.getAs("consent_sms_source"));
        assertEquals(Instant.parse("2025-02-01T00:00:00Z"), instant(g, "consent_sms_at"));
    }

    @Test
    void equallyRecentStatementsGoToTheSmallerRecordKeyAndUndatedOnesCountAsOldest() {
        Row g = goldenOf(GOLDEN,
                record("c1", "web:d1", null, "consent_profiling:'Y'"),
                record("c1", "erp:1", "2025-02-01T00:00:00Z", "consent_profiling:'Y'"),
                record("c1", "crm:7", "2025-02-01T00:00:00Z", "consent_profiling:'Y'"));
        assertEquals("crm:7", g.getAs("consent_profiling_source"));
    }

    @Test
    void aRecordWithoutAStatementTakesNoPartSoUnknownAndConsentGiveConsent() {
        Row g = goldenOf(GOLDEN,
                record("c1", "crm:1", "2025-06-01T00:00:00Z", "consent_phone:null"),
                record("c1", "erp:1", "2024-01-01T00:00:00Z", "consent_phone:'Y'"));
        assertEquals("Y", g.getAs("consent_phone"));
        assertEquals("erp:1", g.getAs("consent_phone_source"), "crm:1 is newer but said nothing about phone");
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), instant(g, "consent_phone_at"));
    }

    @Test
    void noStatementsLeaveConsentAndItsProvenanceNull() {
        Row g = goldenOf(GOLDEN,
                record("c1", "crm:1", "2025-06-01T00:00:00Z", "consent_email:'Y'"),
                record("c1", "erp:1", "2024-01-01T00:00:00Z", ""));
        assertNull(g.getAs("consent_sms"), "unknown is never consent");
        assertNull(g.getAs("consent_sms_source"));
        assertNull(g.getAs("consent_sms_at"));
    }

    @Test
    void aChannelsOwnTimestampDatesItsStatementAndUpdatedAtStandsInWhereThereIsNone() {
        Row g = goldenOf(GOLDEN,
                record("c1", "crm:1", "2025-01-01T00:00:00Z",
                        "consent_email:'Y', consent_email_at:'2025-03-01T00:00:00Z', "
                                + "consent_sms:'Y', consent_sms_at:'2024-01-01T00:00:00Z'"),
                record("c1", "erp:1", "2025-02-01T00:00:00Z", "consent_email:'Y', consent_sms:'Y'"));
        assertEquals("crm:1", g.getAs("consent_email_source"),
                "crm's email consent is dated 2025-03-01, later than erp's record (2025-02-01)");
        assertEquals(Instant.parse("2025-03-01T00:00:00Z"), instant(g, "consent_email_at"));
        assertEquals("erp:1", g.getAs("consent_sms_source"),
                "erp gives no sms time, so its updated_at (2025-02-01) dates it, later than crm's 2024-01-01");
        assertEquals(Instant.parse("2025-02-01T00:00:00Z"), instant(g, "consent_sms_at"));
    }

    /**
     * Property: the golden consent of merged customers follows from their parts' golden consents alone. N when any
     * part is N, else Y when any part is Y, else null; and the merged provenance is one of the parts' provenance
     * for that value. So a merge never widens consent. Random small customers (fixed seed), merged by pairs and
     * all together.
     */
    @Test
    void mergingCustomersNeverWidensConsent() {
        var random = new Random(20240601);
        // each part: its records, with %1$s for the customer and %2$s for a prefix inside the record key
        var parts = new ArrayList<List<String>>();
        for (int p = 0; p < 6; p++) {
            var records = new ArrayList<String>();
            int size = 1 + random.nextInt(3);
            for (int r = 0; r < size; r++) {
                var fields = new ArrayList<String>();
                for (String channel : CHANNELS) {
                    int pick = random.nextInt(10);
                    if (pick < 5) {
                        fields.add(channel + ":'" + (pick < 3 ? "Y" : "N") + "'");
                        if (random.nextBoolean()) {
                            fields.add(channel + "_at:'" + randomTime(random) + "'");
                        }
                    }
                }
                String updatedAt = random.nextInt(5) == 0 ? null : randomTime(random);
                records.add(record("%1$s", (r % 2 == 0 ? "crm" : "erp") + ":%2$s" + p + "-" + r, updatedAt,
                        String.join(", ", fields)));
            }
            parts.add(records);
        }
        var unions = new ArrayList<List<Integer>>();
        for (int a = 0; a < parts.size(); a++) {
            for (int b = a + 1; b < parts.size(); b++) {
                unions.add(List.of(a, b));
            }
        }
        unions.add(List.of(0, 1, 2, 3, 4, 5));

        var partJson = new ArrayList<String>();
        for (int p = 0; p < parts.size(); p++) {
            for (String r : parts.get(p)) {
                partJson.add(r.formatted("p" + p, ""));
            }
        }
        var unionJson = new ArrayList<String>();
        for (int u = 0; u < unions.size(); u++) {
            for (int p : unions.get(u)) {
                for (String r : parts.get(p)) {
                    unionJson.add(r.formatted("u" + u, "u" + u + "|")); // record keys stay unique per customer
                }
            }
        }
        Map<String, Row> partGolden = goldensOf(GOLDEN, partJson);
        Map<String, Row> unionGolden = goldensOf(GOLDEN, unionJson);

        var seen = new java.util.HashSet<String>();
        for (int u = 0; u < unions.size(); u++) {
            Row merged = unionGolden.get("u" + u);
            for (String channel : CHANNELS) {
                var of = unions.get(u).stream().map(p -> partGolden.get("p" + p)).toList();
                var values = of.stream().map(g -> (String) g.getAs(channel)).toList();
                String value = merged.getAs(channel);
                String where = "union " + unions.get(u) + " " + channel + " of parts " + values;
                if (values.contains("N")) {
                    assertEquals("N", value, where + ": an N anywhere survives the merge");
                } else if (values.contains("Y")) {
                    assertEquals("Y", value, where + ": someone's Y and nobody's N");
                } else {
                    assertNull(value, where + ": nobody said Y, so no consent");
                }
                if (value != null) {
                    String source = ((String) merged.getAs(channel + "_source")).replaceFirst("u\\d+\\|", "");
                    assertTrue(of.stream().anyMatch(g -> value.equals(g.getAs(channel))
                            && source.equals(g.getAs(channel + "_source"))), where + ": provenance " + source
                            + " is one of the parts' " + value + " statements");
                }
                seen.add(value + (values.contains("Y") ? "+Y" : "") + (values.contains("N") ? "+N" : ""));
            }
        }
        assertTrue(seen.containsAll(List.of("N+Y+N", "Y+Y", "null")), "the random customers cover a conflict, "
                + "a consent and no statement at all; seen " + seen);
    }

    private static String randomTime(Random random) {
        return Instant.parse("2020-01-01T00:00:00Z").plusSeconds(random.nextInt(6 * 365) * 86_400L).toString();
    }

    @Test
    void aggregatesSumAndCountAcrossTheCluster() {
        Row g = goldenOf(TestConfigs.golden(List.of("crm"), "most_complete",
                new GoldenAggregate("revenue", "sum", "revenue"),
                new GoldenAggregate("devices", "count", "device_ids")), CRM, ERP, WEB);
        assertEquals(0, new java.math.BigDecimal("120.50").compareTo(g.getAs("revenue")));
        assertEquals(1L, (long) g.getAs("devices"));
    }

    @Test
    void mostCompletePicksTheRecordWithTheMostValuesEvenWhenItIsOlderOrFromALowerSource() {
        Row g = goldenOf(TestConfigs.golden(List.of("crm", "erp", "web"), "most_complete"), CRM, ERP, WEB);
        assertEquals("Bob", g.getAs("first_name"), "erp has five values, crm four, web one");
        assertEquals("erp:9", g.getAs("first_name_source"));
        assertEquals("rob@x.com", g.getAs("email"), "erp has no email, so the next most complete record gives it");
        assertEquals("crm:1", g.getAs("email_source"));
    }

    @Test
    void aggregatesTakeMinMaxAndDistinctSortedCollectionsWithSparksTypes() {
        Row g = goldenOf(TestConfigs.golden(List.of("crm"), "most_complete",
                        new GoldenAggregate("first_seen", "min", "updated_at"),
                        new GoldenAggregate("last_seen", "max", "updated_at"),
                        new GoldenAggregate("devices", "collect", "device_ids"),
                        new GoldenAggregate("source_list", "collect", "source"),
                        new GoldenAggregate("revenue", "sum", "revenue")),
                CRM, ERP, WEB,
                record("c1", "web:d2", "2023-01-01T00:00:00Z", "device_ids:['d9', 'd1']"));
        assertEquals(Instant.parse("2023-01-01T00:00:00Z"), instant(g, "first_seen"), "web:d1 has no date");
        assertEquals(Instant.parse("2025-06-01T00:00:00Z"), instant(g, "last_seen"));
        assertEquals(List.of("d1", "d9"), g.getList(g.fieldIndex("devices")), "each device once, in order");
        assertEquals(List.of("crm", "erp", "web"), g.getList(g.fieldIndex("source_list")));
        assertEquals("decimal(28,2)", g.schema().apply("revenue").dataType().simpleString(),
                "a sum of decimal(18,2) widens by ten digits, as Spark's sum does");
        assertEquals(0, new java.math.BigDecimal("120.50").compareTo(g.getAs("revenue")));
    }

    @Test
    void aCustomerWithoutAnyValueForAnAggregateGetsNullSumsAndZeroCounts() {
        Row g = goldenOf(TestConfigs.golden(List.of("crm"), "most_complete",
                        new GoldenAggregate("revenue", "sum", "revenue"),
                        new GoldenAggregate("devices", "count", "device_ids"),
                        new GoldenAggregate("device_list", "collect", "device_ids")),
                record("c1", "crm:1", null, ""));
        assertNull(g.getAs("revenue"));
        assertEquals(0L, (long) g.getAs("devices"));
        assertEquals(List.of(), g.getList(g.fieldIndex("device_list")));
        assertEquals(1L, (long) g.getAs("record_count"));
        assertNull(g.getAs("first_name"));
        assertNull(g.getAs("first_name_source"));
        assertEquals("", g.getAs("full_name"), "concat_ws of no names");
    }

    @Test
    void manyCustomersInOnePartitionEachGetTheirOwnRecords() {
        var json = new ArrayList<String>();
        for (int c = 0; c < 50; c++) {
            for (int r = 0; r <= c % 3; r++) {
                json.add(record("c" + c, "crm:" + c + "-" + r, "2024-01-0" + (r + 1) + "T00:00:00Z",
                        "consent_email:'" + (r == 1 ? "N" : "Y") + "'"));
            }
        }
        Map<String, Row> golden = goldensOf(GOLDEN, json);
        assertEquals(50, golden.size());
        for (int c = 0; c < 50; c++) {
            Row g = golden.get("c" + c);
            assertEquals(c % 3 + 1L, (long) g.getAs("record_count"), "c" + c);
            assertEquals(c % 3 == 0 ? "Y" : "N", g.getAs("consent_email"), "c" + c);
            assertEquals(c % 3 == 0 ? "crm:" + c + "-0" : "crm:" + c + "-1", g.getAs("consent_email_source"));
        }
    }
}
