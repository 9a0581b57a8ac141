package io.scv.eval;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.scv.eval.EvalFixtures.recordKeys;
import static io.scv.eval.EvalFixtures.table;
import static io.scv.eval.EvalFixtures.truth;
import static org.junit.jupiter.api.Assertions.*;

class BlockingEvaluationTest {
    private static final double EPS = 1e-9;
    // seven records in three sources; web:z is in the truth (with web:f) but not in the run
    private static final String RECORDS = "crm:a crm:b erp:c erp:d web:e web:f web:g";
    private static final String ENTITIES = "crm:a crm:b erp:c | erp:d web:e | web:f web:z";

    private static Dataset<Row> candidates(String rows) {
        return table("l_key, r_key, rules", rows);
    }

    @Test
    void recallReductionRatioAndRulesCountedByHand() {
        // true pairs among the records in the run: a-b, a-c, b-c, d-e = 4 (f-z does not count: z is not in the run)
        // candidates: a-b [email], a-c [email, phone], c-d [phone], d-e [phone], f-g [email]
        // found a-b, a-c, d-e = 3 -> recall 3/4; b-c found by no rule; pair quality 3/5
        // comparable pairs C(7,2) = 21 -> reduction ratio 1 - 5/21 = 16/21
        // email: 3 candidates, found a-b a-c, only email a-b; phone: 3 candidates, found a-c d-e, only phone d-e
        var keys = recordKeys(RECORDS);
        long comparable = BlockingEvaluation.comparablePairs(keys, Set.of());
        assertEquals(21, comparable);
        var m = BlockingEvaluation.evaluate(candidates("('crm:a','crm:b',array('email')), "
                + "('crm:a','erp:c',array('email','phone')), ('erp:c','erp:d',array('phone')), "
                + "('erp:d','web:e',array('phone')), ('web:f','web:g',array('email'))"), keys, truth(ENTITIES),
                comparable);
        assertEquals(6, m.truthRecords());
        assertEquals(5, m.candidatePairs());
        assertEquals(4, m.truePairs());
        assertEquals(3, m.truePairsFound());
        assertEquals(1, m.truePairsMissed());
        assertEquals(0.75, m.recall(), EPS);
        assertEquals(16.0 / 21, m.reductionRatio(), EPS);
        assertEquals(0.6, m.pairQuality(), EPS);
        assertEquals(List.of(new RuleBlockingMetrics("email", 3, 2, 1), new RuleBlockingMetrics("phone", 3, 2, 1)),
                m.perRule());
        assertEquals(0.5, m.recallOf(m.perRule().get(0)), EPS);
    }

    @Test
    void pairsInsideASourceNotLinkedWithinItselfAreNeitherComparableNorTrue() {
        // crm is not linked within itself: a-b leaves the true pairs (3 left: a-c, b-c, d-e) and the comparable
        // pairs (21 - 1 = 20); candidates a-c [email, phone], c-d [phone], d-e [phone], f-g [email]
        // found a-c, d-e -> recall 2/3; reduction ratio 1 - 4/20 = 0.8; nothing only email found
        var keys = recordKeys(RECORDS);
        long comparable = BlockingEvaluation.comparablePairs(keys, Set.of("crm"));
        assertEquals(20, comparable);
        var m = BlockingEvaluation.evaluate(candidates("('crm:a','erp:c',array('email','phone')), "
                + "('erp:c','erp:d',array('phone')), ('erp:d','web:e',array('phone')), "
                + "('web:f','web:g',array('email'))"), keys, truth(ENTITIES), comparable, Set.of("crm"));
        assertEquals(3, m.truePairs());
        assertEquals(1, m.truePairsNotComparable());
        assertEquals(2, m.truePairsFound());
        assertEquals(2.0 / 3, m.recall(), EPS);
        assertEquals(0.8, m.reductionRatio(), EPS);
        assertEquals(List.of(new RuleBlockingMetrics("email", 2, 1, 0), new RuleBlockingMetrics("phone", 3, 2, 1)),
                m.perRule());
    }

    @Test
    void candidatesWithoutRulesStillGiveRecall() {
        // a-b and d-e found of a-b, a-c, b-c, d-e
        var m = BlockingEvaluation.evaluate(table("l_key, r_key", "('crm:a','crm:b'), ('erp:d','web:e')"),
                recordKeys(RECORDS), truth(ENTITIES), 21);
        assertEquals(0.5, m.recall(), EPS);
        assertEquals(List.of(), m.perRule());
    }

    @Test
    void moreCandidatesThanComparablePairsIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> BlockingEvaluation.evaluate(
                candidates("('crm:a','crm:b',array('email')), ('crm:a','erp:c',array('email'))"),
                recordKeys(RECORDS), truth(ENTITIES), 1));
        assertEquals("comparable pairs must be at least the 2 candidate pairs, was: 1", e.getMessage());
    }
}
