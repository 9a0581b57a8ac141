package io.scv.identity;

import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Clusters are written as {@code "a b c | d e"}: record keys separated by spaces, clusters by bars. The previous
 * run is the assignment of an earlier call, fed back as the previous crosswalk.
 */
class CustomerIdAssignerTest {
    private static final StructType CLUSTERS = new StructType()
            .add("record_key", DataTypes.StringType).add("cluster", DataTypes.LongType);

    private static Dataset<Row> clusters(String spec) {
        var rows = new ArrayList<Row>();
        long cluster = 0;
        for (String group : spec.split("\\|")) {
            cluster++;
            for (String key : group.trim().split("\\s+")) {
                rows.add(RowFactory.create(key, cluster * 1000));
            }
        }
        return SparkTestSession.get().createDataFrame(rows, CLUSTERS);
    }

    /** One night: the IDs per record key, the events, and what the next night sees as previous. */
    private record Night(Map<String, String> ids, List<Row> events, PreviousIdentity asPrevious) {
        String id(String key) {
            return ids.get(key);
        }

        List<String> events(String event) {
            return events.stream().filter(r -> r.getString(0).equals(event))
                    .map(r -> r.getString(1) + "->" + r.getString(2)).sorted().toList();
        }
    }

    private static Night night(String spec, PreviousIdentity previous, Map<String, Timestamp> issuedBefore,
                               Timestamp now) {
        var spark = SparkTestSession.get();
        var assignment = CustomerIdAssigner.assign(clusters(spec), previous);
        var ids = new TreeMap<String, String>();
        var xrefRows = new ArrayList<Row>();
        for (Row r : assignment.records().select("record_key", "customer_id").collectAsList()) {
            ids.put(r.getString(0), r.getString(1));
            xrefRows.add(r);
        }
        var events = assignment.events().select("event", "customer_id", "related_id", "records").collectAsList();
        assignment.release();
        var issued = new TreeMap<>(issuedBefore);
        for (Row e : events) {
            if (e.getString(0).equals(LineageEvent.CREATED) || e.getString(0).equals(LineageEvent.SPLIT_FROM)) {
                issued.put(e.getString(1), now);
            }
        }
        var issuedRows = issued.entrySet().stream().map(e -> RowFactory.create(e.getKey(), e.getValue())).toList();
        var next = new PreviousIdentity(spark.createDataFrame(xrefRows, PreviousIdentity.XREF_SCHEMA),
                spark.createDataFrame(issuedRows, PreviousIdentity.ISSUED_SCHEMA));
        return new Night(ids, events, next);
    }

    private static Night first(String spec) {
        return night(spec, PreviousIdentity.none(SparkTestSession.get()), Map.of(), Timestamp.valueOf(
                "2026-01-01 00:00:00"));
    }

    private static Night next(Night before, String spec, String day) {
        var issued = new TreeMap<String, Timestamp>();
        for (Row r : before.asPrevious().issued().collectAsList()) {
            issued.put(r.getString(0), r.getTimestamp(1));
        }
        return night(spec, before.asPrevious(), issued, Timestamp.valueOf(day + " 00:00:00"));
    }

    @Test
    void theFirstRunCreatesOneIdPerClusterFromItsSmallestKey() {
        var n1 = first("a b | c | d e f");
        assertEquals(n1.id("a"), n1.id("b"));
        assertNotEquals(n1.id("a"), n1.id("c"));
        assertEquals(3, n1.events(LineageEvent.CREATED).size());
        assertTrue(n1.id("d").matches("scv-[0-9a-f]{16}"));
    }

    @Test
    void unchangedClustersKeepTheirIdsAndProduceNoEvents() {
        var n1 = first("a b | c | d e f");
        var n2 = next(n1, "d e f | c | a b", "2026-01-02");
        assertEquals(n1.ids(), n2.ids());
        assertTrue(n2.events().isEmpty(), n2.events().toString());
    }

    @Test
    void aGrowingClusterKeepsItsIdAndNewRecordsGetNewIds() {
        var n1 = first("a b | c");
        var n2 = next(n1, "a b x | c | y", "2026-01-02");
        assertEquals(n1.id("a"), n2.id("x"));
        assertEquals(n1.id("c"), n2.id("c"));
        assertEquals(List.of(n2.id("y") + "->null"), n2.events(LineageEvent.CREATED));
    }

    @Test
    void mergesTwoClustersKeepsTheIdWithMoreRecords() {
        var n1 = first("a b | c d e");
        var n2 = next(n1, "a b c d e", "2026-01-02");
        String survivor = n1.id("c");
        assertEquals(survivor, n2.id("a"));
        assertEquals(List.of(n1.id("a") + "->" + survivor), n2.events(LineageEvent.MERGED_INTO));
    }

    @Test
    void mergesTwoClustersOfEqualSizeKeepsTheOlderId() {
        var n1 = first("a b");
        var n2 = next(n1, "a b | c d", "2026-01-02");
        var n3 = next(n2, "a b c d", "2026-01-03");
        assertEquals(n1.id("a"), n3.id("d"), "a-b's ID is a day older than c-d's");
        assertEquals(List.of(n2.id("c") + "->" + n1.id("a")), n3.events(LineageEvent.MERGED_INTO));
    }

    @Test
    void splitGivesTheLargestPartTheIdAndTheRestNewIds() {
        var n1 = first("a b c d e");
        var n2 = next(n1, "a b | c d e", "2026-01-02");
        assertEquals(n1.id("a"), n2.id("c"), "the three-record part keeps the ID");
        assertNotEquals(n1.id("a"), n2.id("a"));
        assertEquals(List.of(n2.id("a") + "->" + n1.id("a")), n2.events(LineageEvent.SPLIT_FROM));
    }

    @Test
    void anIdIsNeverReusedEvenWhenTheSmallestKeyComesBack() {
        var n1 = first("a b c");
        var n2 = next(n1, "a | b c", "2026-01-02");
        // a's own hash is the ID b-c kept: a must get another one
        assertNotEquals(n2.id("b"), n2.id("a"));
        var n3 = next(n2, "b c", "2026-01-03");
        assertEquals(List.of(n2.id("a") + "->null"), n3.events(LineageEvent.RETIRED));
        var n4 = next(n3, "a | b c", "2026-01-04");
        var everIssued = new HashSet<>(List.of(n1.id("a"), n2.id("a")));
        assertFalse(everIssued.contains(n4.id("a")), "a retired ID is not handed out again");
        assertEquals(n1.id("b"), n4.id("b"));
    }

    @Test
    void theSameInputGivesTheSameIds() {
        var n1 = first("a b c | d");
        var again = first("d | c b a");
        assertEquals(n1.ids(), again.ids());
        var n2 = next(n1, "a | b c | d e", "2026-01-02");
        var n2again = next(n1, "d e | b c | a", "2026-01-02");
        assertEquals(n2.ids(), n2again.ids());
    }

    @Test
    void releaseDropsWhatTheAssignmentKeptAndItsResultsStillCompute() {
        var n1 = first("a b | c | d e f");
        for (var assignment : List.of(CustomerIdAssigner.assign(clusters("a b c | d e | f g")),
                CustomerIdAssigner.assign(clusters("a b c | d e | f g"), n1.asPrevious()))) {
            var records = sorted(assignment.records());
            var events = sorted(assignment.events());
            assertFalse(assignment.cached().isEmpty());
            assertTrue(assignment.cached().stream().allMatch(d -> d.storageLevel().useMemory()));
            assignment.release();
            assertTrue(assignment.cached().stream().allMatch(d -> d.storageLevel().equals(StorageLevel.NONE())),
                    "nothing stays cached");
            assertEquals(records, sorted(assignment.records()));
            assertEquals(events, sorted(assignment.events()));
            assertEquals(7, records.size());
        }
    }

    private static List<String> sorted(Dataset<Row> rows) {
        return rows.collectAsList().stream().map(Row::toString).sorted().toList();
    }
}
