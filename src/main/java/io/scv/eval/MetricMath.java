package io.scv.eval;

/** Arithmetic the metric records share. */
final class MetricMath {
    private MetricMath() {
    }

    /** Harmonic mean of precision and recall; 0 when both are 0. */
    static double f1(double precision, double recall) {
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /** {@code n} choose 2. */
    static long pairs(long n) {
        return n * (n - 1) / 2;
    }
}
