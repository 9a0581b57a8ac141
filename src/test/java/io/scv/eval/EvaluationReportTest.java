package io.scv.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class EvaluationReportTest {
    private static final TruthSummary TRUTH = new TruthSummary(Truth.Kind.RECORD_ENTITY, 7, 3, 0, 0, 0);
    private static final ClusterMetrics CLUSTERS = new ClusterMetrics(new PairwiseMetrics(6, 1, 0, 4, 4, 2),
            new BCubedMetrics(6, 7.0 / 9, 7.0 / 9), null);

    /** The sweep of ThresholdSweepTest with at most 4 edges clustered, and 0.999 added. */
    private static ThresholdSweepResult sweep() {
        var perfect = new PairCounts(5, 4, 4);
        return new ThresholdSweepResult(List.of(
                new ThresholdMetrics(0.25, false, 5, new PairCounts(5, 3, 3), null, null),
                new ThresholdMetrics(0.5, true, 3, new PairCounts(5, 3, 3), perfect, new BCubedMetrics(7, 1, 6.0 / 7)),
                new ThresholdMetrics(0.6, false, 3, new PairCounts(5, 3, 3), perfect, new BCubedMetrics(7, 1, 6.0 / 7)),
                new ThresholdMetrics(0.999, false, 1, new PairCounts(5, 1, 1), new PairCounts(5, 1, 1),
                        new BCubedMetrics(7, 1, 11.0 / 21))), 4);
    }

    private static EvaluationReport fullReport() {
        return EvaluationReport.of(TRUTH).withClusters(CLUSTERS)
                .withBlocking(new BlockingMetrics(6, 21, 5, 4, 0, 3, List.of(
                        new RuleBlockingMetrics("email", 3, 2, 1),
                        new RuleBlockingMetrics("surname_postcode", 3, 2, 1))))
                .withThresholdSweep(sweep())
                .withComparisons(List.of(new LevelMetrics("email", "exact", 3, 0, 0.75, 0, 8),
                        new LevelMetrics("email", "else", 1, 2, 0.25, 1, -2),
                        new LevelMetrics("dob", "null", 1, 0, Double.NaN, Double.NaN, 0)));
    }

    @Test
    void theSweepTableIsAlignedAndMarksTheBestAndTheConfiguredThreshold() {
        String text = fullReport().toText();
        String sweep = text.substring(text.indexOf("Threshold sweep"), text.indexOf("Comparison levels"));
        assertEquals("""
                Threshold sweep: pairs at or above a threshold are edges; union-find joins them into clusters (5 true pairs)
                  P/R edges: the edges alone; clusters: after union-find; B3: B-cubed
                  threshold  edges  P edges  R edges  P clusters  R clusters  F1 clusters    B3 P    B3 R   B3 F1
                  0.250          5   1.0000   0.6000           -           -            -       -       -       -
                  0.500          3   1.0000   0.6000      1.0000      0.8000       0.8889  1.0000  0.8571  0.9231  (configured)
                  0.600          3   1.0000   0.6000      1.0000      0.8000       0.8889  1.0000  0.8571  0.9231  <- best
                  0.999          1   1.0000   0.2000      1.0000      0.2000       0.3333  1.0000  0.5238  0.6875
                  "-": more than 4 edges, too many to cluster on the driver; only the edges themselves are scored
                """, sweep.stripTrailing() + "\n");
    }

    @Test
    void theTextHasASectionPerPartWithAlignedColumns() {
        String text = fullReport().toText();
        assertTrue(text.contains("""
                Clusters: 6 records in both run and truth (1 in the run only, 0 in the truth only)
                            precision  recall      F1
                  pairwise     0.5000  0.5000  0.5000
                  B-cubed      0.7778  0.7778  0.7778
                  pairs: 4 true, 4 predicted, 2 true positives, 2 false positives, 2 false negatives
                """), text);
        assertTrue(text.contains("""
                  rule              candidate pairs  true pairs found  recall  found only by rule
                  email                           3                 2  0.5000                   1
                  surname_postcode                3                 2  0.5000                   1
                """), text);
        assertTrue(text.contains("  dob         null         1            0       -               -         0.00"
                + "                  -\n"), text);
    }

    @Test
    void theJsonHasStableSnakeCaseKeysAndNumbersAsNumbers() throws Exception {
        JsonNode json = new ObjectMapper().readTree(fullReport().toJson());
        assertEquals(List.of("truth", "clusters", "blocking", "threshold_sweep", "comparisons"),
                iterableToList(json.fieldNames()));
        assertEquals("record_entity", json.at("/truth/kind").asText());
        assertTrue(json.at("/clusters/pairwise/true_positives").isIntegralNumber());
        assertEquals(0.5, json.at("/clusters/pairwise/precision").doubleValue());
        assertEquals(7.0 / 9, json.at("/clusters/b_cubed/f1").doubleValue(), 1e-12);
        assertTrue(json.at("/clusters/labelled_pairs").isNull());
        assertEquals(16.0 / 21, json.at("/blocking/reduction_ratio").doubleValue(), 1e-12);
        assertEquals(1, json.at("/blocking/rules/0/true_pairs_found_only_by_rule").intValue());
        assertEquals(0.6, json.at("/threshold_sweep/best_threshold").doubleValue());
        assertEquals(0.5, json.at("/threshold_sweep/configured_threshold").doubleValue());
        var low = json.at("/threshold_sweep/thresholds/0");
        assertFalse(low.get("clustered").booleanValue());
        assertTrue(low.get("after_clustering").isNull());
        assertEquals(3, low.at("/before_clustering/true_positives").intValue());
        assertTrue(json.at("/threshold_sweep/thresholds/2/best").booleanValue());
        assertTrue(json.at("/threshold_sweep/thresholds/1/configured").booleanValue());
        assertTrue(json.at("/comparisons/0/weight_from_truth").isNull(), "u is 0: no finite weight");
        assertEquals(-2.0, json.at("/comparisons/1/weight_from_truth").doubleValue());
        assertTrue(json.at("/comparisons/2/m").isNull(), "the null level has no m");
    }

    @Test
    void aCrosswalkAloneGivesClustersOnly() throws Exception {
        var report = EvaluationReport.of(TRUTH).withClusters(CLUSTERS);
        assertFalse(report.toText().contains("Blocking"));
        assertFalse(report.toText().contains("Threshold sweep"));
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertTrue(json.get("blocking").isNull());
        assertTrue(json.get("threshold_sweep").isNull());
        assertTrue(json.get("comparisons").isNull());
        assertEquals(2, json.at("/clusters/pairwise/true_positives").intValue());
    }

    private static List<String> iterableToList(Iterator<String> it) {
        var list = new ArrayList<String>();
        it.forEachRemaining(list::add);
        return list;
    }
}
