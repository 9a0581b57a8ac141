package io.scv.eval;

import org.junit.jupiter.api.Test;

import static io.scv.eval.EvalFixtures.clusters;
import static io.scv.eval.EvalFixtures.table;
import static io.scv.eval.EvalFixtures.truth;
import static org.junit.jupiter.api.Assertions.*;

class ClusterEvaluationTest {
    private static final double EPS = 1e-9;
    private static final String ENTITIES = "a b c | d e | f";

    @Test
    void sixRecordsCountedByHand() {
        // truth {a,b,c} {d,e} {f}; clusters {a,b} {c,d,e} {f}
        // pairwise: true pairs ab ac bc de = 4; predicted ab cd ce de = 4; TP ab de = 2; FP cd ce = 2; FN ac bc = 2
        // B-cubed precision, |cluster ∩ entity| / |cluster|: a 2/2, b 2/2, c 1/3, d 2/3, e 2/3, f 1/1 = 14/3 -> 7/9
        // B-cubed recall, |cluster ∩ entity| / |entity|:     a 2/3, b 2/3, c 1/3, d 2/2, e 2/2, f 1/1 = 14/3 -> 7/9
        var m = ClusterEvaluation.evaluate(clusters("a b | c d e | f"), truth(ENTITIES));
        var p = m.pairwise();
        assertEquals(6, p.records());
        assertEquals(new PairCounts(4, 4, 2), p.counts());
        assertEquals(2, p.counts().falsePositives());
        assertEquals(2, p.counts().falseNegatives());
        assertEquals(0.5, p.precision(), EPS);
        assertEquals(0.5, p.recall(), EPS);
        assertEquals(7.0 / 9, m.bCubed().precision(), EPS);
        assertEquals(7.0 / 9, m.bCubed().recall(), EPS);
        assertEquals(7.0 / 9, m.bCubed().f1(), EPS);
        assertNull(m.labelledPairs());
    }

    @Test
    void oneClusterOfEverythingHasFullRecallButLowPrecision() {
        // predicted pairs C(6,2) = 15, of which the 4 true pairs are right: P 4/15, R 1
        // B-cubed precision: a, b, c 3/6; d, e 2/6; f 1/6 = 14/6 over 6 records -> 7/18; recall 1
        var m = ClusterEvaluation.evaluate(clusters("a b c d e f"), truth(ENTITIES));
        assertEquals(new PairCounts(4, 15, 4), m.pairwise().counts());
        assertEquals(4.0 / 15, m.pairwise().precision(), EPS);
        assertEquals(7.0 / 18, m.bCubed().precision(), EPS);
        assertEquals(1.0, m.bCubed().recall(), EPS);
    }

    @Test
    void onlyRecordsInBothClusteringAndTruthAreScored() {
        // x is in the run only, y in the truth only; over a, b, c: truth {a,b,c}, clusters {a,b} {c}
        // pairwise TP ab, FN ac bc; B-cubed precision 1, recall (2/3 + 2/3 + 1/3) / 3 = 5/9
        var m = ClusterEvaluation.evaluate(clusters("a b x | c"), truth("a b c y"));
        assertEquals(3, m.pairwise().records());
        assertEquals(1, m.pairwise().recordsNotInTruth());
        assertEquals(1, m.pairwise().truthRecordsNotInRun());
        assertEquals(new PairCounts(3, 1, 1), m.pairwise().counts());
        assertEquals(1.0, m.bCubed().precision(), EPS);
        assertEquals(5.0 / 9, m.bCubed().recall(), EPS);
    }

    @Test
    void labelledPairsShowTheFalseMergesTheLabelsProve() {
        // positive s:a-s:b, s:c-s:d; negative s:a-s:c, s:b-s:e
        // clusters {a,b,c} {d} {e}: together a-b (positive) and a-c (negative); c-d split; b-e split
        var truth = Truth.ofLabelledPairs(table("source_l, source_id_l, source_r, source_id_r, is_match",
                "('s','a','s','b','1'), ('s','c','s','d','1'), ('s','a','s','c','0'), ('s','b','s','e','0')"));
        var m = ClusterEvaluation.evaluate(clusters("s:a s:b s:c | s:d | s:e"), truth).labelledPairs();
        assertEquals(new LabelledPairMetrics(2, 1, 2, 1), m);
        assertEquals(0.5, m.precision(), EPS);
        assertEquals(0.5, m.recall(), EPS);
    }
}
