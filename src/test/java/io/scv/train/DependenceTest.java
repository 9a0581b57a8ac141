package io.scv.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DependenceTest {
    private static final int[] LEVELS = {2, 2, 2}; // agree / else; comparisons: name, city, zip

    @Test
    void comparisonsThatAgreeTogetherFarMoreThanChanceAreDependent() {
        // city and zip agree together 100 times where chance gives ~1; names independent of both
        var patterns = List.of(
                new Pattern(new int[]{1, 0, 0}, 100),   // same city and zip, different name
                new Pattern(new int[]{1, 0, 1}, 10),
                new Pattern(new int[]{1, 1, 0}, 10),
                new Pattern(new int[]{0, 1, 1}, 10),     // same name only
                new Pattern(new int[]{1, 1, 1}, 10_000));
        var d = Dependence.of(patterns, LEVELS);
        assertTrue(d.dependent(1, 2));
        assertTrue(d.dependent(2, 1));
        assertFalse(d.dependent(0, 1));
        assertTrue(d.lift(1, 2) > 50);
    }

    @Test
    void trueMatchesAmongRandomPairsDoNotPassForDependence() {
        // 50 pairs agreeing on all three (true matches): left out because no third comparison disagrees
        var patterns = List.of(
                new Pattern(new int[]{0, 0, 0}, 50),
                new Pattern(new int[]{0, 1, 1}, 100),
                new Pattern(new int[]{1, 0, 1}, 100),
                new Pattern(new int[]{1, 1, 0}, 100),
                new Pattern(new int[]{1, 1, 1}, 10_000));
        var d = Dependence.of(patterns, LEVELS);
        assertFalse(d.dependent(0, 1));
        assertFalse(d.dependent(1, 2));
    }
}
