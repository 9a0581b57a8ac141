package io.scv.eval;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.scv.eval.EvalFixtures.recordKeys;
import static io.scv.eval.EvalFixtures.table;
import static io.scv.eval.EvalFixtures.truth;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Records a..h; truth {a,b,c} {d,e} {f,h}, g is in no entity: 5 true pairs (ab ac bc de fh), 7 truth records.
 * Scored pairs: a-b 0.97, b-c 0.9, d-e 0.8, c-g 0.3, d-g 0.3, e-f 0.01; f-h is never scored, so it is a false
 * negative at every threshold.
 */
class ThresholdSweepTest {
    private static final double EPS = 1e-9;
    private static final List<Double> THRESHOLDS = List.of(0.25, 0.6, 0.95);

    private static Dataset<Row> scored() {
        return table("l_key, r_key, probability", "('a','b',0.97D), ('b','c',0.9D), ('d','e',0.8D), "
                + "('c','g',0.3D), ('d','g',0.3D), ('e','f',0.01D)");
    }

    private static ThresholdSweepResult sweep(long maxEdges) {
        return ThresholdSweep.run(scored(), recordKeys("a b c d e f g h"), truth("a b c | d e | f h"), THRESHOLDS,
                0.5, maxEdges);
    }

    private static ThresholdMetrics at(ThresholdSweepResult r, double t) {
        return r.thresholds().stream().filter(m -> m.threshold() == t).findFirst().orElseThrow();
    }

    @Test
    void clustersEachThresholdsEdgesAndPicksTheBestF1() {
        var r = sweep(ThresholdSweep.DEFAULT_MAX_EDGES);
        assertEquals(List.of(0.25, 0.5, 0.6, 0.95), r.thresholds().stream().map(ThresholdMetrics::threshold).toList(),
                "the configured 0.5 is added");
        assertFalse(r.partlyClustered());

        // 0.95: edge a-b; clusters {a,b}: TP 1 of 5 -> P 1, R 1/5
        // B-cubed recall a 2/3, b 2/3, c 1/3, d 1/2, e 1/2, f 1/2, h 1/2 = 11/3 over 7 -> 11/21; precision 1
        var high = at(r, 0.95);
        assertEquals(1, high.edges());
        assertEquals(new PairCounts(5, 1, 1), high.afterClustering());
        assertEquals(1.0, high.bCubed().precision(), EPS);
        assertEquals(11.0 / 21, high.bCubed().recall(), EPS);

        // 0.6 and 0.5: edges a-b b-c d-e; clusters {a,b,c} {d,e}: TP 4, FN f-h -> P 1, R 4/5, F1 8/9
        // B-cubed recall: all 1 except f and h (1/2 each) -> 6/7
        for (double t : List.of(0.5, 0.6)) {
            var m = at(r, t);
            assertEquals(3, m.edges());
            assertEquals(new PairCounts(5, 4, 4), m.afterClustering());
            assertEquals(8.0 / 9, m.afterClustering().f1(), EPS);
            assertEquals(6.0 / 7, m.bCubed().recall(), EPS);
        }
        assertEquals(0.6, r.best().threshold(), "0.5 and 0.6 tie; the higher wins");
        assertEquals(0.5, r.configured().threshold());
        assertTrue(at(r, 0.5).configured());
    }

    @Test
    void aLowThresholdMergesEntitiesThroughARecordOutsideTheTruth() {
        // 0.25 adds c-g and d-g; no edge joins two truth records of different entities (P of edges 1 = 3/3), but
        // union-find puts {a,b,c,d,e,g} into one cluster: C(5,2) = 10 truth pairs, of which 4 true -> 6 transitive
        // false positives (ad ae bd be cd ce); P 0.4, R 4/5
        // B-cubed precision: a, b, c 3/5; d, e 2/5; f, h 1 = 23/5 over 7 -> 23/35; recall 6/7
        var low = at(sweep(ThresholdSweep.DEFAULT_MAX_EDGES), 0.25);
        assertEquals(5, low.edges());
        assertEquals(new PairCounts(5, 3, 3), low.beforeClustering());
        assertEquals(0, low.beforeClustering().falsePositives());
        assertEquals(new PairCounts(5, 10, 4), low.afterClustering());
        assertEquals(6, low.afterClustering().falsePositives());
        assertEquals(23.0 / 35, low.bCubed().precision(), EPS);
        assertEquals(6.0 / 7, low.bCubed().recall(), EPS);
    }

    @Test
    void thresholdsWithTooManyEdgesKeepOnlyTheirNumbersBeforeClustering() {
        var r = sweep(3);
        assertFalse(at(r, 0.25).clustered(), "5 edges > 3");
        assertNull(at(r, 0.25).bCubed());
        assertEquals(new PairCounts(5, 3, 3), at(r, 0.25).beforeClustering());
        assertTrue(at(r, 0.5).clustered());
        assertEquals(new PairCounts(5, 4, 4), at(r, 0.5).afterClustering());
        assertTrue(r.partlyClustered());
        assertEquals(0.6, r.best().threshold());
    }

    @Test
    void withNothingClusteredTheBestIsChosenBeforeClustering() {
        // before clustering F1: 0.95 -> P 1, R 1/5; 0.25, 0.5, 0.6 -> P 1, R 3/5: a three-way tie, the highest wins
        var r = sweep(0);
        assertTrue(r.thresholds().stream().noneMatch(ThresholdMetrics::clustered));
        assertEquals(0.6, r.best().threshold());
    }

    @Test
    void defaultThresholdsRunInTwentiethsUpTo0_95Then0_99And0_999AndTheConfiguredOne() {
        var t = ThresholdSweep.defaultThresholds(0.9);
        assertEquals(21, t.size());
        assertEquals(0.05, t.get(0));
        assertEquals(0.95, t.get(18));
        assertEquals(List.of(0.99, 0.999), t.subList(19, 21));
        assertTrue(t.contains(0.9));
        assertTrue(t.contains(0.35));
        assertEquals(22, ThresholdSweep.defaultThresholds(0.925).size());
        var e = assertThrows(IllegalArgumentException.class, () -> ThresholdSweep.defaultThresholds(1.5));
        assertEquals("a threshold must be in (0, 1], was: 1.5", e.getMessage());
    }
}
