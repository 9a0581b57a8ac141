package io.scv.eval;

import java.util.List;

/**
 * Blocking against the truth. {@code truePairs} are the comparable pairs of records of one entity among the truth
 * records present in the run ({@code truthRecords}); {@code truePairsNotComparable} are pairs of one entity inside
 * a source not linked within itself, which no rule can find and which are not in {@code truePairs}.
 * {@code comparablePairs} is what blocking could produce at most, as given by the caller.
 */
public record BlockingMetrics(long truthRecords, long comparablePairs, long candidatePairs, long truePairs,
                              long truePairsNotComparable, long truePairsFound, List<RuleBlockingMetrics> perRule) {
    public BlockingMetrics {
        perRule = List.copyOf(perRule);
    }

    /** Share of the true pairs that are candidates (pairs completeness). */
    public double recall() {
        return truePairs == 0 ? 1.0 : (double) truePairsFound / truePairs;
    }

    /** True pairs no rule found. */
    public long truePairsMissed() {
        return truePairs - truePairsFound;
    }

    /** 1 - candidates / comparable pairs: the share of comparisons blocking saves. */
    public double reductionRatio() {
        return comparablePairs == 0 ? 0.0 : 1.0 - (double) candidatePairs / comparablePairs;
    }

    /** Share of the candidates that are true pairs (pairs quality). */
    public double pairQuality() {
        return candidatePairs == 0 ? 1.0 : (double) truePairsFound / candidatePairs;
    }

    /** Share of all true pairs that one rule found. */
    public double recallOf(RuleBlockingMetrics rule) {
        return truePairs == 0 ? 1.0 : (double) rule.truePairsFound() / truePairs;
    }
}
