package io.scv.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nights 2 and 3 of a 300-customer sample, read from the written files: night N is night N-1 plus exactly the
 * changes listed in changes.csv, new ids are new, and the planted merge bridges and email mix-ups are as specified.
 */
class NightlyChangesTest {
    private static final List<String> FILES = List.of("crm_contacts.csv", "erp_customers.csv", "erp_orders.csv",
            "clickstream_events.jsonl", "truth.csv", "truth_hazards.csv", "changes.csv");
    private static final Pattern JSON_FIELD = Pattern.compile("\"([a-z_]+)\":\"([^\"]*)\"");
    private static final Map<Integer, String> NIGHT_DATE = Map.of(1, "2026-01-31", 2, "2026-02-01", 3, "2026-02-02");

    @TempDir
    static Path dir;
    /** Index = night number; index 0 unused. */
    static final List<NightFiles> nights = new ArrayList<>();
    static final List<SampleSummary> summaries = new ArrayList<>();

    @BeforeAll
    static void writeThreeNights() throws IOException {
        nights.add(null);
        summaries.add(null);
        for (int night = 1; night <= 3; night++) {
            Path out = dir.resolve("n" + night);
            summaries.add(new SampleGenerator(SampleOptions.defaults(300, 42).withNights(night)).writeTo(out));
            nights.add(NightFiles.read(out));
        }
    }

    @Test
    void nightOneIsWhatASingleNightSampleWrites() throws IOException {
        Path single = dir.resolve("single");
        new SampleGenerator(SampleOptions.defaults(300, 42)).writeTo(single);
        for (String file : FILES.subList(0, 6)) {
            assertArrayEquals(Files.readAllBytes(single.resolve(file)), Files.readAllBytes(dir.resolve("n1/" + file)),
                    file);
        }
        assertFalse(Files.exists(dir.resolve("n1/changes.csv")), "night 1 has no changes.csv");
    }

    @Test
    void sameOptionsWriteByteIdenticalNights() throws IOException {
        Path again = dir.resolve("again");
        var summary = new SampleGenerator(SampleOptions.defaults(300, 42).withNights(3)).writeTo(again);
        assertEquals(summaries.get(3), summary);
        for (String file : FILES) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("n3/" + file)), Files.readAllBytes(again.resolve(file)),
                    file);
        }
    }

    @Test
    void writingNightOneOverALaterNightRemovesItsChanges() throws IOException {
        Path folder = dir.resolve("reused");
        new SampleGenerator(SampleOptions.defaults(30, 1).withNights(2)).writeTo(folder);
        assertTrue(Files.exists(folder.resolve("changes.csv")));
        new SampleGenerator(SampleOptions.defaults(30, 1)).writeTo(folder);
        assertFalse(Files.exists(folder.resolve("changes.csv")));
    }

    @Test
    void nightTwoHasEveryKindOfChangeButCorrectionsAndNightThreeTheCorrections() {
        var night2 = kindsOf(nights.get(2));
        var night3 = kindsOf(nights.get(3));
        assertEquals(Set.of("new_record", "updated", "deleted", "new_orders", "new_sessions", "merge_bridge",
                "mistaken_email"), night2);
        assertTrue(night3.containsAll(Set.of("new_record", "updated", "deleted", "new_orders", "new_sessions",
                "corrected_email")), night3.toString());
        assertFalse(night3.contains("merge_bridge") || night3.contains("mistaken_email"), night3.toString());
        for (int night = 2; night <= 3; night++) {
            String number = String.valueOf(night);
            var changes = nights.get(night).changes();
            assertTrue(changes.stream().allMatch(c -> c.get(0).equals(number)), "night column of night " + night);
            assertEquals(summaries.get(night).changes(), countsOf(changes));
        }
    }

    @Test
    void everyCrmRowNotListedIsTheSameAsTheNightBefore() {
        for (int night = 2; night <= 3; night++) {
            var before = nights.get(night - 1).crm();
            var after = nights.get(night).crm();
            var listed = listedIds(nights.get(night), "crm");
            for (var row : after.entrySet()) {
                String id = row.getKey();
                String kind = listed.get(id);
                if (!before.containsKey(id)) {
                    assertTrue(Set.of("new_record", "merge_bridge").contains(kind), id + " is new but listed " + kind);
                } else if (kind == null) {
                    assertEquals(before.get(id), row.getValue(), "unlisted change of " + id);
                } else {
                    assertTrue(Set.of("updated", "mistaken_email", "corrected_email").contains(kind), id + " " + kind);
                    assertNotEquals(before.get(id), row.getValue(), id + " is listed " + kind + " but unchanged");
                    assertTrue(updatedAt(row.getValue()).startsWith(NIGHT_DATE.get(night)), row.getValue());
                }
            }
            assertDeletedAreExactlyTheMissing(before.keySet(), after.keySet(), listed, night);
        }
    }

    @Test
    void everyErpRowNotListedIsTheSameAsTheNightBeforeAndOrdersOnlyGrow() {
        for (int night = 2; night <= 3; night++) {
            var before = nights.get(night - 1);
            var after = nights.get(night);
            var listed = listedIds(after, "erp");
            for (var row : after.erp().entrySet()) {
                if (before.erp().containsKey(row.getKey())) {
                    assertEquals(before.erp().get(row.getKey()), row.getValue(), row.getKey());
                    assertTrue(listed.get(row.getKey()) == null || listed.get(row.getKey()).equals("new_orders"));
                } else {
                    assertEquals("new_record", listed.get(row.getKey()), row.getKey());
                }
            }
            assertDeletedAreExactlyTheMissing(before.erp().keySet(), after.erp().keySet(), listed, night);
            for (var order : before.orders().entrySet()) {
                assertEquals(order.getValue(), after.orders().get(order.getKey()), "order " + order.getKey());
            }
            var buyers = new TreeSet<String>();
            for (var order : after.orders().entrySet()) {
                if (!before.orders().containsKey(order.getKey())) {
                    String customer = order.getValue().split(",")[1];
                    assertTrue(Set.of("new_orders", "new_record").contains(listed.get(customer)), order.getValue());
                    assertEquals(NIGHT_DATE.get(night), order.getValue().split(",")[2], order.getValue());
                    buyers.add(customer);
                }
            }
            listed.forEach((id, kind) -> assertTrue(!kind.equals("new_orders") || buyers.contains(id), id));
        }
    }

    @Test
    void everyDeviceNotListedHasTheSameEventLinesAsTheNightBefore() {
        for (int night = 2; night <= 3; night++) {
            var before = nights.get(night - 1).devices();
            var after = nights.get(night).devices();
            var listed = listedIds(nights.get(night), "web");
            for (var device : after.entrySet()) {
                String id = device.getKey();
                String kind = listed.get(id);
                if (!before.containsKey(id)) {
                    assertEquals("new_record", kind, id);
                } else if (kind == null) {
                    assertEquals(before.get(id), device.getValue(), "unlisted change of " + id);
                } else {
                    assertEquals("new_sessions", kind, id);
                    var oldSessions = sessionsOf(before.get(id));
                    var earlierLines = device.getValue().stream()
                            .filter(line -> oldSessions.contains(json(line).get("session_id"))).toList();
                    assertEquals(before.get(id), earlierLines, "earlier events of " + id);
                    var newLines = new ArrayList<>(device.getValue());
                    newLines.removeAll(earlierLines);
                    assertFalse(newLines.isEmpty(), id + " is listed new_sessions without new events");
                    String tonight = NIGHT_DATE.get(night);
                    newLines.forEach(line -> assertTrue(json(line).get("ts").startsWith(tonight), line));
                }
            }
            assertDeletedAreExactlyTheMissing(before.keySet(), after.keySet(), listed, night);
        }
    }

    @Test
    void newIdsWereNeverUsedBeforeAndDeletedIdsStayGone() {
        var everCrm = new HashSet<String>();
        var everErp = new HashSet<String>();
        var everOrders = new HashSet<String>();
        var everDevices = new HashSet<String>();
        var everHexIds = new HashSet<String>();
        for (int night = 1; night <= 3; night++) {
            var files = nights.get(night);
            if (night > 1) {
                assertNoneIn(everCrm, newKeys(files.crm().keySet(), nights.get(night - 1).crm().keySet()), night);
                assertNoneIn(everErp, newKeys(files.erp().keySet(), nights.get(night - 1).erp().keySet()), night);
                assertNoneIn(everOrders, newKeys(files.orders().keySet(), nights.get(night - 1).orders().keySet()),
                        night);
                assertNoneIn(everDevices, newKeys(files.devices().keySet(), nights.get(night - 1).devices().keySet()),
                        night);
                assertNoneIn(everHexIds, newKeys(files.hexIds(), nights.get(night - 1).hexIds()), night);
            }
            everCrm.addAll(files.crm().keySet());
            everErp.addAll(files.erp().keySet());
            everOrders.addAll(files.orders().keySet());
            everDevices.addAll(files.devices().keySet());
            everHexIds.addAll(files.hexIds());
        }
        for (var change : nights.get(2).changes()) {
            if (change.get(1).equals("deleted")) {
                assertFalse(nights.get(3).truth().contains(change.get(2) + "/" + change.get(3)), change.toString());
            }
        }
    }

    @Test
    void mergeBridgesCarryTheEmailOfOneRecordAndThePhoneOfAnotherThatShareNeither() {
        var night1 = nights.get(1);
        var night2 = nights.get(2);
        var bridges = night2.changes().stream().filter(c -> c.get(1).equals("merge_bridge")).toList();
        assertFalse(bridges.isEmpty(), "at least one merge bridge");
        for (var bridge : bridges) {
            String entity = bridge.get(4);
            assertTrue(night2.truth().contains("crm/" + bridge.get(3) + "/" + entity), "a true match: " + bridge);
            var contact = night2.crmFields(bridge.get(3));
            var crm = night1.recordsOf(entity, "crm");
            var erp = night1.recordsOf(entity, "erp");
            for (var c : crm) {
                for (var e : erp) {
                    assertFalse(c.sharesEmailOrPhoneWith(e), entity + ": " + c + " and " + e + " already shared");
                }
            }
            var all = new ArrayList<>(crm);
            all.addAll(erp);
            var emailFrom = all.stream().filter(r -> r.details().email().equals(contact.email())).toList();
            var phoneFrom = all.stream().filter(r -> r.details().phone().equals(contact.phone())
                    && r.details().street().equals(contact.street())).toList();
            assertTrue(emailFrom.stream().anyMatch(a -> phoneFrom.stream().anyMatch(b -> a.source() != b.source())),
                    "email of one record, phone and address of another: " + bridge);
            assertTrue(contact.emailKey() != null && contact.phoneKey() != null, contact.toString());
        }
    }

    @Test
    void mistakenEmailIsTheHouseholdPartnersAndNightThreeRestoresIt() {
        var mistakes = nights.get(2).changes().stream().filter(c -> c.get(1).equals("mistaken_email")).toList();
        var corrections = nights.get(3).changes().stream().filter(c -> c.get(1).equals("corrected_email")).toList();
        assertFalse(mistakes.isEmpty(), "at least one mix-up");
        assertEquals(mistakes.stream().map(c -> c.subList(2, 6)).toList(),
                corrections.stream().map(c -> c.subList(2, 6)).toList(), "night 3 corrects the contacts of night 2");
        for (var mistake : mistakes) {
            String contactId = mistake.get(3);
            String own = mistake.get(4);
            String partner = mistake.get(5);
            assertNotEquals(own, partner);
            assertTrue(nights.get(1).hazards().contains("household/" + own + "/" + partner)
                    || nights.get(1).hazards().contains("household/" + partner + "/" + own), mistake.toString());
            var night1 = nights.get(1).crmFields(contactId);
            var night2 = nights.get(2).crmFields(contactId);
            var night3 = nights.get(3).crmFields(contactId);
            var partnerEmails = nights.get(2).recordsOf(partner, "crm").stream().map(r -> r.details().email())
                    .collect(Collectors.toSet());
            assertTrue(partnerEmails.contains(night2.email()), night2 + " should carry one of " + partnerEmails);
            assertEquals(night1.email(), night3.email(), "night 3 restores the own email");
            assertEquals(night1.withEmail(night2.email()), night2, "only the email changed");
            assertEquals(night1, night3);
            for (int night = 1; night <= 3; night++) {
                assertTrue(nights.get(night).truth().contains("crm/" + contactId + "/" + own), "truth keeps " + own);
            }
            assertTrue(updatedAt(nights.get(2).crm().get(contactId)).startsWith(NIGHT_DATE.get(2)));
            assertTrue(updatedAt(nights.get(3).crm().get(contactId)).startsWith(NIGHT_DATE.get(3)));
        }
    }

    @Test
    void truthCoversExactlyThatNightsRecords() {
        for (int night = 1; night <= 3; night++) {
            var files = nights.get(night);
            var records = new TreeSet<String>();
            files.crm().keySet().forEach(id -> records.add("crm/" + id));
            files.erp().keySet().forEach(id -> records.add("erp/" + id));
            files.devices().keySet().forEach(id -> records.add("web/" + id));
            var truthRecords = files.truth().stream().map(t -> t.substring(0, t.lastIndexOf('/')))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(records, truthRecords, "night " + night);
            assertEquals(files.truth().size(), truthRecords.size(), "night " + night + " repeats a record");
            assertEquals(summaries.get(night).truthRows(), truthRecords.size());
        }
    }

    private static void assertDeletedAreExactlyTheMissing(Set<String> before, Set<String> after,
                                                          Map<String, String> listed, int night) {
        var missing = new TreeSet<>(before);
        missing.removeAll(after);
        var deleted = new TreeSet<String>();
        listed.forEach((id, kind) -> {
            if (kind.equals("deleted")) {
                deleted.add(id);
            }
        });
        assertEquals(missing, deleted, "night " + night);
    }

    private static void assertNoneIn(Set<String> used, Set<String> fresh, int night) {
        var reused = new TreeSet<>(fresh);
        reused.retainAll(used);
        assertTrue(reused.isEmpty(), "night " + night + " reuses " + reused);
    }

    private static Set<String> newKeys(Set<String> tonight, Set<String> lastNight) {
        var fresh = new HashSet<>(tonight);
        fresh.removeAll(lastNight);
        return fresh;
    }

    private static Set<String> kindsOf(NightFiles night) {
        return night.changes().stream().map(c -> c.get(1)).collect(Collectors.toSet());
    }

    private static ChangeCounts countsOf(List<List<String>> changes) {
        var counts = new TreeMap<String, Integer>();
        changes.forEach(c -> counts.merge(c.get(1), 1, Integer::sum));
        return new ChangeCounts(counts.getOrDefault("new_record", 0), counts.getOrDefault("updated", 0),
                counts.getOrDefault("deleted", 0), counts.getOrDefault("new_orders", 0),
                counts.getOrDefault("new_sessions", 0), counts.getOrDefault("merge_bridge", 0),
                counts.getOrDefault("mistaken_email", 0), counts.getOrDefault("corrected_email", 0));
    }

    /** source_id → kind of the night's changes of one source (each record changes at most once a night). */
    private static Map<String, String> listedIds(NightFiles night, String source) {
        var listed = new TreeMap<String, String>();
        for (var change : night.changes()) {
            if (change.get(2).equals(source)) {
                assertEquals(null, listed.put(change.get(3), change.get(1)), "listed twice: " + change);
            }
        }
        return listed;
    }

    private static String updatedAt(String crmLine) {
        return crmLine.substring(crmLine.lastIndexOf(',') + 1);
    }

    private static Set<String> sessionsOf(List<String> lines) {
        return lines.stream().map(line -> json(line).get("session_id")).collect(Collectors.toSet());
    }

    private static Map<String, String> json(String line) {
        var fields = new TreeMap<String, String>();
        Matcher matcher = JSON_FIELD.matcher(line);
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2));
        }
        return fields;
    }

    /**
     * One night's written files, keyed for comparison: raw CSV lines by id (ids are never quoted), a device's event
     * lines in file order, the change rows, and truth and hazards as {@code a/b/c} strings.
     */
    private record NightFiles(Map<String, String> crm, Map<String, String> erp, Map<String, String> orders,
                              Map<String, List<String>> devices, List<List<String>> changes, Set<String> truth,
                              Set<String> hazards, Map<String, List<List<String>>> crmRows,
                              Map<String, List<List<String>>> erpRows) {

        static NightFiles read(Path dir) throws IOException {
            var devices = new TreeMap<String, List<String>>();
            for (String line : Files.readAllLines(dir.resolve("clickstream_events.jsonl"), StandardCharsets.UTF_8)) {
                devices.computeIfAbsent(json(line).get("device_id"), d -> new ArrayList<>()).add(line);
            }
            Path changes = dir.resolve("changes.csv");
            return new NightFiles(linesById(dir.resolve("crm_contacts.csv")), linesById(dir.resolve("erp_customers.csv")),
                    linesById(dir.resolve("erp_orders.csv")), devices,
                    Files.exists(changes) ? dataRows(changes) : List.of(), joined(dir.resolve("truth.csv")),
                    joined(dir.resolve("truth_hazards.csv")), rowsById(dir.resolve("crm_contacts.csv")),
                    rowsById(dir.resolve("erp_customers.csv")));
        }

        CrmFields crmFields(String contactId) {
            return CrmFields.of(crmRows.get(contactId).get(0));
        }

        /** The entity's CRM or ERP records of this night, as the generator views them. */
        List<SourceRecord> recordsOf(String entityId, String source) {
            var records = new ArrayList<SourceRecord>();
            for (String t : truth) {
                var parts = t.split("/");
                if (parts[0].equals(source) && parts[2].equals(entityId)) {
                    var row = (source.equals("crm") ? crmRows : erpRows).get(parts[1]).get(0);
                    records.add(source.equals("crm")
                            ? new SourceRecord(Source.CRM, row.get(0), entityId, new ContactDetails(row.get(5),
                                    row.get(6), row.get(7), row.get(8), row.get(9), row.get(10)))
                            : new SourceRecord(Source.ERP, row.get(0), entityId, new ContactDetails(row.get(7),
                                    row.get(6), row.get(2), row.get(3), row.get(4), row.get(5))));
                }
            }
            return records;
        }

        /** Session and esp ids of every event and contact: the random-looking ids that must never repeat. */
        Set<String> hexIds() {
            var ids = new HashSet<String>();
            crmRows.values().forEach(rows -> ids.add(rows.get(0).get(13)));
            devices.values().forEach(lines -> lines.forEach(line -> ids.add(json(line).get("session_id"))));
            return ids;
        }

        private static Map<String, String> linesById(Path file) throws IOException {
            var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            var byId = new TreeMap<String, String>();
            for (String line : lines.subList(1, lines.size())) {
                assertEquals(null, byId.put(line.substring(0, line.indexOf(',')), line), "repeated id in " + file);
            }
            return byId;
        }

        private static Map<String, List<List<String>>> rowsById(Path file) throws IOException {
            var byId = new TreeMap<String, List<List<String>>>();
            dataRows(file).forEach(row -> byId.computeIfAbsent(row.get(0), id -> new ArrayList<>()).add(row));
            return byId;
        }

        private static Set<String> joined(Path file) throws IOException {
            return dataRows(file).stream().map(row -> String.join("/", row)).collect(Collectors.toSet());
        }

        private static List<List<String>> dataRows(Path file) throws IOException {
            var rows = StrictCsv.read(file);
            return rows.subList(1, rows.size());
        }
    }

    /** The columns of a CRM row a scenario is about; everything else is compared whole. */
    private record CrmFields(String email, String phone, String street, List<String> rest) {
        static CrmFields of(List<String> row) {
            var rest = new ArrayList<>(row);
            rest.set(5, "");
            rest.remove(rest.size() - 1); // updated_at
            return new CrmFields(row.get(5), row.get(6), row.get(7), rest);
        }

        CrmFields withEmail(String other) {
            return new CrmFields(other, phone, street, rest);
        }

        String emailKey() {
            return MatchKeys.email(email);
        }

        String phoneKey() {
            return MatchKeys.phone(phone);
        }
    }
}
