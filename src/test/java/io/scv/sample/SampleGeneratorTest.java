package io.scv.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written files: names, headers, formats, determinism, and the truth covering every record. */
class SampleGeneratorTest {
    private static final List<String> FILES = List.of("crm_contacts.csv", "erp_customers.csv", "erp_orders.csv",
            "clickstream_events.jsonl", "truth.csv");
    private static final Pattern JSON_STRING_FIELD = Pattern.compile("\"([a-z_]+)\":\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Set<String> JSON_KEYS = Set.of("device_id", "ts", "session_id", "page", "event_type",
            "email", "phone", "esp_record_id");

    @TempDir
    static Path dir;
    static SampleSummary summary;
    static Path sample;

    @BeforeAll
    static void writeSample() throws Exception {
        sample = dir.resolve("sample-2000-42");
        summary = new SampleGenerator(SampleOptions.defaults(2000, 42)).writeTo(sample);
    }

    @Test
    void sameOptionsWriteByteIdenticalFiles() throws Exception {
        Path again = dir.resolve("again");
        var secondSummary = new SampleGenerator(SampleOptions.defaults(2000, 42)).writeTo(again);
        assertEquals(summary, secondSummary);
        for (String file : FILES) {
            assertArrayEquals(Files.readAllBytes(sample.resolve(file)), Files.readAllBytes(again.resolve(file)), file);
        }
    }

    /** sample-data/ was written by {@code generate-sample --customers 2000 --seed 42}, broken rows included. */
    @Test
    void writesTheCommittedSampleByteForByte() throws Exception {
        Path committed = Path.of("sample-data");
        assertTrue(Files.isDirectory(committed), "run from the project folder; no " + committed.toAbsolutePath());
        Path written = dir.resolve("committed-again");
        new SampleGenerator(SampleOptions.defaults(2000, 42)).writeTo(written, true);
        for (String file : List.of("crm_contacts.csv", "erp_customers.csv", "erp_orders.csv",
                "clickstream_events.jsonl", "truth.csv", "truth_hazards.csv")) {
            assertArrayEquals(Files.readAllBytes(committed.resolve(file)), Files.readAllBytes(written.resolve(file)),
                    file);
        }
    }

    @Test
    void anotherSeedWritesDifferentFiles() throws Exception {
        Path other = dir.resolve("other-seed");
        new SampleGenerator(SampleOptions.defaults(2000, 43)).writeTo(other);
        for (String file : FILES) {
            assertFalse(Arrays.equals(Files.readAllBytes(sample.resolve(file)), Files.readAllBytes(other.resolve(file))),
                    file);
        }
    }

    @Test
    void csvFilesHaveTheAgreedHeadersAndEveryRowHasAllFields() throws Exception {
        Map<String, String> headers = Map.of(
                "crm_contacts.csv", "contact_id,first_name,last_name,dob,gender,email,phone,street,city,postcode,"
                        + "country,company,job_title,esp_record_id,consent_email,consent_sms,consent_phone,"
                        + "consent_profiling,updated_at",
                "erp_customers.csv", "customer_no,billing_name,billing_street,billing_city,billing_postcode,"
                        + "billing_country,phone,email,company,created_at",
                "erp_orders.csv", "order_id,customer_no,order_date,amount,currency",
                "truth.csv", "source,source_id,entity_id");
        for (var entry : new TreeMap<>(headers).entrySet()) {
            var rows = StrictCsv.read(sample.resolve(entry.getKey()));
            assertEquals(entry.getValue(), String.join(",", rows.get(0)), entry.getKey());
            int columns = rows.get(0).size();
            for (var row : rows) {
                assertEquals(columns, row.size(), entry.getKey() + " row " + row);
            }
        }
    }

    @Test
    void addressesWithCommasAreQuotedAndReadBackWhole() throws Exception {
        var rows = StrictCsv.read(sample.resolve("crm_contacts.csv"));
        assertTrue(rows.stream().anyMatch(r -> r.get(7).startsWith("Flat ") && r.get(7).contains(", ")));
        String text = Files.readString(sample.resolve("crm_contacts.csv"));
        assertTrue(text.contains(",\"Flat "), "flat addresses must be quoted");
    }

    @Test
    void idsAndValuesFollowTheAgreedFormats() throws Exception {
        for (var row : dataRows("crm_contacts.csv")) {
            assertTrue(row.get(0).matches("C\\d{6}"), row.get(0));
            assertTrue(row.get(3).matches("|\\d{4}-\\d{2}-\\d{2}|\\d{2}/\\d{2}/\\d{4}"), row.get(3));
            assertTrue(row.get(13).matches("esp-[0-9a-f]{8}"), row.get(13));
            for (int consent = 14; consent <= 17; consent++) {
                assertTrue(row.get(consent).matches("[YN]?"), row.get(consent));
            }
            assertTrue(row.get(18).matches("20(19|2[0-6])-\\d{2}-\\d{2}T\\d{2}:\\d{2}:00Z"), row.get(18));
        }
        for (var row : dataRows("erp_customers.csv")) {
            assertTrue(row.get(0).matches("E-\\d{6}"), row.get(0));
            assertTrue(row.get(9).matches("20(19|2[0-5])-\\d{2}-\\d{2}"), row.get(9));
        }
        for (var row : dataRows("erp_orders.csv")) {
            assertTrue(row.get(3).matches("\\d+\\.\\d{2}"), row.get(3));
            assertTrue(row.get(4).matches("GBP|EUR|SGD|AUD|USD"), row.get(4));
        }
        long gbp = dataRows("erp_orders.csv").stream().filter(r -> r.get(4).equals("GBP")).count();
        assertTrue(gbp > 0.8 * summary.erpOrders(), "orders in GBP: " + gbp);
    }

    @Test
    void eachEspRecordIdBelongsToOneContact() throws Exception {
        var espIds = new HashSet<String>();
        for (var row : dataRows("crm_contacts.csv")) {
            assertTrue(espIds.add(row.get(13)), "repeated " + row.get(13));
        }
    }

    @Test
    void clickEventsAreFlatJsonObjectsWithOnlyTheApplicableKeys() throws Exception {
        for (String line : Files.readAllLines(sample.resolve("clickstream_events.jsonl"), StandardCharsets.UTF_8)) {
            var fields = jsonFields(line);
            assertTrue(JSON_KEYS.containsAll(fields.keySet()), line);
            assertTrue(fields.get("device_id").matches("d-[0-9a-f]{12}"), line);
            assertTrue(fields.get("session_id").matches("s-[0-9a-f]{12}"), line);
            assertTrue(fields.get("ts").matches("202[56]-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"), line);
            switch (fields.get("event_type")) {
                case "page_view" -> assertEquals(5, fields.size(), line);
                case "login" -> assertEquals(Set.of("email"), identifiers(fields), line);
                case "checkout" -> assertTrue(identifiers(fields).contains("email"), line);
                case "email_click" -> assertEquals(Set.of("esp_record_id"), identifiers(fields), line);
                default -> throw new AssertionError("unknown event type in " + line);
            }
        }
    }

    @Test
    void truthNamesEveryRecordAndDeviceExactlyOnce() throws Exception {
        var truthKeys = new ArrayList<String>();
        for (var row : dataRows("truth.csv")) {
            truthKeys.add(row.get(0) + "/" + row.get(1));
            assertTrue(row.get(2).matches("[PV]\\d{6}"), row.get(2));
        }
        var recordKeys = new ArrayList<String>();
        dataRows("crm_contacts.csv").forEach(r -> recordKeys.add("crm/" + r.get(0)));
        dataRows("erp_customers.csv").forEach(r -> recordKeys.add("erp/" + r.get(0)));
        var devices = new TreeSet<String>();
        for (String line : Files.readAllLines(sample.resolve("clickstream_events.jsonl"))) {
            devices.add(jsonFields(line).get("device_id"));
        }
        devices.forEach(d -> recordKeys.add("web/" + d));
        assertEquals(truthKeys.size(), new HashSet<>(truthKeys).size(), "truth repeats a record");
        assertEquals(new TreeSet<>(recordKeys), new TreeSet<>(truthKeys));
        assertEquals(summary.truthRows(), truthKeys.size());
    }

    @Test
    void ordersReferToErpCustomers() throws Exception {
        var customers = new HashSet<String>();
        dataRows("erp_customers.csv").forEach(r -> customers.add(r.get(0)));
        for (var order : dataRows("erp_orders.csv")) {
            assertTrue(customers.contains(order.get(1)), order.toString());
        }
    }

    @Test
    void summaryCountsMatchTheFilesAndTheAgreedFootprints() throws Exception {
        assertEquals(2000, summary.people());
        assertEquals(dataRows("crm_contacts.csv").size(), summary.crmContacts());
        assertEquals(dataRows("erp_customers.csv").size(), summary.erpCustomers());
        assertEquals(dataRows("erp_orders.csv").size(), summary.erpOrders());
        assertEquals(Files.readAllLines(sample.resolve("clickstream_events.jsonl")).size(), summary.clickEvents());
        assertEquals(summary.crmContacts() + summary.erpCustomers() + summary.webDevices(), summary.truthRows());
        assertBetween("CRM contacts per customer", summary.crmContacts() / 2000.0, 0.88, 1.0);
        assertBetween("ERP customers per customer", summary.erpCustomers() / 2000.0, 0.58, 0.70);
    }

    @Test
    void clickstreamStaysSmall() {
        assertTrue(summary.clickEvents() < 20_000, "events: " + summary.clickEvents());
        assertTrue(summary.clickEvents() < 9.0 * summary.webDevices(), summary.toString());
    }

    @Test
    void writesIntoADirectoryItCreates() throws Exception {
        Path nested = dir.resolve("a/b/c");
        var small = new SampleGenerator(SampleOptions.defaults(1, 7)).writeTo(nested);
        for (String file : FILES) {
            assertTrue(Files.isRegularFile(nested.resolve(file)), file);
        }
        assertEquals(1, small.people());
    }

    private static List<List<String>> dataRows(String file) throws Exception {
        var rows = StrictCsv.read(sample.resolve(file));
        return rows.subList(1, rows.size());
    }

    private static Set<String> identifiers(Map<String, String> fields) {
        var ids = new TreeSet<>(fields.keySet());
        ids.retainAll(Set.of("email", "phone", "esp_record_id"));
        return ids;
    }

    /** Parses one flat JSON object of string values, failing if anything else is on the line. */
    static Map<String, String> jsonFields(String line) {
        assertTrue(line.startsWith("{\"device_id\":") && line.endsWith("}"), line);
        var fields = new HashMap<String, String>();
        var matcher = JSON_STRING_FIELD.matcher(line);
        int position = 1;
        while (matcher.find(position) && matcher.start() == position) {
            assertEquals(null, fields.put(matcher.group(1), matcher.group(2)), "repeated key in " + line);
            position = matcher.end();
            if (line.charAt(position) == ',') {
                position++;
            }
        }
        assertEquals(line.length() - 1, position, "unparsed JSON in " + line);
        return fields;
    }

    private static void assertBetween(String what, double value, double low, double high) {
        assertTrue(value >= low && value <= high, what + " was " + value + ", expected " + low + ".." + high);
    }
}
