package io.scv.bench;

import io.scv.eval.PairCounts;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Pairwise precision, recall and F1 of the baseline's clusters against a record → entity truth file
 * ({@code source,source_id,entity_id}, as the sample generator writes it), the way {@code ClusterEvaluation} counts
 * them: over the records in both the run and the truth, true pairs are pairs of one entity, predicted pairs pairs of
 * one cluster, true positives both; each from the sizes of entities, clusters and their intersections, never by
 * listing pairs. A labelled-pairs truth file is refused.
 */
final class BaselineTruth {
    private BaselineTruth() {
    }

    static PairCounts pairCounts(Path truth, BaselineRecords records, BaselineClusters clusters) {
        var recordOf = new HashMap<String, Integer>(records.size() * 2);
        String[] keys = records.text("record_key");
        for (int i = 0; i < keys.length; i++) {
            recordOf.put(keys[i], i);
        }
        int[] entityOf = entities(truth, recordOf, records.size());
        var clusterSize = new HashMap<Integer, Long>();
        var entitySize = new HashMap<Integer, Long>();
        var cellSize = new HashMap<Long, Long>();
        for (int r = 0; r < entityOf.length; r++) {
            if (entityOf[r] < 0) {
                continue;
            }
            int cluster = clusters.clusterOf(r);
            clusterSize.merge(cluster, 1L, Long::sum);
            entitySize.merge(entityOf[r], 1L, Long::sum);
            cellSize.merge(((long) cluster << 32) | entityOf[r], 1L, Long::sum);
        }
        return new PairCounts(pairs(entitySize), pairs(clusterSize), pairs(cellSize));
    }

    /** Per record its entity number, or -1 when the truth does not name it. */
    private static int[] entities(Path truth, Map<String, Integer> recordOf, int records) {
        int[] entityOf = new int[records];
        Arrays.fill(entityOf, -1);
        var entityNumber = new HashMap<String, Integer>();
        try (var csv = BaselineCsv.open(truth, Map.of("header", "true"))) {
            var header = Arrays.stream(csv.header()).map(h -> h == null ? "" : h.trim()).toList();
            int source = header.indexOf("source");
            int sourceId = header.indexOf("source_id");
            int entity = header.indexOf("entity_id");
            if (source < 0 || sourceId < 0 || entity < 0) {
                throw new IllegalArgumentException("truth file " + truth + " has header " + header + "; the baseline "
                        + "reads a record to entity truth: source,source_id,entity_id");
            }
            BaselineCsv.Row row;
            while ((row = csv.next()) != null) {
                if (row.malformed()) {
                    continue;
                }
                String[] f = row.fields();
                Integer record = recordOf.get(f[source] + ":" + f[sourceId]);
                if (record == null || f[entity] == null) {
                    continue;
                }
                int e = entityNumber.computeIfAbsent(f[entity], k -> entityNumber.size());
                if (entityOf[record] >= 0 && entityOf[record] != e) {
                    throw new IllegalArgumentException("truth file " + truth + " gives record " + f[source] + ":"
                            + f[sourceId] + " two entities; a record belongs to one entity");
                }
                entityOf[record] = e;
            }
        }
        return entityOf;
    }

    private static long pairs(Map<?, Long> sizes) {
        long sum = 0;
        for (long n : sizes.values()) {
            sum += n * (n - 1) / 2;
        }
        return sum;
    }
}
