package io.scv.config;

import java.util.List;

/**
 * The result of {@code scv train}: Fellegi–Sunter parameters per comparison level, the prior and the match
 * threshold, with the pair counts they were estimated from. Stored as YAML by {@link ModelFile}; {@code run} takes
 * its weights, prior and threshold from it when the config names it in {@code scoring.model}.
 *
 * @param priorMatchProbability expected matches over all comparable pairs
 * @param matchThreshold        match probability that maximised the expected F1 over the blocked pairs
 * @param expectedF1            that expected F1, from the model's own match probabilities
 * @param counts                how many pairs the estimates come from
 * @param rules                 the EM fit per blocking rule
 * @param comparisons           per comparison, per level, in config order
 */
public record TrainedModel(String trainedAt, String configFile, double priorMatchProbability, double matchThreshold,
                           double expectedF1, Counts counts, List<RuleFit> rules,
                           List<ComparisonParams> comparisons) {
    public TrainedModel {
        rules = List.copyOf(rules);
        comparisons = List.copyOf(comparisons);
    }

    /**
     * EM over the pairs of one blocking rule, with the comparisons that read the rule's own fields left out (those
     * agree by construction there, so they say nothing about matching).
     *
     * @param pairs           candidate pairs the rule produced
     * @param expectedMatches EM's estimate of the matches among them
     * @param excluded        comparisons left out for this rule
     */
    public record RuleFit(String rule, long pairs, double expectedMatches, int iterations, boolean converged,
                          List<String> excluded) {
        public RuleFit {
            excluded = List.copyOf(excluded);
        }
    }

    /**
     * @param blockedPairs    candidate pairs the EM ran over
     * @param randomPairs     random comparable pairs u was counted on
     * @param comparablePairs all pairs the job could compare (within-source pairs excluded where not linked)
     * @param expectedMatches EM's estimate of the matches among the blocked pairs
     * @param iterations      EM iterations run, summed over the rules
     * @param converged       whether EM met its tolerance before the iteration limit for every rule
     */
    public record Counts(long blockedPairs, long randomPairs, double comparablePairs, double expectedMatches,
                         int iterations, boolean converged) {
    }

    public record ComparisonParams(String name, List<LevelParams> levels) {
        public ComparisonParams {
            levels = List.copyOf(levels);
        }
    }

    /**
     * @param m            share of matching pairs at this level (EM over blocked pairs)
     * @param u            share of random pairs at this level
     * @param weight       log2(m/u), the weight {@code run} adds
     * @param matchPairs   expected matching blocked pairs at this level
     * @param blockedPairs blocked pairs at this level
     * @param randomPairs  random pairs at this level
     */
    public record LevelParams(String label, double m, double u, double weight, double matchPairs, long blockedPairs,
                              long randomPairs) {
    }
}
