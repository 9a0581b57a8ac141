package io.scv.bench;

import io.scv.eval.UnionFind;

/**
 * Connected components of the matched pairs: a union-find over record indices (union by size, path halving), so
 * the whole clustering is practically linear in records plus matches. Singletons are clusters too. The job's
 * cluster rules (max_cluster_size, min_link_density, cannot-link fields and overrides, duplicate-free sources) are
 * not applied: they re-split a few oversized or badly linked components after this step, so the baseline's
 * clusters are the job's connected components, not its final customers.
 */
final class BaselineClusters {
    private final UnionFind sets;
    private int clusters;

    private BaselineClusters(int records) {
        sets = new UnionFind(records);
        clusters = records;
    }

    /** The components of {@code records} records joined by the pairs whose decision is a match. */
    static BaselineClusters of(int records, long[] pairs, byte[] decisions) {
        var out = new BaselineClusters(records);
        for (int i = 0; i < pairs.length; i++) {
            if (decisions[i] == BaselineScoring.MATCH) {
                out.union(BaselineBlocking.left(pairs[i]), BaselineBlocking.right(pairs[i]));
            }
        }
        return out;
    }

    int count() {
        return clusters;
    }

    /** The cluster of a record, named by one of its records. */
    int clusterOf(int record) {
        return sets.find(record);
    }

    private void union(int a, int b) {
        int ra = sets.find(a);
        int rb = sets.find(b);
        if (ra != rb) {
            sets.unionRoots(ra, rb);
            clusters--;
        }
    }
}
