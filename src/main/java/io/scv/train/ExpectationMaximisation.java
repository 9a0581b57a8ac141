package io.scv.train;

import java.util.Arrays;
import java.util.List;

/**
 * Fellegi–Sunter parameters by expectation-maximisation over level patterns, on the driver (the patterns of
 * millions of pairs are a few thousand rows). Two latent classes, match and non-match; comparisons independent
 * given the class. Each iteration: the E-step gives every pattern its match probability from λ, m and u; the
 * M-step re-estimates λ as the expected share of matches and m (u) as the expected share of matching
 * (non-matching) pairs at each level, counting only pairs where the comparison was not null. Starts from m
 * favouring the first (strictest) level and from the given u; stops when no parameter moves by more than the
 * tolerance.
 */
public final class ExpectationMaximisation {
    private static final double FLOOR = 1e-12;

    private ExpectationMaximisation() {
    }

    /**
     * @param levelCounts number of levels of each comparison
     * @param initialU    starting u per comparison and level (for example from random pairs)
     */
    public static Result estimate(List<Pattern> patterns, int[] levelCounts, double[][] initialU, int maxIterations,
                                  double tolerance) {
        return estimate(patterns, levelCounts, initialU, false, maxIterations, tolerance);
    }

    /**
     * @param fixU true to keep u as given (u from random pairs) and estimate only λ and m: identifiable with fewer
     *             comparisons, and right where the pairs' non-matches look like random pairs on the comparisons used
     */
    public static Result estimate(List<Pattern> patterns, int[] levelCounts, double[][] initialU, boolean fixU,
                                  int maxIterations, double tolerance) {
        int k = levelCounts.length;
        double[][] m = new double[k][];
        double[][] u = new double[k][];
        for (int c = 0; c < k; c++) {
            m[c] = initialM(levelCounts[c]);
            u[c] = normalise(Arrays.copyOf(initialU[c], levelCounts[c]));
        }
        double lambda = initialLambda(patterns, m, u);
        double[] posterior = new double[patterns.size()];
        int iteration = 0;
        boolean converged = false;
        while (iteration < maxIterations && !converged) {
            iteration++;
            posteriors(patterns, m, u, lambda, posterior);
            double[][] mNew = new double[k][];
            double[][] uNew = new double[k][];
            for (int c = 0; c < k; c++) {
                mNew[c] = new double[levelCounts[c]];
                uNew[c] = new double[levelCounts[c]];
            }
            double matches = 0;
            double total = 0;
            for (int i = 0; i < patterns.size(); i++) {
                Pattern p = patterns.get(i);
                double w = p.count() * posterior[i];
                double v = p.count() * (1 - posterior[i]);
                matches += w;
                total += p.count();
                for (int c = 0; c < k; c++) {
                    int level = p.levels()[c];
                    if (level >= 0) {
                        mNew[c][level] += w;
                        uNew[c][level] += v;
                    }
                }
            }
            double lambdaNew = clamp(matches / total);
            double moved = Math.abs(lambdaNew - lambda);
            for (int c = 0; c < k; c++) {
                normalise(mNew[c]);
                if (fixU) {
                    uNew[c] = u[c];
                } else {
                    normalise(uNew[c]);
                }
                for (int l = 0; l < levelCounts[c]; l++) {
                    moved = Math.max(moved, Math.max(Math.abs(mNew[c][l] - m[c][l]), Math.abs(uNew[c][l] - u[c][l])));
                }
            }
            m = mNew;
            u = uNew;
            lambda = lambdaNew;
            converged = moved <= tolerance;
        }
        posteriors(patterns, m, u, lambda, posterior);
        return new Result(m, u, lambda, posterior, iteration, converged);
    }

    /** Match probability of each pattern under λ, m, u, into {@code out}. */
    static void posteriors(List<Pattern> patterns, double[][] m, double[][] u, double lambda, double[] out) {
        for (int i = 0; i < patterns.size(); i++) {
            double logRatio = Math.log(lambda) - Math.log(1 - lambda);
            int[] levels = patterns.get(i).levels();
            for (int c = 0; c < levels.length; c++) {
                if (levels[c] >= 0) {
                    logRatio += Math.log(Math.max(m[c][levels[c]], FLOOR)) - Math.log(Math.max(u[c][levels[c]], FLOOR));
                }
            }
            out[i] = 1 / (1 + Math.exp(-logRatio));
        }
    }

    /** Strictest level most likely for a match: 0.7 first, 0.05 last, the rest shared in between. */
    static double[] initialM(int levels) {
        double[] m = new double[levels];
        if (levels == 1) {
            m[0] = 1;
        } else if (levels == 2) {
            m[0] = 0.95;
            m[1] = 0.05;
        } else {
            m[0] = 0.7;
            m[levels - 1] = 0.05;
            for (int l = 1; l < levels - 1; l++) {
                m[l] = 0.25 / (levels - 2);
            }
        }
        return m;
    }

    /** Share of pairs the starting parameters call matches: a start for λ on the right side of the data. */
    private static double initialLambda(List<Pattern> patterns, double[][] m, double[][] u) {
        double[] p = new double[patterns.size()];
        posteriors(patterns, m, u, 0.5, p);
        double matches = 0;
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            matches += p[i] > 0.5 ? patterns.get(i).count() : 0;
            total += patterns.get(i).count();
        }
        return total == 0 ? 0.5 : Math.min(0.99, Math.max(0.01, matches / total));
    }

    private static double[] normalise(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = sum == 0 ? 1.0 / v.length : Math.max(v[i] / sum, FLOOR);
        }
        return v;
    }

    private static double clamp(double lambda) {
        return Math.min(1 - 1e-9, Math.max(1e-9, lambda));
    }

    /**
     * @param m          per comparison and level, share of matches
     * @param u          per comparison and level, share of non-matches among the pairs EM saw (blocked pairs)
     * @param lambda     share of matches among those pairs
     * @param posterior  match probability of each input pattern
     */
    public record Result(double[][] m, double[][] u, double lambda, double[] posterior, int iterations,
                         boolean converged) {
    }
}
