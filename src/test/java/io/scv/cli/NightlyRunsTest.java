package io.scv.cli;

import io.scv.config.ConfigLoader;
import io.scv.identity.LineageEvent;
import io.scv.publish.Tables;
import io.scv.sample.SampleGenerator;
import io.scv.sample.SampleOptions;
import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Three nights of the generated sample (new, updated and deleted records, a merge bridge, an email mixed up in a
 * household on night 2 and corrected on night 3) through the whole job into one warehouse, and night 2 run twice.
 * The expected IDs are worked out here from the crosswalks alone (DESIGN §7), not from the assigner's code.
 */
class NightlyRunsTest {
    private static final int CUSTOMERS = 800;
    private static final long SEED = 11;
    private static final List<String> CONTENT_TABLES = List.of(Tables.CUSTOMER, Tables.CUSTOMER_XREF,
            Tables.MATCH_EVIDENCE, Tables.QUARANTINE, Tables.ID_LINEAGE);

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static String warehouse;
    private static final List<Map<String, String>> xrefs = new ArrayList<>();
    private static final List<List<Row>> events = new ArrayList<>();
    private static final List<List<String[]>> changes = new ArrayList<>();
    private static Map<String, List<String>> night2Tables;
    private static Map<String, List<String>> night2AgainTables;
    private static RunSummary night2Again;
    private static RunSummary night2Full;
    private static RunSummary night2Incremental;
    private static Map<String, List<String>> incrementalTables;

    @BeforeAll
    static void runThreeNightsAndNightTwoTwice() throws IOException {
        spark = SparkTestSession.get();
        warehouse = dir.resolve("warehouse").toString();
        for (int night = 1; night <= 3; night++) {
            var config = ConfigLoader.load(extracts(night)).withWarehouse(warehouse);
            var summary = new ScvJob(spark).run(config);
            xrefs.add(xref());
            events.add(spark.read().format("delta").load(Tables.path(warehouse, Tables.ID_LINEAGE))
                    .filter(col("run_id").equalTo(summary.runId()))
                    .select("event", "customer_id", "related_id").collectAsList());
            changes.add(night == 1 ? List.of() : readChanges(dir.resolve("night" + night).resolve("changes.csv")));
            if (night == 1) {
                copy(Path.of(warehouse), dir.resolve("incremental"));
            }
            if (night == 2) {
                night2Full = summary;
                night2Tables = contents();
                night2Again = new ScvJob(spark).run(config);
                night2AgainTables = contents();
                String incremental = dir.resolve("incremental").toString();
                night2Incremental = new ScvJob(spark).run(config.withWarehouse(incremental), true);
                incrementalTables = contents(incremental);
            }
        }
    }

    /** Writes night N's extracts and a copy of the default config that reads them. */
    private static Path extracts(int night) throws IOException {
        Path out = dir.resolve("night" + night);
        new SampleGenerator(SampleOptions.defaults(CUSTOMERS, SEED).withNights(night)).writeTo(out, true);
        String yaml = Files.readString(Path.of("conf/scv.yaml")).replace("../sample-data/", "");
        Path config = out.resolve("scv.yaml");
        Files.writeString(config, yaml);
        return config;
    }

    private static Map<String, String> xref() {
        var map = new HashMap<String, String>();
        for (Row r : spark.read().format("delta").load(Tables.path(warehouse, Tables.CUSTOMER_XREF))
                .select("record_key", "customer_id").collectAsList()) {
            map.put(r.getString(0), r.getString(1));
        }
        return map;
    }

    /** Every content table's rows as sorted strings. */
    private static Map<String, List<String>> contents() {
        return contents(warehouse);
    }

    private static Map<String, List<String>> contents(String warehouse) {
        var all = new TreeMap<String, List<String>>();
        for (String table : CONTENT_TABLES) {
            all.put(table, spark.read().format("delta").load(Tables.path(warehouse, table)).collectAsList().stream()
                    .map(Row::toString).sorted().toList());
        }
        return all;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static List<String[]> readChanges(Path file) throws IOException {
        return Files.readAllLines(file).stream().skip(1).map(l -> l.split(",", -1)).toList();
    }

    /** Record keys ({@code source:source_id}) that a night's changes.csv lists, whatever the change. */
    private static Set<String> changedKeys(int night) {
        return changes.get(night - 1).stream().map(c -> c[2] + ":" + c[3]).collect(Collectors.toSet());
    }

    private static Map<String, Set<String>> members(Map<String, String> xref) {
        var members = new HashMap<String, Set<String>>();
        xref.forEach((key, id) -> members.computeIfAbsent(id, k -> new HashSet<>()).add(key));
        return members;
    }

    private static Map<String, String> eventsOf(int night, String event) {
        var map = new HashMap<String, String>();
        for (Row r : events.get(night - 1)) {
            if (r.getString(0).equals(event)) {
                map.put(r.getString(1), r.getString(2));
            }
        }
        return map;
    }

    @Test
    void everyCustomerWhoseRecordsDidNotChangeKeepsItsId() {
        for (int night = 2; night <= 3; night++) {
            var before = xrefs.get(night - 2);
            var after = xrefs.get(night - 1);
            var changed = changedKeys(night);
            int unchanged = 0;
            for (var customer : members(before).entrySet()) {
                boolean recordsUnchanged = customer.getValue().stream().noneMatch(changed::contains);
                var nowWith = customer.getValue().stream().map(after::get).collect(Collectors.toSet());
                boolean joinedByAnotherCustomer = after.entrySet().stream()
                        .anyMatch(e -> nowWith.contains(e.getValue()) && before.containsKey(e.getKey())
                                && !customer.getValue().contains(e.getKey()));
                if (recordsUnchanged && !joinedByAnotherCustomer) {
                    unchanged++;
                    assertEquals(Set.of(customer.getKey()), nowWith, "night " + night + ": customer "
                            + customer.getKey() + " with unchanged records got " + nowWith);
                }
            }
            assertTrue(unchanged > 0.8 * members(before).size(), "night " + night + ": most customers are untouched"
                    + " (" + unchanged + " of " + members(before).size() + ")");
        }
    }

    @Test
    void everyMergeIsInTheLineageWithTheIdThatHadMostRecords() {
        int merges = 0;
        for (int night = 2; night <= 3; night++) {
            var before = xrefs.get(night - 2);
            var after = xrefs.get(night - 1);
            var mergedInto = eventsOf(night, LineageEvent.MERGED_INTO);
            var retired = eventsOf(night, LineageEvent.RETIRED);
            var liveIds = new HashSet<>(after.values());
            for (var old : members(before).entrySet()) {
                if (liveIds.contains(old.getKey())) {
                    continue;
                }
                var remaining = old.getValue().stream().filter(after::containsKey).toList();
                if (remaining.isEmpty()) {
                    assertTrue(retired.containsKey(old.getKey()), "an ID without records is retired");
                    continue;
                }
                merges++;
                String survivor = mergedInto.get(old.getKey());
                assertNotNull(survivor, "night " + night + ": " + old.getKey() + " vanished without a lineage event");
                var heldBySurvivor = remaining.stream().filter(k -> after.get(k).equals(survivor)).count();
                var heldByAnyOther = remaining.stream().collect(Collectors.groupingBy(after::get,
                        Collectors.counting())).values().stream().mapToLong(Long::longValue).max().orElseThrow();
                assertEquals(heldByAnyOther, heldBySurvivor, "merged into the customer holding most of its records");
                long survivorsOwn = members(before).get(survivor) == null ? 0 : members(before).get(survivor)
                        .stream().filter(k -> survivor.equals(after.get(k))).count();
                assertTrue(survivorsOwn >= heldBySurvivor, "the surviving ID had at least as many records ("
                        + survivorsOwn + " vs " + heldBySurvivor + ")");
            }
        }
        assertTrue(merges >= 1, "the planted bridges merge at least one pair of customers");
        var bridged = changes.get(1).stream().filter(c -> c[1].equals("merge_bridge")).map(c -> c[4]).toList();
        assertFalse(bridged.isEmpty());
    }

    @Test
    void everySplitIsInTheLineageAndTheLargestPartKeepsTheId() {
        int splits = 0;
        for (int night = 2; night <= 3; night++) {
            var before = xrefs.get(night - 2);
            var after = xrefs.get(night - 1);
            var splitFrom = eventsOf(night, LineageEvent.SPLIT_FROM);
            var created = eventsOf(night, LineageEvent.CREATED);
            var oldIds = new HashSet<>(before.values());
            for (var customer : members(after).entrySet()) {
                String id = customer.getKey();
                if (oldIds.contains(id)) {
                    continue;
                }
                var previousOwners = customer.getValue().stream().filter(before::containsKey).map(before::get)
                        .collect(Collectors.groupingBy(o -> o, Collectors.counting()));
                if (previousOwners.isEmpty()) {
                    assertTrue(created.containsKey(id), "a customer of new records only is created: " + id);
                    continue;
                }
                splits++;
                String origin = splitFrom.get(id);
                assertNotNull(origin, "night " + night + ": new ID " + id + " holds earlier customers' records "
                        + previousOwners + " but no split_from event");
                assertTrue(previousOwners.containsKey(origin));
                long keptPart = before.entrySet().stream().filter(e -> e.getValue().equals(origin))
                        .map(e -> after.get(e.getKey())).filter(origin::equals).count();
                if (keptPart > 0) {
                    assertTrue(keptPart >= previousOwners.get(origin), "the part that kept " + origin
                            + " is at least as large as the part split off");
                }
            }
        }
        assertTrue(splits >= 1, "the corrected household email splits at least one customer");
    }

    @Test
    void noIdIsEverIssuedTwice() {
        var issued = new HashSet<String>();
        var everLive = new HashSet<String>();
        for (int night = 1; night <= 3; night++) {
            for (Row e : events.get(night - 1)) {
                if (e.getString(0).equals(LineageEvent.CREATED) || e.getString(0).equals(LineageEvent.SPLIT_FROM)) {
                    assertTrue(issued.add(e.getString(1)), "issued twice: " + e.getString(1));
                    assertFalse(everLive.contains(e.getString(1)), "reused: " + e.getString(1));
                }
            }
            everLive.addAll(xrefs.get(night - 1).values());
        }
        assertEquals(everLive, issued, "every ID that was ever live was issued once, by a lineage event");
    }

    @Test
    void runningTheSameNightAgainChangesNoTable() {
        assertEquals(night2Tables, night2AgainTables);
        assertEquals(Map.of(), night2Again.idEvents());
    }

    @Test
    void anIncrementalRunOfNightTwoPublishesWhatTheFullRunDoes() {
        assertTrue(night2Incremental.candidatePairs() < night2Full.candidatePairs() / 2,
                "incremental pairs only the changed records: " + night2Incremental.candidatePairs() + " of "
                        + night2Full.candidatePairs() + " candidate pairs");
        var full = withoutRunIds(night2Tables);
        var incremental = withoutRunIds(incrementalTables);
        for (String table : CONTENT_TABLES) {
            assertEquals(full.get(table).size(), incremental.get(table).size(), table);
            assertEquals(full.get(table), incremental.get(table), table);
        }
    }

    /** Rows without their run id (and lineage time), which differ between two runs of the same night. */
    private static Map<String, List<String>> withoutRunIds(Map<String, List<String>> tables) {
        var out = new TreeMap<String, List<String>>();
        tables.forEach((t, rows) -> out.put(t, rows.stream()
                .map(r -> r.replaceAll("\\d{8}T\\d{6}Z-[0-9a-f]{8}", "RUN"))
                .map(r -> t.equals(Tables.ID_LINEAGE) ? r.replaceAll("RUN,[^,]*,", "RUN,TIME,") : r)
                .sorted().toList()));
        return out;
    }
}
