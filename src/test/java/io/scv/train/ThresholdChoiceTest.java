package io.scv.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ThresholdChoiceTest {
    @Test
    void cutsWhereTheExpectedF1IsHighest() {
        // groups by score: 10 pairs at +20 (p 1.0), 10 at +5 (p 0.9), 100 at -5 (p 0.05), 1000 at -20 (p 0)
        double[] scores = {20, 5, -5, -20};
        double[] p = {1.0, 0.9, 0.05, 0.0};
        long[] n = {10, 10, 100, 1000};
        // expected matches 10 + 9 + 5 = 24
        // cut after +20: TP 10, FP 0, FN 14 -> F1 20/34 = 0.588
        // cut after +5 : TP 19, FP 1, FN 5  -> F1 38/44 = 0.864
        // cut after -5 : TP 24, FP 96, FN 0 -> F1 48/144 = 0.333
        var choice = ThresholdChoice.best(scores, p, n);
        assertEquals(0.0, choice.score(), 1e-12, "halfway between +5 and -5");
        assertEquals(38.0 / 44.0, choice.expectedF1(), 1e-12);
        assertEquals(24.0, choice.expectedMatches(), 1e-12);
        assertEquals(0.5, choice.probability(), 1e-12);
    }

    @Test
    void equalScoresAreKeptOrCutTogether() {
        double[] scores = {3, 3, -10};
        double[] p = {1.0, 0.0, 0.0};
        long[] n = {5, 5, 100};
        var choice = ThresholdChoice.best(scores, p, n);
        assertEquals(-3.5, choice.score(), 1e-12);
        assertEquals(10.0 / 15.0, choice.expectedF1(), 1e-12);
    }
}
