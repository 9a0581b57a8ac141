package io.scv.eval;

/**
 * B-cubed quality of a clustering over the records in both clustering and truth: per record, the share of its
 * cluster that is its entity (precision) and the share of its entity that is in its cluster (recall), averaged
 * over the records. Unlike pairwise numbers, a large cluster does not outweigh many small ones quadratically.
 */
public record BCubedMetrics(long records, double precision, double recall) {
    public BCubedMetrics {
        if (records < 0) {
            throw new IllegalArgumentException("records must be at least 0, was: " + records);
        }
    }

    /** From per-record sums of the two shares; an empty evaluation scores 1. */
    static BCubedMetrics fromSums(long records, double precisionSum, double recallSum) {
        return records == 0 ? new BCubedMetrics(0, 1, 1)
                : new BCubedMetrics(records, precisionSum / records, recallSum / records);
    }

    public double f1() {
        return MetricMath.f1(precision, recall);
    }
}
