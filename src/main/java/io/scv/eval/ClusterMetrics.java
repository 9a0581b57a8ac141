package io.scv.eval;

/**
 * Quality of a clustering against the truth, over the records in both: pairwise and B-cubed; with a labelled-pairs
 * truth also how the labelled pairs fared ({@code labelledPairs} is null otherwise).
 */
public record ClusterMetrics(PairwiseMetrics pairwise, BCubedMetrics bCubed, LabelledPairMetrics labelledPairs) {
    public ClusterMetrics {
        if (pairwise == null || bCubed == null) {
            throw new IllegalArgumentException("pairwise and B-cubed metrics are required, were: " + pairwise + ", "
                    + bCubed);
        }
    }
}
