package io.scv.train;

/**
 * The prior match probability over all comparable pairs, given the trained weights: the fixed point of "prior =
 * expected matches among the blocked pairs / comparable pairs", where each blocked pair's match probability comes
 * from the prior and its evidence (sum of level weights). Pairs that no rule blocks are taken as non-matches.
 */
public final class Prior {
    private static final int MAX_ITERATIONS = 500;

    private final double probability;
    private final double[] posteriors;
    private final double expectedMatches;

    private Prior(double probability, double[] posteriors, double expectedMatches) {
        this.probability = probability;
        this.posteriors = posteriors;
        this.expectedMatches = expectedMatches;
    }

    /**
     * @param evidence        per group of blocked pairs, the sum of its level weights (log2)
     * @param counts          pairs per group
     * @param comparable      all comparable pairs
     * @param startMatches    a first guess of the matches
     */
    public static Prior estimate(double[] evidence, long[] counts, double comparable, double startMatches) {
        double prior = clamp(startMatches / comparable);
        double[] post = new double[evidence.length];
        double matches = 0;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double w = Math.log(prior / (1 - prior)) / Math.log(2);
            matches = 0;
            for (int i = 0; i < evidence.length; i++) {
                post[i] = 1 / (1 + Math.pow(2, -(w + evidence[i])));
                matches += counts[i] * post[i];
            }
            double next = clamp(matches / comparable);
            boolean done = Math.abs(next - prior) <= 1e-9 * prior;
            prior = next;
            if (done) {
                break;
            }
        }
        return new Prior(prior, post, matches);
    }

    private static double clamp(double p) {
        return Math.min(0.5, Math.max(1e-15, p));
    }

    public double probability() {
        return probability;
    }

    /** log2 of the prior odds. */
    public double weight() {
        return Math.log(probability / (1 - probability)) / Math.log(2);
    }

    /** Per group, the match probability under the final prior. */
    public double[] posteriors() {
        return posteriors.clone();
    }

    public double expectedMatches() {
        return expectedMatches;
    }
}
