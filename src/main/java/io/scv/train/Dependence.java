package io.scv.train;

import java.util.List;

/**
 * Which comparisons agree together more often than chance among random pairs (city and ZIP, say). Training leaves
 * such a comparison out of a rule's EM along with the rule's own fields: strangers that share a ZIP share the city
 * too, so among the pairs of a ZIP rule city agreement says nothing about matching. Agreement is any level but the
 * last (the "else" level). Two comparisons are dependent when, among the random pairs that disagree on at least half
 * of the other comparisons, they agree together at least {@value #MIN_TOGETHER} times and at least {@value #LIFT} times as often as
 * independence would give.
 */
final class Dependence {
    static final double LIFT = 4;
    static final long MIN_TOGETHER = 10;
    private final boolean[][] dependent;
    private final double[][] lift;

    private Dependence(boolean[][] dependent, double[][] lift) {
        this.dependent = dependent;
        this.lift = lift;
    }

    static Dependence of(List<Pattern> randomPatterns, int[] levelCounts) {
        int k = levelCounts.length;
        boolean[][] dep = new boolean[k][k];
        double[][] lift = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                long total = 0;
                long agreeA = 0;
                long agreeB = 0;
                long together = 0;
                for (Pattern p : randomPatterns) {
                    if (!disagreesElsewhere(p, a, b, levelCounts)) {
                        continue;
                    }
                    total += p.count();
                    boolean ia = agrees(p, a, levelCounts);
                    boolean ib = agrees(p, b, levelCounts);
                    agreeA += ia ? p.count() : 0;
                    agreeB += ib ? p.count() : 0;
                    together += ia && ib ? p.count() : 0;
                }
                double expected = (double) agreeA * agreeB / Math.max(total, 1);
                lift[a][b] = lift[b][a] = expected == 0 ? 0 : together / expected;
                dep[a][b] = dep[b][a] = together >= MIN_TOGETHER && together >= LIFT * expected;
            }
        }
        return new Dependence(dep, lift);
    }

    /**
     * Whether at least half of the other comparisons (and at least one) are at their last level: true matches
     * among the random pairs, which agree on nearly everything, are left out this way, so they do not pass for
     * dependence. With only two comparisons there is no other, and none are dependent.
     */
    private static boolean disagreesElsewhere(Pattern p, int a, int b, int[] levelCounts) {
        int others = 0;
        int disagreeing = 0;
        for (int c = 0; c < levelCounts.length; c++) {
            if (c != a && c != b && p.levels()[c] >= 0) {
                others++;
                disagreeing += p.levels()[c] == levelCounts[c] - 1 ? 1 : 0;
            }
        }
        return disagreeing >= 1 && disagreeing * 2 >= others;
    }

    private static boolean agrees(Pattern p, int c, int[] levelCounts) {
        int level = p.levels()[c];
        return level >= 0 && level < levelCounts[c] - 1;
    }

    /** No comparison dependent on another. */
    static Dependence none(int comparisons) {
        return new Dependence(new boolean[comparisons][comparisons], new double[comparisons][comparisons]);
    }

    boolean dependent(int a, int b) {
        return dependent[a][b];
    }

    /** How many times more often than chance a and b agree together among random pairs. */
    double lift(int a, int b) {
        return lift[a][b];
    }
}
