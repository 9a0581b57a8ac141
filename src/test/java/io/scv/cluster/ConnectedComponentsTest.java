package io.scv.cluster;

import io.scv.config.ClusterSettings;
import io.scv.identity.CustomerIdAssigner;
import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ConnectedComponentsTest {
    private static Dataset<Row> keys(int n) {
        return SparkTestSession.get().sql("select concat('s:', lpad(cast(id as string), 3, '0')) as record_key "
                + "from range(" + n + ")");
    }

    private static Dataset<Row> edges(String... pairs) {
        var rows = String.join(", ", java.util.Arrays.stream(pairs)
                .map(p -> "('s:" + p.split("-")[0] + "', 's:" + p.split("-")[1] + "')").toList());
        return SparkTestSession.get().sql("select * from values " + rows + " as t(l_key, r_key)");
    }

    private static Map<String, Long> clusterOf(Dataset<Row> clusters) {
        var m = new HashMap<String, Long>();
        clusters.collectAsList().forEach(r -> m.put(r.getString(0), r.getLong(1)));
        return m;
    }

    private static final ClusterSettings SETTINGS = new ClusterSettings(100, 5);

    @Test
    void aLongChainBecomesOneClusterAndOthersStayApart() {
        var chain = new String[29];
        for (int i = 0; i < 29; i++) {
            chain[i] = String.format("%03d-%03d", i, i + 1);
        }
        for (var algorithm : ConnectedComponents.Algorithm.values()) {
            var c = clusterOf(ConnectedComponents.run(keys(40), edges(chain), SETTINGS, algorithm));
            assertEquals(40, c.size());
            for (int i = 1; i < 30; i++) {
                assertEquals(c.get("s:000"), c.get(String.format("s:%03d", i)));
            }
            assertEquals(11, c.values().stream().distinct().count(), "the chain plus 10 singletons");
        }
    }

    @Test
    void everyAlgorithmLabelsEveryRecordWithTheSmallestVertexIdOfItsComponent() {
        // a star, a cycle, a repeated and a reversed edge, a self-loop, and edges given in both directions
        var pairs = new String[]{"000-001", "000-002", "000-003", "004-005", "005-006", "006-004", "007-008",
                "008-007", "007-008", "009-009", "010-011", "012-011", "013-012", "020-021"};
        var expected = new HashMap<String, Long>();
        var vids = new HashMap<String, Long>();
        for (Row r : keys(30).selectExpr("record_key", "xxhash64(record_key)").collectAsList()) {
            vids.put(r.getString(0), r.getLong(1));
        }
        var groups = List.of(List.of(0, 1, 2, 3), List.of(4, 5, 6), List.of(7, 8), List.of(10, 11, 12, 13),
                List.of(20, 21));
        vids.forEach((key, vid) -> expected.put(key, vid));
        for (var group : groups) {
            long smallest = group.stream().mapToLong(i -> vids.get(String.format("s:%03d", i))).min().orElseThrow();
            group.forEach(i -> expected.put(String.format("s:%03d", i), smallest));
        }
        var withEdge = new java.util.TreeSet<String>();
        for (String p : pairs) {
            withEdge.add("s:" + p.split("-")[0]);
            withEdge.add("s:" + p.split("-")[1]);
        }
        for (var algorithm : ConnectedComponents.Algorithm.values()) {
            var clusters = ConnectedComponents.run(keys(30), edges(pairs), SETTINGS, algorithm);
            assertEquals(expected, clusterOf(clusters), algorithm.toString());
            // linked: every record of a group of two or more, none without an edge; 009's self-loop may go either way
            var linked = new java.util.TreeSet<>(clusters.filter(ConnectedComponents.LINKED).select("record_key")
                    .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
            linked.remove("s:009");
            withEdge.remove("s:009");
            assertEquals(withEdge, linked, algorithm + ": linked means the record may share its cluster");
            assertEquals(30, clusters.count());
        }
        assertEquals(expected, clusterOf(ConnectedComponents.run(keys(30), edges(pairs), SETTINGS)), "chosen");
        assertEquals(expected, clusterOf(ConnectedComponents.run(keys(30), edges(pairs),
                SETTINGS.withDriverMaxEdges(0))), "chosen, none on the driver");
    }

    @Test
    void tooFewGraphxIterationsForTheChainStopTheRun() {
        var chain = new String[29];
        for (int i = 0; i < 29; i++) {
            chain[i] = String.format("%03d-%03d", i, i + 1);
        }
        var e = assertThrows(ClusterInvariantViolated.class,
                () -> ConnectedComponents.run(keys(30), edges(chain), new ClusterSettings(3, 5).withDriverMaxEdges(0)));
        assertTrue(e.getMessage().contains("cluster.max_iterations = 3"), e.getMessage());
        // 29 edges in a row need 5 rounds of large-star/small-star (the diameter's logarithm), not 29
        var star = assertThrows(ClusterInvariantViolated.class, () -> ConnectedComponents.run(keys(30), edges(chain),
                new ClusterSettings(2, 5), ConnectedComponents.Algorithm.STAR));
        assertTrue(star.getMessage().contains("cluster.max_iterations = 2"), star.getMessage());
        assertEquals(1, clusterOf(ConnectedComponents.run(keys(30), edges(chain), new ClusterSettings(8, 5),
                ConnectedComponents.Algorithm.STAR)).values().stream().distinct().count());
    }

    @Test
    void customerIdsDependOnlyOnClusterContent() {
        var first = CustomerIdAssigner.assign(ConnectedComponents.run(keys(5), edges("000-001", "003-004"),
                new ClusterSettings(10, 5)));
        var second = CustomerIdAssigner.assign(ConnectedComponents.run(keys(5).orderBy(
                org.apache.spark.sql.functions.col("record_key").desc()), edges("004-003", "001-000"),
                new ClusterSettings(10, 5)));
        var ids1 = first.records().select("record_key", "customer_id", "cluster_size").orderBy("record_key").collectAsList();
        var ids2 = second.records().select("record_key", "customer_id", "cluster_size").orderBy("record_key").collectAsList();
        assertEquals(ids1, ids2);
        // identity reads the record key and the cluster only: with or without the linked flag, the same IDs and events
        var clusters = ConnectedComponents.run(keys(5), edges("000-001", "003-004"), new ClusterSettings(10, 5));
        var unflagged = CustomerIdAssigner.assign(clusters.drop(ConnectedComponents.LINKED));
        assertEquals(ids1, unflagged.records().select("record_key", "customer_id", "cluster_size")
                .orderBy("record_key").collectAsList());
        assertEquals(first.events().orderBy("customer_id").collectAsList(),
                unflagged.events().orderBy("customer_id").collectAsList());
        assertEquals(List.of("cluster", "cluster_size", "customer_id", "record_key"), java.util.Arrays.stream(
                first.records().columns()).sorted().toList());
        List<String> distinct = ids1.stream().map(r -> r.getString(1)).distinct().toList();
        assertEquals(3, distinct.size());
        assertTrue(distinct.get(0).matches("scv-[0-9a-f]{16}"));
    }
}
