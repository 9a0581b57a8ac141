package io.scv.eval;

import java.util.Comparator;
import java.util.List;

/**
 * A threshold sweep, thresholds ascending. Thresholds with more than {@code maxEdges} edges were not clustered and
 * carry pairwise numbers before clustering only.
 */
public record ThresholdSweepResult(List<ThresholdMetrics> thresholds, long maxEdges) {
    public ThresholdSweepResult {
        thresholds = List.copyOf(thresholds);
        long configured = thresholds.stream().filter(ThresholdMetrics::configured).count();
        if (configured != 1) {
            throw new IllegalArgumentException("a sweep marks exactly one threshold as configured, was: "
                    + configured + " of " + thresholds.size());
        }
    }

    /**
     * The threshold with the best pairwise F1 after clustering, the higher threshold on a tie. Only if no threshold
     * could be clustered, the best by pairwise F1 before clustering.
     */
    public ThresholdMetrics best() {
        boolean anyClustered = thresholds.stream().anyMatch(ThresholdMetrics::clustered);
        Comparator<ThresholdMetrics> byF1 = Comparator.comparingDouble(m -> anyClustered
                ? m.afterClustering().f1() : m.beforeClustering().f1());
        return thresholds.stream().filter(m -> !anyClustered || m.clustered())
                .max(byF1.thenComparingDouble(ThresholdMetrics::threshold)).orElseThrow();
    }

    /** The threshold the configuration uses. */
    public ThresholdMetrics configured() {
        return thresholds.stream().filter(ThresholdMetrics::configured).findFirst().orElseThrow();
    }

    /** Whether some thresholds had too many edges to cluster on the driver. */
    public boolean partlyClustered() {
        return thresholds.stream().anyMatch(m -> !m.clustered());
    }
}
