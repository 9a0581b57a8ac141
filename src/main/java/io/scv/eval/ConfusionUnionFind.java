package io.scv.eval;

import java.util.HashMap;
import java.util.Map;

/**
 * Union-find over records on the driver that keeps pairwise and B-cubed counts against the truth up to date as
 * clusters merge, so a threshold sweep adds each edge once, from the highest threshold down, instead of clustering
 * again per threshold. Only records in the truth count; the others still join clusters. A cluster of one entity is
 * just that entity and its count; only a cluster mixing entities keeps a map of records per entity, and a merge
 * walks the smaller map, so all merges together cost O(n log n).
 * <p>
 * Merging clusters A and B (with a_e, b_e records of entity e and m_A, m_B records in the truth): predicted pairs
 * grow by m_A m_B, true positives by x = sum a_e b_e; the sum of squares S = sum n_e^2 of the union is
 * S_A + S_B + 2x, so the B-cubed precision sum (S / m per cluster) changes by S/m - S_A/m_A - S_B/m_B and the
 * recall sum (n_e^2 / |e| per cluster and entity) grows by sum 2 a_e b_e / |e|.
 */
final class ConfusionUnionFind {
    private final UnionFind sets;
    private final int[] entitySize;
    private final long truthRecords;
    /** Per root: its records in the truth, their sum of squares per entity, and its entity unless mixed. */
    private final int[] inTruth;
    private final long[] squares;
    private final int[] soleEntity;
    private final Map<Integer, Map<Integer, Integer>> mixed = new HashMap<>();
    private long predictedPairs;
    private long truePositives;
    private double precisionSum;
    private double recallSum;

    /**
     * @param entityOf     per record (0..n-1) its entity (0..), or -1 when the record is not in the truth
     * @param entitySize   per entity its records in the truth; records outside the edges count as singletons
     * @param truthRecords all records in the truth, including those on no edge
     * @param entities     all entities of those records
     */
    ConfusionUnionFind(int[] entityOf, int[] entitySize, long truthRecords, long entities) {
        this.sets = new UnionFind(entityOf.length);
        this.entitySize = entitySize;
        this.truthRecords = truthRecords;
        this.soleEntity = entityOf.clone();
        this.inTruth = new int[entityOf.length];
        this.squares = new long[entityOf.length];
        for (int i = 0; i < entityOf.length; i++) {
            inTruth[i] = entityOf[i] >= 0 ? 1 : 0;
            squares[i] = inTruth[i];
        }
        // every record starts alone: its cluster is all its entity (precision 1) and 1/|e| of it (recall)
        this.precisionSum = truthRecords;
        this.recallSum = entities;
    }

    void link(int a, int b) {
        int ra = sets.find(a);
        int rb = sets.find(b);
        if (ra == rb) {
            return;
        }
        var merge = mixed.containsKey(ra) || mixed.containsKey(rb) ? mergeMixed(ra, rb) : mergeSole(ra, rb);
        int inTruthUnion = inTruth[ra] + inTruth[rb];
        long squaresUnion = squares[ra] + squares[rb] + 2 * merge.sharedPairs;
        predictedPairs += (long) inTruth[ra] * inTruth[rb];
        truePositives += merge.sharedPairs;
        precisionSum += share(squaresUnion, inTruthUnion) - share(squares[ra], inTruth[ra])
                - share(squares[rb], inTruth[rb]);
        recallSum += merge.recallGain;
        int root = sets.unionRoots(ra, rb);
        mixed.remove(ra);
        mixed.remove(rb);
        if (merge.entities != null) {
            mixed.put(root, merge.entities);
        } else {
            soleEntity[root] = merge.soleEntity;
        }
        inTruth[root] = inTruthUnion;
        squares[root] = squaresUnion;
    }

    PairCounts pairCounts(long truePairs) {
        return new PairCounts(truePairs, predictedPairs, truePositives);
    }

    BCubedMetrics bCubed() {
        return BCubedMetrics.fromSums(truthRecords, precisionSum, recallSum);
    }

    /**
     * What a merge adds: x = sum a_e b_e, the recall gain sum 2 a_e b_e / |e|, and the union's entities: one
     * ({@code entities} null) or a map of records per entity.
     */
    private record Merge(long sharedPairs, double recallGain, int soleEntity, Map<Integer, Integer> entities) {
    }

    /** Two clusters of at most one entity each. */
    private Merge mergeSole(int ra, int rb) {
        int ea = soleEntity[ra];
        int eb = soleEntity[rb];
        if (ea < 0 || eb < 0 || ea == eb) {
            long shared = ea == eb && ea >= 0 ? (long) inTruth[ra] * inTruth[rb] : 0;
            return new Merge(shared, shared == 0 ? 0 : 2.0 * shared / entitySize[ea], ea >= 0 ? ea : eb, null);
        }
        var entities = new HashMap<Integer, Integer>();
        entities.put(ea, inTruth[ra]);
        entities.put(eb, inTruth[rb]);
        return new Merge(0, 0, -1, entities);
    }

    /** At least one cluster mixes entities: the larger map takes in the other cluster's entities. */
    private Merge mergeMixed(int ra, int rb) {
        var into = mixed.get(ra);
        int other = rb;
        if (into == null || (mixed.containsKey(rb) && mixed.get(rb).size() > into.size())) {
            into = mixed.get(rb);
            other = ra;
        }
        var from = mixed.containsKey(other) ? mixed.get(other)
                : soleEntity[other] >= 0 ? Map.of(soleEntity[other], inTruth[other]) : Map.<Integer, Integer>of();
        long shared = 0;
        double recallGain = 0;
        for (var e : from.entrySet()) {
            long pairs = (long) into.getOrDefault(e.getKey(), 0) * e.getValue();
            shared += pairs;
            recallGain += 2.0 * pairs / entitySize[e.getKey()];
            into.merge(e.getKey(), e.getValue(), Integer::sum);
        }
        return new Merge(shared, recallGain, -1, into);
    }

    private static double share(long squares, int records) {
        return records == 0 ? 0 : (double) squares / records;
    }
}
