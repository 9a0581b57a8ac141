package io.scv.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bridges of a small undirected graph: the edges whose removal disconnects their two ends (Tarjan's low-link,
 * iterative so a long chain of records does not overflow the stack). Linear in vertices plus edges, on the driver;
 * {@code explain} runs it on one customer's records and kept edges. Parallel edges between two vertices are never
 * bridges.
 */
final class Bridges {
    private Bridges() {
    }

    /**
     * @param vertices   the vertices, by name
     * @param edgeEnds   per edge, the names of its two ends (both among {@code vertices})
     * @return per edge, whether it is a bridge
     */
    static boolean[] of(List<String> vertices, List<String[]> edgeEnds) {
        Map<String, Integer> index = new HashMap<>();
        vertices.forEach(v -> index.putIfAbsent(v, index.size()));
        int n = index.size();
        var incident = new ArrayList<List<int[]>>(n); // per vertex: {edge id, other end}
        for (int i = 0; i < n; i++) {
            incident.add(new ArrayList<>());
        }
        for (int e = 0; e < edgeEnds.size(); e++) {
            int a = vertex(index, edgeEnds.get(e)[0]);
            int b = vertex(index, edgeEnds.get(e)[1]);
            incident.get(a).add(new int[]{e, b});
            incident.get(b).add(new int[]{e, a});
        }
        int[] discovered = new int[n];
        int[] low = new int[n];
        Arrays.fill(discovered, -1);
        boolean[] bridge = new boolean[edgeEnds.size()];
        int time = 0;
        for (int root = 0; root < n; root++) {
            if (discovered[root] >= 0) {
                continue;
            }
            // stack frames: {vertex, edge id it was reached by (-1 for the root), next incident edge to look at}
            var stack = new ArrayDeque<int[]>();
            discovered[root] = low[root] = time++;
            stack.push(new int[]{root, -1, 0});
            while (!stack.isEmpty()) {
                int[] frame = stack.peek();
                int v = frame[0];
                if (frame[2] < incident.get(v).size()) {
                    int[] next = incident.get(v).get(frame[2]++);
                    if (next[0] == frame[1]) {
                        continue; // the edge we came by, not a parallel one
                    }
                    int w = next[1];
                    if (discovered[w] < 0) {
                        discovered[w] = low[w] = time++;
                        stack.push(new int[]{w, next[0], 0});
                    } else {
                        low[v] = Math.min(low[v], discovered[w]);
                    }
                } else {
                    stack.pop();
                    if (!stack.isEmpty()) {
                        int parent = stack.peek()[0];
                        low[parent] = Math.min(low[parent], low[v]);
                        if (low[v] > discovered[parent]) {
                            bridge[frame[1]] = true;
                        }
                    }
                }
            }
        }
        return bridge;
    }

    /** The sizes of the connected components the graph falls into without the given edge, largest first. */
    static List<Integer> partsWithout(List<String> vertices, List<String[]> edgeEnds, int removed) {
        Map<String, Integer> index = new HashMap<>();
        vertices.forEach(v -> index.putIfAbsent(v, index.size()));
        int[] parent = new int[index.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int e = 0; e < edgeEnds.size(); e++) {
            if (e != removed) {
                parent[find(parent, vertex(index, edgeEnds.get(e)[0]))] = find(parent, vertex(index,
                        edgeEnds.get(e)[1]));
            }
        }
        var sizes = new HashMap<Integer, Integer>();
        for (int i = 0; i < parent.length; i++) {
            sizes.merge(find(parent, i), 1, Integer::sum);
        }
        return sizes.values().stream().sorted((x, y) -> y - x).toList();
    }

    private static int vertex(Map<String, Integer> index, String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("edge end is not a vertex, was: " + name);
        }
        return i;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
