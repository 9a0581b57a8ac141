package io.scv.eval;

/**
 * Disjoint sets over {@code 0..n-1} on the driver: union by size, path halving, so any sequence of unions and finds
 * is practically linear. Memory: two int arrays of length n.
 */
public final class UnionFind {
    private final int[] parent;
    private final int[] size;

    public UnionFind(int n) {
        parent = new int[n];
        size = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
        }
    }

    public int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /** Joins the sets of two roots and returns the root of the union; {@code a} and {@code b} must be roots. */
    public int unionRoots(int a, int b) {
        if (a == b) {
            return a;
        }
        if (size[a] < size[b]) {
            int t = a;
            a = b;
            b = t;
        }
        parent[b] = a;
        size[a] += size[b];
        return a;
    }

    public int union(int a, int b) {
        return unionRoots(find(a), find(b));
    }
}
