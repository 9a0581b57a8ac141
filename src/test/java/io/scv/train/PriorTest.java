package io.scv.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PriorTest {
    @Test
    void priorIsTheFixedPointOfExpectedMatchesOverComparablePairs() {
        // 100 pairs with overwhelming evidence, 10,000 with overwhelming counter-evidence, among 1e6 comparable
        double[] evidence = {60, -60};
        long[] counts = {100, 10_000};
        var prior = Prior.estimate(evidence, counts, 1e6, 5_000);
        assertEquals(100, prior.expectedMatches(), 1e-6);
        assertEquals(1e-4, prior.probability(), 1e-9);
        assertEquals(Math.log(1e-4 / (1 - 1e-4)) / Math.log(2), prior.weight(), 1e-6);
    }

    @Test
    void uncertainPairsCountByTheirProbability() {
        // 100 certain matches plus 100 pairs whose evidence exactly offsets prior odds of 150 in 1e6: those
        // are even odds, so the fixed point is 100 + 100 / 2 = 150 expected matches
        double prior = 150 / 1e6;
        double offset = Math.log((1 - prior) / prior) / Math.log(2);
        var result = Prior.estimate(new double[]{60, offset}, new long[]{100, 100}, 1e6, 1_000);
        assertEquals(150, result.expectedMatches(), 1e-3);
        assertEquals(0.5, result.posteriors()[1], 1e-6);
    }
}
