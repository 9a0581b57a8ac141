package io.scv.eval;

import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PairwiseEvaluationTest {
    private static Dataset<Row> table(String columns, String rows) {
        return SparkTestSession.get().sql("select * from values " + rows + " as t(" + columns + ")");
    }

    @Test
    void countsPairsFromClusterAndEntitySizes() {
        // entities: E1 = {a1, b1, c1}, E2 = {a2, b2}; run: {a1, b1}, {c1, a2, b2}
        var truth = table("source, source_id, entity_id", "('a','1','E1'), ('b','1','E1'), ('c','1','E1'), "
                + "('a','2','E2'), ('b','2','E2')");
        var xref = table("source, source_id, customer_id", "('a','1','X'), ('b','1','X'), ('c','1','Y'), "
                + "('a','2','Y'), ('b','2','Y'), ('z','9','Z')");
        PairwiseMetrics m = PairwiseEvaluation.evaluate(xref, truth);
        assertEquals(5, m.records());
        assertEquals(1, m.recordsNotInTruth());
        assertEquals(0, m.truthRecordsNotInRun());
        assertEquals(4, m.truePairs(), "3 in E1 + 1 in E2");
        assertEquals(4, m.predictedPairs(), "1 in X + 3 in Y");
        assertEquals(2, m.truePositives(), "a1-b1 and a2-b2");
        assertEquals(0.5, m.precision(), 1e-12);
        assertEquals(0.5, m.recall(), 1e-12);
        assertEquals(0.5, m.f1(), 1e-12);
        assertTrue(m.toJson().contains("\"f1\":0.500000"), m.toJson());
    }

    @Test
    void aPerfectClusteringScoresOne() {
        var truth = table("source, source_id, entity_id", "('a','1','E1'), ('b','1','E1'), ('a','2','E2')");
        var xref = table("source, source_id, customer_id", "('a','1','X'), ('b','1','X'), ('a','2','Y')");
        PairwiseMetrics m = PairwiseEvaluation.evaluate(xref, truth);
        assertEquals(1.0, m.f1(), 1e-12);
    }
}
