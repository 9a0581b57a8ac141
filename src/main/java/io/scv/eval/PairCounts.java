package io.scv.eval;

/**
 * Pairwise confusion counts against the truth: true pairs (same entity), predicted pairs (same cluster, or an edge)
 * and true positives (both). Precision or recall of nothing to find is 1.
 */
public record PairCounts(long truePairs, long predictedPairs, long truePositives) {
    public PairCounts {
        if (truePositives > truePairs || truePositives > predictedPairs || truePositives < 0) {
            throw new IllegalArgumentException(String.format("true positives must be between 0 and both true pairs "
                    + "(%d) and predicted pairs (%d), was: %d", truePairs, predictedPairs, truePositives));
        }
    }

    public long falsePositives() {
        return predictedPairs - truePositives;
    }

    public long falseNegatives() {
        return truePairs - truePositives;
    }

    public double precision() {
        return predictedPairs == 0 ? 1.0 : (double) truePositives / predictedPairs;
    }

    public double recall() {
        return truePairs == 0 ? 1.0 : (double) truePositives / truePairs;
    }

    public double f1() {
        return MetricMath.f1(precision(), recall());
    }
}
