package io.scv.cluster;

import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class ClusterConstraintsTest {
    /** Only duplicate-free sources and link density: no size limit, hard identifiers or overrides. */
    private static ClusterConstraints.Rules rules(Set<String> duplicateFree, double minLinkDensity) {
        return new ClusterConstraints.Rules(duplicateFree, minLinkDensity, 0, List.of(), List.of());
    }

    @Test
    void aChainThroughAnotherSourceNoLongerJoinsTwoRecordsOfADuplicateFreeSource() {
        var spark = SparkTestSession.get();
        // a:1 - b:1 (score 30) - a:2 (score 10): one component with two records of duplicate-free source a.
        // c:1 - a:3 is an ordinary cluster and stays as it is.
        var clusters = spark.createDataFrame(List.of(
                RowFactory.create("a:1", 1L), RowFactory.create("b:1", 1L), RowFactory.create("a:2", 1L),
                RowFactory.create("c:1", 2L), RowFactory.create("a:3", 2L), RowFactory.create("b:9", 3L)),
                new StructType().add("record_key", DataTypes.StringType).add("cluster", DataTypes.LongType));
        var edges = spark.createDataFrame(List.of(
                RowFactory.create("a:1", "b:1", 30.0), RowFactory.create("a:2", "b:1", 10.0),
                RowFactory.create("a:3", "c:1", 12.0)),
                new StructType().add("l_key", DataTypes.StringType).add("r_key", DataTypes.StringType)
                        .add("score", DataTypes.DoubleType));
        var sources = clusters.selectExpr("record_key", "split(record_key, ':')[0] as source");

        var result = ClusterConstraints.apply(clusters, edges, sources, rules(Set.of("a"), 0));

        Map<String, Long> cluster = result.clusters().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        assertEquals(cluster.get("a:1"), cluster.get("b:1"), "the strongest link is kept");
        assertNotEquals(cluster.get("a:1"), cluster.get("a:2"), "the weaker link is cut");
        assertEquals(2L, cluster.get("c:1"));
        assertEquals(2L, cluster.get("a:3"));
        assertEquals(3L, cluster.get("b:9"));
        assertEquals(List.of(new ClusterConstraints.CutEdge("a:2", "b:1", 10.0)), result.cutEdges());
        assertEquals(1, result.splits().size());
        assertEquals(3, result.splits().get(0).records());
        assertEquals(2, result.splits().get(0).parts());
    }

    @Test
    void componentsRebuiltEachInItsOwnTaskEndAsTheyWouldAllTogether() {
        // 60 random components of 1 to 8 records from sources a (duplicate-free) and b, with random edges: apply
        // rebuilds each component apart on the executors; rebuild over every record at once is the reference
        var spark = SparkTestSession.get();
        var random = new java.util.Random(7);
        var clusterRows = new java.util.ArrayList<Row>();
        var edgeRows = new java.util.ArrayList<Row>();
        for (int c = 0; c < 60; c++) {
            int size = 1 + random.nextInt(8);
            for (int i = 0; i < size; i++) {
                String key = (random.nextBoolean() ? "a:" : "b:") + c + "." + i;
                clusterRows.add(RowFactory.create(key, (long) c));
                if (i > 0) {
                    String other = clusterRows.get(clusterRows.size() - 1 - 1 - random.nextInt(i)).getString(0);
                    edgeRows.add(RowFactory.create(other, key, 5.0 + random.nextInt(20)));
                }
            }
        }
        // a component's id is its smallest vertex id, as connected components gives it
        var clusters = spark.createDataFrame(clusterRows,
                new StructType().add("record_key", DataTypes.StringType).add("component", DataTypes.LongType))
                .selectExpr("record_key", "min(xxhash64(record_key)) over (partition by component) as cluster");
        var edges = spark.createDataFrame(edgeRows, new StructType().add("l_key", DataTypes.StringType)
                .add("r_key", DataTypes.StringType).add("score", DataTypes.DoubleType));
        var sources = clusters.selectExpr("record_key", "split(record_key, ':')[0] as source");
        var rules = rules(Set.of("a"), 0.5);

        var result = ClusterConstraints.apply(clusters, edges, sources, rules);

        var members = clusters.join(sources, "record_key")
                .selectExpr("record_key", "source", "cluster", "xxhash64(record_key) as vid").collectAsList();
        var all = ClusterConstraints.rebuild(members, edgeRows, rules);
        Map<String, Long> expected = all.assignment().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        Map<String, Long> actual = result.clusters().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        assertEquals(expected, actual);
        assertEquals(Set.copyOf(all.cutEdges()), Set.copyOf(result.cutEdges()));
        assertEquals(all.splits(), result.splits());
        assertTrue(result.splits().size() > 5, "the fixture splits several components: " + result.splits().size());

        // told which records have an edge, apply gathers only those and ends the same, the flag kept
        var withEdge = edgeRows.stream().flatMap(e -> java.util.stream.Stream.of(e.getString(0), e.getString(1)))
                .collect(Collectors.toSet());
        var flagged = clusters.withColumn(ConnectedComponents.LINKED,
                org.apache.spark.sql.functions.col("record_key").isin(withEdge.toArray()));
        var fromLinked = ClusterConstraints.apply(flagged, edges, sources, rules);
        assertEquals(actual, fromLinked.clusters().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1))));
        assertEquals(withEdge, fromLinked.clusters().filter(ConnectedComponents.LINKED).collectAsList().stream()
                .map(r -> r.getString(0)).collect(Collectors.toSet()));
        assertEquals(Set.copyOf(all.cutEdges()), Set.copyOf(fromLinked.cutEdges()));
        assertEquals(all.splits(), fromLinked.splits());
        assertTrue(clusterRows.size() > withEdge.size(), "the fixture has records without an edge");
    }

    @Test
    void withoutDuplicateFreeSourcesNothingChanges() {
        var spark = SparkTestSession.get();
        var clusters = spark.createDataFrame(List.of(RowFactory.create("a:1", 1L), RowFactory.create("a:2", 1L)),
                new StructType().add("record_key", DataTypes.StringType).add("cluster", DataTypes.LongType));
        var result = ClusterConstraints.apply(clusters, null, null, rules(Set.of(), 0));
        assertSame(clusters, result.clusters());
        assertTrue(result.cutEdges().isEmpty());
    }

    @Test
    void greedyRebuildKeepsOneRecordPerSourceAndPrefersStrongEdges() {
        // star: b:1 is linked to a:1 (5), a:2 (9), a:3 (7); c:1 to a:1 (8). Expect {b:1, a:2} and {c:1, a:1}, {a:3}
        List<Row> members = List.of(
                RowFactory.create("b:1", "b", 1L, 100L), RowFactory.create("a:1", "a", 1L, 101L),
                RowFactory.create("a:2", "a", 1L, 102L), RowFactory.create("a:3", "a", 1L, 103L),
                RowFactory.create("c:1", "c", 1L, 104L));
        List<Row> edges = List.of(
                RowFactory.create("a:1", "b:1", 5.0), RowFactory.create("a:2", "b:1", 9.0),
                RowFactory.create("a:3", "b:1", 7.0), RowFactory.create("a:1", "c:1", 8.0));
        var rebuilt = ClusterConstraints.rebuild(members, edges, rules(Set.of("a", "b", "c"), 0));
        Map<String, Long> cluster = rebuilt.assignment().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        assertEquals(100L, cluster.get("b:1"));
        assertEquals(100L, cluster.get("a:2"), "smallest vertex id of the part names it");
        assertEquals(101L, cluster.get("a:1"));
        assertEquals(101L, cluster.get("c:1"));
        assertEquals(103L, cluster.get("a:3"));
        assertEquals(2, rebuilt.cutEdges().size());
    }

    @Test
    void aChainHangingOnOneLinkBetweenTwoDenseGroupsIsCut() {
        // {x1, x2, x3} all linked to each other, {y1, y2, y3} likewise, and one weaker edge x3 - y1 between them:
        // when it comes up, 1 of the 9 pairs between the groups matches, below a density of 0.2
        List<Row> members = new java.util.ArrayList<>();
        long vid = 10;
        for (String k : List.of("x1", "x2", "x3", "y1", "y2", "y3")) {
            members.add(RowFactory.create(k, "s", 1L, vid++));
        }
        List<Row> edges = List.of(
                RowFactory.create("x1", "x2", 20.0), RowFactory.create("x1", "x3", 19.0),
                RowFactory.create("x2", "x3", 18.0), RowFactory.create("y1", "y2", 20.0),
                RowFactory.create("y1", "y3", 19.0), RowFactory.create("y2", "y3", 18.0),
                RowFactory.create("x3", "y1", 5.0));
        var rebuilt = ClusterConstraints.rebuild(members, edges, rules(Set.of(), 0.2));
        Map<String, Long> cluster = rebuilt.assignment().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        assertEquals(cluster.get("x1"), cluster.get("x3"));
        assertEquals(cluster.get("y1"), cluster.get("y3"));
        assertNotEquals(cluster.get("x1"), cluster.get("y1"));
        assertEquals(List.of(new ClusterConstraints.CutEdge("x3", "y1", 5.0)), rebuilt.cutEdges());
        assertEquals(1, rebuilt.splits().size());
        // without the density rule it is one cluster
        var plain = ClusterConstraints.rebuild(members, edges, rules(Set.of(), 0));
        assertEquals(1, plain.assignment().stream().map(r -> r.getLong(1)).distinct().count());
    }

    @Test
    void aCannotLinkPairIsKeptApartHoweverStronglyAChainJoinsThem() {
        // p1 - p2 - p3 - p4: a chain of strong edges; people said p1 and p4 are two different customers.
        // The weakest edge on the path between them (p2 - p3) is the one refused.
        var spark = SparkTestSession.get();
        var clusters = spark.createDataFrame(List.of(RowFactory.create("p1", 7L), RowFactory.create("p2", 7L),
                        RowFactory.create("p3", 7L), RowFactory.create("p4", 7L)),
                new StructType().add("record_key", DataTypes.StringType).add("cluster", DataTypes.LongType));
        var edges = spark.createDataFrame(List.of(RowFactory.create("p1", "p2", 30.0),
                        RowFactory.create("p2", "p3", 12.0), RowFactory.create("p3", "p4", 25.0)),
                new StructType().add("l_key", DataTypes.StringType).add("r_key", DataTypes.StringType)
                        .add("score", DataTypes.DoubleType));
        var sources = clusters.selectExpr("record_key", "'s' as source");
        var cannot = new Overrides(List.of(), List.of(new Overrides.Pair("p4", "p1")));

        var result = ClusterConstraints.apply(clusters, edges, sources,
                new ClusterConstraints.Rules(Set.of(), 0, 0, List.of(), cannot.cannotLink()));

        Map<String, Long> cluster = result.clusters().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        assertEquals(cluster.get("p1"), cluster.get("p2"));
        assertEquals(cluster.get("p3"), cluster.get("p4"));
        assertNotEquals(cluster.get("p1"), cluster.get("p4"));
        assertEquals(List.of(new ClusterConstraints.CutEdge("p2", "p3", 12.0)), result.cutEdges());
        // without the override the rules (no density, no duplicate-free source) leave the chain whole
        assertSame(clusters, ClusterConstraints.apply(clusters, edges, sources, rules(Set.of(), 0)).clusters());
    }

    @Test
    void aMustLinkEdgeJoinsWhatTheRulesWouldKeepApart() {
        // a:1 and a:2 are both of duplicate-free source a and share no match; people said they are one customer
        List<Row> members = List.of(RowFactory.create("a:1", "a", 1L, 11L), RowFactory.create("a:2", "a", 1L, 12L),
                RowFactory.create("b:1", "b", 1L, 13L));
        List<Row> edges = List.of(RowFactory.create("a:1", "a:2", Overrides.MUST_LINK_SCORE),
                RowFactory.create("a:2", "b:1", 9.0));
        var rebuilt = ClusterConstraints.rebuild(members, edges, rules(Set.of("a"), 0.5));
        assertEquals(1, rebuilt.assignment().stream().map(r -> r.getLong(1)).distinct().count(),
                "must-link joins a:1 and a:2 despite the duplicate-free source; b:1 then meets the density rule (1 of 2)");
    }

    @Test
    void cannotLinkWinsOverMustLink() {
        List<Row> members = List.of(RowFactory.create("k1", "s", 1L, 1L), RowFactory.create("k2", "s", 1L, 2L),
                RowFactory.create("k3", "s", 1L, 3L));
        List<Row> edges = List.of(RowFactory.create("k1", "k2", Overrides.MUST_LINK_SCORE),
                RowFactory.create("k2", "k3", Overrides.MUST_LINK_SCORE));
        var rebuilt = ClusterConstraints.rebuild(members, edges,
                new ClusterConstraints.Rules(Set.of(), 0, 0, List.of(), List.of(new Overrides.Pair("k1", "k3"))));
        Map<String, Long> cluster = rebuilt.assignment().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        assertNotEquals(cluster.get("k1"), cluster.get("k3"));
    }

    @Test
    void anOversizedChainThroughOneBadLinkIsSplitBackIntoItsTrueGroups() {
        // A~B~...~M is one person's 13 records, N~...~Z another's; each chain is held by strong edges (18-20) and
        // one weak but matching link M~N (6) joins them into one component of 26 records.
        var spark = SparkTestSession.get();
        var keys = new java.util.ArrayList<Row>();
        var edgeRows = new java.util.ArrayList<Row>();
        for (char c = 'A'; c <= 'Z'; c++) {
            keys.add(RowFactory.create(String.valueOf(c), "s"));
            if (c != 'Z') {
                double score = c == 'M' ? 6.0 : 18.0 + (c % 3);
                edgeRows.add(RowFactory.create(String.valueOf(c), String.valueOf((char) (c + 1)), score));
            }
        }
        var records = spark.createDataFrame(keys,
                new StructType().add("record_key", DataTypes.StringType).add("source", DataTypes.StringType));
        var edges = spark.createDataFrame(edgeRows, new StructType().add("l_key", DataTypes.StringType)
                .add("r_key", DataTypes.StringType).add("score", DataTypes.DoubleType));
        var components = ConnectedComponents.run(records.select("record_key"), edges,
                new io.scv.config.ClusterSettings(100, 5));
        assertEquals(1, components.select("cluster").distinct().count(), "connected components chain all 26");

        var rules = new ClusterConstraints.Rules(Set.of(), 0, 20, List.of(), List.of());
        var result = ClusterConstraints.apply(components, edges, records, rules);

        Map<String, Long> cluster = result.clusters().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        for (char c = 'A'; c <= 'Z'; c++) {
            char first = c <= 'M' ? 'A' : 'N';
            assertEquals(cluster.get(String.valueOf(first)), cluster.get(String.valueOf(c)), "record " + c);
        }
        assertNotEquals(cluster.get("A"), cluster.get("Z"));
        assertEquals(List.of(new ClusterConstraints.CutEdge("M", "N", 6.0)), result.cutEdges());
        assertEquals(1, result.splits().size());
        var split = result.splits().get(0);
        assertEquals(26, split.records());
        assertEquals(2, split.parts());
        assertEquals(List.of(ClusterConstraints.MAX_SIZE), split.reasons());
        assertEquals(2, split.clusters().size());
        // a limit above the component's size leaves it whole
        var loose = ClusterConstraints.apply(components, edges, records,
                new ClusterConstraints.Rules(Set.of(), 0, 26, List.of(), List.of()));
        assertEquals(1, loose.clusters().select("cluster").distinct().count());
        assertTrue(loose.splits().isEmpty());
    }

    @Test
    void twoDifferentValuesOfAHardIdentifierNeverEndInOneCustomer() {
        // p1 (national id X) - p2 (none) - p3 (national id Y): p2 goes with its stronger link; p3 stays apart.
        // q1 and q2 carry the same national id and stay together; r1 - r2 have work and personal emails.
        var spark = SparkTestSession.get();
        var records = spark.createDataFrame(List.of(
                        RowFactory.create("p1", "crm", "x 1", "personal"), RowFactory.create("p2", "web", null, null),
                        RowFactory.create("p3", "crm", "y 2", "personal"),
                        RowFactory.create("q1", "crm", "z 3", null), RowFactory.create("q2", "erp", "z 3", null),
                        RowFactory.create("r1", "crm", null, "business"), RowFactory.create("r2", "erp", null, "personal")),
                new StructType().add("record_key", DataTypes.StringType).add("source", DataTypes.StringType)
                        .add("national_id", DataTypes.StringType).add("email_kind", DataTypes.StringType));
        var clusters = records.selectExpr("record_key",
                "case substr(record_key, 1, 1) when 'p' then 1L when 'q' then 2L else 3L end as cluster");
        var edges = spark.createDataFrame(List.of(RowFactory.create("p1", "p2", 30.0),
                        RowFactory.create("p2", "p3", 12.0), RowFactory.create("q1", "q2", 9.0),
                        RowFactory.create("r1", "r2", 15.0)),
                new StructType().add("l_key", DataTypes.StringType).add("r_key", DataTypes.StringType)
                        .add("score", DataTypes.DoubleType));

        var byId = ClusterConstraints.apply(clusters, edges, records,
                new ClusterConstraints.Rules(Set.of(), 0, 0, List.of("national_id"), List.of()));
        Map<String, Long> cluster = byId.clusters().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        assertEquals(cluster.get("p1"), cluster.get("p2"));
        assertNotEquals(cluster.get("p2"), cluster.get("p3"));
        assertEquals(cluster.get("q1"), cluster.get("q2"), "one value twice is no conflict");
        assertEquals(cluster.get("r1"), cluster.get("r2"), "email kinds are not a rule unless configured");
        assertEquals(List.of(new ClusterConstraints.CutEdge("p2", "p3", 12.0)), byId.cutEdges());
        assertEquals(List.of("cannot_link national_id"), byId.splits().get(0).reasons());

        var withKinds = ClusterConstraints.apply(clusters, edges, records,
                new ClusterConstraints.Rules(Set.of(), 0, 0, List.of("national_id", "email_kind"), List.of()));
        cluster = withKinds.clusters().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        assertNotEquals(cluster.get("r1"), cluster.get("r2"), "a work and a personal email kept apart");
        assertEquals(cluster.get("p1"), cluster.get("p2"), "two personal emails (and a null) may join");
        assertEquals(2, withKinds.splits().size());
    }

    @Test
    void aMustLinkEdgeOutranksTheSizeLimitAndHardIdentifiers() {
        List<Row> members = List.of(RowFactory.create("m1", "s", 1L, 1L, "a"), RowFactory.create("m2", "s", 1L, 2L, "b"));
        List<Row> edges = List.<Row>of(RowFactory.create("m1", "m2", Overrides.MUST_LINK_SCORE));
        var rebuilt = ClusterConstraints.rebuild(members, edges,
                new ClusterConstraints.Rules(Set.of(), 0, 1, List.of("national_id"), List.of()));
        assertEquals(1, rebuilt.assignment().stream().map(r -> r.getLong(1)).distinct().count());
        assertTrue(rebuilt.splits().isEmpty());
    }

    @Test
    void onlyComponentsARuleCouldSplitAreRebuilt() {
        var fieldRule = new ClusterConstraints.Rules(Set.of("erp"), 0, 0, List.of("national_id"), List.of());
        Row crm1 = RowFactory.create("crm:1", "crm", 1L, 1L, "N1");
        Row crm2 = RowFactory.create("crm:2", "crm", 1L, 2L, null);
        Row erp1 = RowFactory.create("erp:1", "erp", 1L, 3L, "N1");
        assertFalse(ClusterConstraints.mayBreakRules(List.of(crm1, crm2, erp1), fieldRule, Set.of()),
                "one value (and a null), one record of the duplicate-free source");
        assertTrue(ClusterConstraints.mayBreakRules(List.of(crm1, RowFactory.create("crm:3", "crm", 1L, 4L, "N2")),
                fieldRule, Set.of()), "two values of a hard identifier");
        assertTrue(ClusterConstraints.mayBreakRules(List.of(erp1, RowFactory.create("erp:2", "erp", 1L, 5L, null)),
                fieldRule, Set.of()), "two records of a duplicate-free source");
        assertTrue(ClusterConstraints.mayBreakRules(List.of(crm1, crm2), fieldRule, Set.of("crm:1", "crm:2")),
                "both records of a cannot-link override");
        assertFalse(ClusterConstraints.mayBreakRules(List.of(crm1, crm2), fieldRule, Set.of("crm:1", "web:7")));
        var density = new ClusterConstraints.Rules(Set.of(), 0.3, 0, List.of(), List.of());
        assertFalse(ClusterConstraints.mayBreakRules(List.of(crm1, crm2), density, Set.of()),
                "two records joined by their edge are as dense as can be");
        assertTrue(ClusterConstraints.mayBreakRules(List.of(crm1, crm2, erp1), density, Set.of()));
        var size = new ClusterConstraints.Rules(Set.of(), 0, 2, List.of(), List.of());
        assertFalse(ClusterConstraints.mayBreakRules(List.of(crm1, crm2), size, Set.of()));
        assertTrue(ClusterConstraints.mayBreakRules(List.of(crm1, crm2, erp1), size, Set.of()));
    }
}
