package io.scv.eval;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ConfusionUnionFindTest {
    private static final double EPS = 1e-9;

    @Test
    void mergesKeepTheCountsOfTheSixRecordExample() {
        // records a..f = 0..5; entities {a,b,c} = 0, {d,e} = 1, {f} = 2; link into {a,b} {c,d,e} {f}
        // as ClusterEvaluationTest: predicted 4, TP 2; B-cubed precision and recall 7/9
        var clusters = new ConfusionUnionFind(new int[]{0, 0, 0, 1, 1, 2}, new int[]{3, 2, 1}, 6, 3);
        assertEquals(new PairCounts(4, 0, 0), clusters.pairCounts(4));
        assertEquals(1.0, clusters.bCubed().precision(), EPS);
        assertEquals(0.5, clusters.bCubed().recall(), EPS, "(1/3 * 3 + 1/2 * 2 + 1) / 6");
        clusters.link(0, 1);
        clusters.link(3, 4);
        clusters.link(2, 4);
        clusters.link(2, 3);
        assertEquals(new PairCounts(4, 4, 2), clusters.pairCounts(4));
        assertEquals(7.0 / 9, clusters.bCubed().precision(), EPS);
        assertEquals(7.0 / 9, clusters.bCubed().recall(), EPS);
    }

    @Test
    void recordsOutsideTheTruthJoinClustersButAreNotCounted() {
        // a(0) and b(1) of different entities, x(2) outside the truth: a-x, x-b puts a and b together
        var clusters = new ConfusionUnionFind(new int[]{0, 1, -1}, new int[]{1, 1}, 2, 2);
        clusters.link(0, 2);
        assertEquals(new PairCounts(0, 0, 0), clusters.pairCounts(0));
        clusters.link(2, 1);
        assertEquals(new PairCounts(0, 1, 0), clusters.pairCounts(0));
        assertEquals(0.5, clusters.bCubed().precision(), EPS);
        assertEquals(1.0, clusters.bCubed().recall(), EPS);
    }

    @Test
    void randomMergesAgreeWithCountingFromScratch() {
        // 60 records, 12 entities, a quarter of the records outside the truth; after every link the incremental
        // numbers must equal pairwise and B-cubed counted from scratch over the current clusters
        var random = new Random(7);
        int n = 60;
        int[] entityOf = new int[n];
        int[] entitySize = new int[12];
        for (int i = 0; i < n; i++) {
            entityOf[i] = random.nextInt(4) == 0 ? -1 : random.nextInt(12);
            if (entityOf[i] >= 0) {
                entitySize[entityOf[i]]++;
            }
        }
        long truthRecords = Arrays.stream(entitySize).sum();
        long entities = Arrays.stream(entitySize).filter(s -> s > 0).count();
        long truePairs = Arrays.stream(entitySize).mapToLong(s -> MetricMath.pairs(s)).sum();
        var clusters = new ConfusionUnionFind(entityOf, entitySize, truthRecords, entities);
        var reference = new UnionFind(n);
        for (int step = 0; step < 80; step++) {
            int a = random.nextInt(n);
            int b = random.nextInt(n);
            clusters.link(a, b);
            reference.union(a, b);
            assertSameAsFromScratch(clusters, reference, entityOf, entitySize, truePairs);
        }
    }

    private static void assertSameAsFromScratch(ConfusionUnionFind clusters, UnionFind reference, int[] entityOf,
                                                int[] entitySize, long truePairs) {
        Map<Integer, Integer> clusterSize = new HashMap<>();
        Map<Long, Integer> cell = new HashMap<>();
        for (int i = 0; i < entityOf.length; i++) {
            if (entityOf[i] >= 0) {
                int c = reference.find(i);
                clusterSize.merge(c, 1, Integer::sum);
                cell.merge((long) c * 1000 + entityOf[i], 1, Integer::sum);
            }
        }
        long predicted = clusterSize.values().stream().mapToLong(MetricMath::pairs).sum();
        long tp = cell.values().stream().mapToLong(MetricMath::pairs).sum();
        double precisionSum = 0;
        double recallSum = 0;
        for (int i = 0; i < entityOf.length; i++) {
            if (entityOf[i] >= 0) {
                int c = reference.find(i);
                int shared = cell.get((long) c * 1000 + entityOf[i]);
                precisionSum += (double) shared / clusterSize.get(c);
                recallSum += (double) shared / entitySize[entityOf[i]];
            }
        }
        int records = clusterSize.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(new PairCounts(truePairs, predicted, tp), clusters.pairCounts(truePairs));
        assertEquals(precisionSum / records, clusters.bCubed().precision(), EPS);
        assertEquals(recallSum / records, clusters.bCubed().recall(), EPS);
    }
}
