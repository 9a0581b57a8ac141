package io.scv.eval;

/**
 * How the clusters treat the labelled pairs whose records are both clustered: positive pairs kept together, and
 * negative pairs put together (false merges the labels prove). Precision is over the labelled pairs put together;
 * unlike the entity metrics it counts no pair nobody labelled.
 */
public record LabelledPairMetrics(long positivePairs, long positivePairsTogether, long negativePairs,
                                  long negativePairsTogether) {
    public double precision() {
        long together = positivePairsTogether + negativePairsTogether;
        return together == 0 ? 1.0 : (double) positivePairsTogether / together;
    }

    public double recall() {
        return positivePairs == 0 ? 1.0 : (double) positivePairsTogether / positivePairs;
    }

    public double f1() {
        return MetricMath.f1(precision(), recall());
    }
}
