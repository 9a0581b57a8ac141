package io.scv.eval;

import java.util.List;

/**
 * Everything an evaluation measured, for people ({@link #toText()}) and scripts ({@link #toJson()}). Each part is
 * null when it was not measured: a warehouse crosswalk alone gives clusters but no candidate or scored pairs.
 *
 * @param truth          what the truth holds
 * @param clusters       the final clustering against the truth
 * @param blocking       candidate pairs against the truth
 * @param thresholdSweep the scored pairs clustered at each threshold
 * @param comparisons    comparison levels against the truth
 */
public record EvaluationReport(TruthSummary truth, ClusterMetrics clusters, BlockingMetrics blocking,
                               ThresholdSweepResult thresholdSweep, List<LevelMetrics> comparisons) {
    public EvaluationReport {
        comparisons = comparisons == null ? null : List.copyOf(comparisons);
    }

    /** A report with only the truth; add parts with the {@code with} methods. */
    public static EvaluationReport of(TruthSummary truth) {
        return new EvaluationReport(truth, null, null, null, null);
    }

    public EvaluationReport withClusters(ClusterMetrics c) {
        return new EvaluationReport(truth, c, blocking, thresholdSweep, comparisons);
    }

    public EvaluationReport withBlocking(BlockingMetrics b) {
        return new EvaluationReport(truth, clusters, b, thresholdSweep, comparisons);
    }

    public EvaluationReport withThresholdSweep(ThresholdSweepResult s) {
        return new EvaluationReport(truth, clusters, blocking, s, comparisons);
    }

    public EvaluationReport withComparisons(List<LevelMetrics> levels) {
        return new EvaluationReport(truth, clusters, blocking, thresholdSweep, levels);
    }

    /** Aligned plain-text tables, one section per part that was measured. */
    public String toText() {
        return ReportText.of(this);
    }

    /**
     * One JSON object with the keys {@code truth}, {@code clusters}, {@code blocking}, {@code threshold_sweep} and
     * {@code comparisons} (null when not measured); numbers are JSON numbers, undefined ratios are null.
     */
    public String toJson() {
        return ReportJson.of(this);
    }
}
