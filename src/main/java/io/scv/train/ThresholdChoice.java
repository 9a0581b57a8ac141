package io.scv.train;

import java.util.ArrayList;
import java.util.Comparator;

/**
 * Chooses the match threshold without labels: each scored group of pairs carries the model's probability that its
 * pairs match, so for any cut on the score the expected true positives, false positives and false negatives
 * follow, and with them the expected F1. The cut with the highest expected F1 wins; it is placed halfway between
 * the last score kept and the next one below.
 */
public final class ThresholdChoice {
    private ThresholdChoice() {
    }

    /**
     * @param scores        per group, the score (log2 odds) the run will give it
     * @param probabilities per group, the probability that a pair of the group matches
     * @param counts        per group, its pairs
     */
    public static Choice best(double[] scores, double[] probabilities, long[] counts) {
        var order = new ArrayList<Integer>();
        double expectedMatches = 0;
        for (int i = 0; i < scores.length; i++) {
            order.add(i);
            expectedMatches += counts[i] * probabilities[i];
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -scores[i]));
        double tp = 0;
        double fp = 0;
        double bestF1 = -1;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int j = 0; j < order.size(); j++) {
            int i = order.get(j);
            tp += counts[i] * probabilities[i];
            fp += counts[i] * (1 - probabilities[i]);
            boolean lastOfScore = j + 1 == order.size() || scores[order.get(j + 1)] < scores[i];
            if (!lastOfScore) {
                continue;
            }
            double fn = Math.max(0, expectedMatches - tp);
            double f1 = tp == 0 ? 0 : 2 * tp / (2 * tp + fp + fn);
            if (f1 > bestF1) {
                bestF1 = f1;
                bestScore = j + 1 == order.size() ? scores[i] - 1 : (scores[i] + scores[order.get(j + 1)]) / 2;
            }
        }
        return new Choice(bestScore, bestF1 < 0 ? 0 : bestF1, expectedMatches);
    }

    /**
     * @param score      cut on the score (log2 odds): pairs above it are matches
     * @param expectedF1 the model's expectation of pairwise F1 at that cut, over the groups given
     */
    public record Choice(double score, double expectedF1, double expectedMatches) {
        public double probability() {
            return 1 / (1 + Math.pow(2, -score));
        }
    }
}
