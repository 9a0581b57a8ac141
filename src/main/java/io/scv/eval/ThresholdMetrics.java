package io.scv.eval;

/**
 * One threshold of a sweep: its edges (pairs at or above it), the pairwise numbers of the edges themselves, and,
 * when the edges were few enough to cluster on the driver, the pairwise and B-cubed numbers after union-find
 * clustering ({@code afterClustering} and {@code bCubed} are null otherwise). Clustering adds the transitive pairs:
 * a–b and b–c as edges put a–c together too.
 */
public record ThresholdMetrics(double threshold, boolean configured, long edges, PairCounts beforeClustering,
                               PairCounts afterClustering, BCubedMetrics bCubed) {
    public ThresholdMetrics {
        if ((afterClustering == null) != (bCubed == null)) {
            throw new IllegalArgumentException("pairwise and B-cubed numbers after clustering come together, were: "
                    + afterClustering + ", " + bCubed);
        }
    }

    public boolean clustered() {
        return afterClustering != null;
    }
}
