package io.scv.eval;

/**
 * One comparison level against the truth, over the scored pairs with both records in the truth. {@code m} is the
 * share of the true-match pairs whose comparison is not null that fall into this level, {@code uCandidates} the
 * same share of the non-match pairs. u counts candidate pairs, not random ones, so on levels that blocking favours
 * it is higher than the population's u and {@link #weightFromTruth()} comes out lower than a trained weight would.
 * For the null level, m and u are NaN: null is not a level of evidence.
 *
 * @param meanWeight the weight scoring gave pairs at this level, averaged (it can vary with term frequencies)
 */
public record LevelMetrics(String comparison, String level, long matches, long nonMatches, double m,
                           double uCandidates, double meanWeight) {
    /** log2(m / u): the weight the truth suggests; NaN where m or u is 0 or undefined. */
    public double weightFromTruth() {
        return m > 0 && uCandidates > 0 ? Math.log(m / uCandidates) / Math.log(2) : Double.NaN;
    }
}
