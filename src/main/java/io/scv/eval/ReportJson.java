package io.scv.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The JSON form of an {@link EvaluationReport}. Keys are written out here, in snake_case and in a fixed order, so
 * renaming a Java accessor never changes the format scripts read; NaN (an undefined ratio) becomes null.
 */
final class ReportJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportJson() {
    }

    static String of(EvaluationReport report) {
        var root = JSON.createObjectNode();
        root.set("truth", report.truth() == null ? null : truth(report.truth()));
        root.set("clusters", report.clusters() == null ? null : clusters(report.clusters()));
        root.set("blocking", report.blocking() == null ? null : blocking(report.blocking()));
        root.set("threshold_sweep", report.thresholdSweep() == null ? null : sweep(report.thresholdSweep()));
        root.set("comparisons", report.comparisons() == null ? null : comparisons(report.comparisons()));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("evaluation report not serialisable", e);
        }
    }

    private static ObjectNode truth(TruthSummary t) {
        var n = JSON.createObjectNode();
        n.put("kind", t.kind().label());
        n.put("records", t.records());
        n.put("entities", t.entities());
        n.put("positive_pairs", t.positivePairs());
        n.put("negative_pairs", t.negativePairs());
        n.put("negative_pairs_inside_entities", t.negativePairsInsideEntities());
        return n;
    }

    private static ObjectNode clusters(ClusterMetrics c) {
        var p = c.pairwise();
        var n = JSON.createObjectNode();
        n.put("records", p.records());
        n.put("records_not_in_truth", p.recordsNotInTruth());
        n.put("truth_records_not_in_run", p.truthRecordsNotInRun());
        n.set("pairwise", pairs(p.counts()));
        n.set("b_cubed", bCubed(c.bCubed()));
        var l = c.labelledPairs();
        if (l == null) {
            n.putNull("labelled_pairs");
        } else {
            var ln = n.putObject("labelled_pairs");
            ln.put("positive_pairs", l.positivePairs());
            ln.put("positive_pairs_together", l.positivePairsTogether());
            ln.put("negative_pairs", l.negativePairs());
            ln.put("negative_pairs_together", l.negativePairsTogether());
            number(ln, "precision", l.precision());
            number(ln, "recall", l.recall());
            number(ln, "f1", l.f1());
        }
        return n;
    }

    private static ObjectNode pairs(PairCounts c) {
        var n = JSON.createObjectNode();
        n.put("true_pairs", c.truePairs());
        n.put("predicted_pairs", c.predictedPairs());
        n.put("true_positives", c.truePositives());
        n.put("false_positives", c.falsePositives());
        n.put("false_negatives", c.falseNegatives());
        number(n, "precision", c.precision());
        number(n, "recall", c.recall());
        number(n, "f1", c.f1());
        return n;
    }

    private static ObjectNode bCubed(BCubedMetrics b) {
        var n = JSON.createObjectNode();
        n.put("records", b.records());
        number(n, "precision", b.precision());
        number(n, "recall", b.recall());
        number(n, "f1", b.f1());
        return n;
    }

    private static ObjectNode blocking(BlockingMetrics b) {
        var n = JSON.createObjectNode();
        n.put("truth_records", b.truthRecords());
        n.put("comparable_pairs", b.comparablePairs());
        n.put("candidate_pairs", b.candidatePairs());
        n.put("true_pairs", b.truePairs());
        n.put("true_pairs_not_comparable", b.truePairsNotComparable());
        n.put("true_pairs_found", b.truePairsFound());
        n.put("true_pairs_missed", b.truePairsMissed());
        number(n, "recall", b.recall());
        number(n, "reduction_ratio", b.reductionRatio());
        number(n, "pair_quality", b.pairQuality());
        var rules = n.putArray("rules");
        for (var r : b.perRule()) {
            var rn = rules.addObject();
            rn.put("rule", r.rule());
            rn.put("candidate_pairs", r.candidatePairs());
            rn.put("true_pairs_found", r.truePairsFound());
            rn.put("true_pairs_found_only_by_rule", r.truePairsFoundOnlyByRule());
            number(rn, "recall", b.recallOf(r));
        }
        return n;
    }

    private static ObjectNode sweep(ThresholdSweepResult s) {
        var best = s.best();
        var n = JSON.createObjectNode();
        n.put("best_threshold", best.threshold());
        n.put("configured_threshold", s.configured().threshold());
        n.put("max_edges", s.maxEdges());
        var rows = n.putArray("thresholds");
        for (var m : s.thresholds()) {
            var row = rows.addObject();
            row.put("threshold", m.threshold());
            row.put("configured", m.configured());
            row.put("best", m.threshold() == best.threshold());
            row.put("edges", m.edges());
            row.put("clustered", m.clustered());
            row.set("before_clustering", pairs(m.beforeClustering()));
            row.set("after_clustering", m.clustered() ? pairs(m.afterClustering()) : null);
            row.set("b_cubed", m.clustered() ? bCubed(m.bCubed()) : null);
        }
        return n;
    }

    private static ArrayNode comparisons(List<LevelMetrics> levels) {
        var a = JSON.createArrayNode();
        for (var l : levels) {
            var n = a.addObject();
            n.put("comparison", l.comparison());
            n.put("level", l.level());
            n.put("matches", l.matches());
            n.put("non_matches", l.nonMatches());
            number(n, "m", l.m());
            number(n, "u_candidates", l.uCandidates());
            number(n, "mean_weight", l.meanWeight());
            number(n, "weight_from_truth", l.weightFromTruth());
        }
        return a;
    }

    private static void number(ObjectNode n, String key, double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            n.putNull(key);
        } else {
            n.put(key, x);
        }
    }
}
