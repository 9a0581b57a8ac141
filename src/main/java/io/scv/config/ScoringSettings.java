package io.scv.config;

/**
 * @param priorMatchProbability probability that two random comparable records match, before comparing them
 * @param matchThreshold        a pair at or above this match probability becomes an edge
 * @param reviewThreshold       pairs at or above this are kept in match_evidence for people to review
 * @param model                 absolute path of the trained model file ({@code scoring.model}), or null
 */
public record ScoringSettings(double priorMatchProbability, double matchThreshold, double reviewThreshold,
                              String model) {
    public ScoringSettings(double priorMatchProbability, double matchThreshold, double reviewThreshold) {
        this(priorMatchProbability, matchThreshold, reviewThreshold, null);
    }

    /** log2 of the prior odds: the score a pair starts from before its comparisons' weights are added. */
    public double priorWeight() {
        return Math.log(priorMatchProbability / (1 - priorMatchProbability)) / Math.log(2);
    }
}
