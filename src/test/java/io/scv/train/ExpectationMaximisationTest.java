package io.scv.train;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ExpectationMaximisationTest {
    // three comparisons, levels: exact / close / else
    private static final double[][] M = {{0.80, 0.15, 0.05}, {0.70, 0.20, 0.10}, {0.90, 0.06, 0.04}};
    private static final double[][] U = {{0.01, 0.04, 0.95}, {0.02, 0.08, 0.90}, {0.005, 0.015, 0.98}};
    private static final int[] LEVELS = {3, 3, 3};

    /** Pairs drawn from the two-class model with a seeded RNG: 10% matches. */
    private static List<Pattern> sample(int pairs, double lambda, long seed) {
        var rng = new Random(seed);
        Map<String, long[]> counts = new HashMap<>();
        Map<String, int[]> levels = new HashMap<>();
        for (int i = 0; i < pairs; i++) {
            double[][] dist = rng.nextDouble() < lambda ? M : U;
            int[] p = new int[3];
            for (int c = 0; c < 3; c++) {
                double x = rng.nextDouble();
                int l = 0;
                while (l < 2 && x >= dist[c][l]) {
                    x -= dist[c][l];
                    l++;
                }
                p[c] = l;
            }
            String key = p[0] + "," + p[1] + "," + p[2];
            counts.computeIfAbsent(key, k -> new long[1])[0]++;
            levels.putIfAbsent(key, p);
        }
        var out = new ArrayList<Pattern>();
        counts.forEach((k, v) -> out.add(new Pattern(levels.get(k), v[0])));
        return out;
    }

    @Test
    void recoversKnownMAndLambdaWithURandomFixed() {
        var patterns = sample(200_000, 0.10, 7);
        var r = ExpectationMaximisation.estimate(patterns, LEVELS, U, true, 500, 1e-9);
        assertTrue(r.converged());
        assertEquals(0.10, r.lambda(), 0.005);
        for (int c = 0; c < 3; c++) {
            for (int l = 0; l < 3; l++) {
                assertEquals(M[c][l], r.m()[c][l], 0.015, "m of comparison " + c + " level " + l);
                assertEquals(U[c][l], r.u()[c][l], 1e-12, "u stays fixed");
            }
        }
    }

    @Test
    void recoversMAndUWhenBothAreFree() {
        var patterns = sample(200_000, 0.25, 11);
        double[][] roughU = {{0.1, 0.1, 0.8}, {0.1, 0.1, 0.8}, {0.1, 0.1, 0.8}};
        var r = ExpectationMaximisation.estimate(patterns, LEVELS, roughU, 1000, 1e-10);
        assertEquals(0.25, r.lambda(), 0.01);
        for (int c = 0; c < 3; c++) {
            for (int l = 0; l < 3; l++) {
                assertEquals(M[c][l], r.m()[c][l], 0.02, "m of comparison " + c + " level " + l);
                assertEquals(U[c][l], r.u()[c][l], 0.01, "u of comparison " + c + " level " + l);
            }
        }
    }

    @Test
    void aNullComparisonSaysNothing() {
        // the same pairs with comparison 2 unknown everywhere: m and λ of the others are still recovered
        var patterns = sample(200_000, 0.10, 3).stream()
                .map(p -> new Pattern(new int[]{p.levels()[0], p.levels()[1], -1}, p.count())).toList();
        var merged = new HashMap<String, Pattern>();
        for (Pattern p : patterns) {
            String k = p.levels()[0] + "," + p.levels()[1];
            merged.merge(k, p, (a, b) -> new Pattern(a.levels(), a.count() + b.count()));
        }
        var r = ExpectationMaximisation.estimate(List.copyOf(merged.values()), LEVELS, U, true, 500, 1e-9);
        assertEquals(0.10, r.lambda(), 0.01);
        assertEquals(M[0][0], r.m()[0][0], 0.03);
        assertEquals(M[1][0], r.m()[1][0], 0.03);
    }

    @Test
    void posteriorFollowsBayes() {
        double[] out = new double[1];
        ExpectationMaximisation.posteriors(List.of(new Pattern(new int[]{0, -1, 2}, 1)), M, U, 0.1, out);
        double odds = 0.1 / 0.9 * (M[0][0] / U[0][0]) * (M[2][2] / U[2][2]);
        assertEquals(odds / (1 + odds), out[0], 1e-12);
    }
}
