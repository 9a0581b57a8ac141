package io.scv.eval;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.IntStream;

import static org.apache.spark.sql.functions.*;

/**
 * What each match threshold would give: pairs at or above it become edges, union-find joins them into clusters,
 * and the clusters are scored against the truth (pairwise and B-cubed, over the records present in both the run
 * and the truth; true pairs no candidate covers are false negatives at every threshold). Numbers before
 * clustering (the edges alone) come for every threshold from one aggregation with a column per threshold, after
 * the scored pairs are joined with the truth on both keys.
 * <p>
 * Clustering runs on the driver: the edges of the lowest threshold with at most {@code maxEdges} edges are
 * collected as 64-bit key hashes (a collision is detected and stops the sweep) and added from the highest threshold
 * down with a {@link ConfusionUnionFind}, so each edge is added once. Thresholds with more edges keep only their
 * numbers before clustering, and the result says so. Driver memory peaks at about 150 bytes per collected edge
 * (some 300 MB at the default {@value #DEFAULT_MAX_EDGES} edges), plus a small map per cluster that mixes entities.
 * <p>
 * If the scored pairs were filtered (match_evidence keeps pairs from the review threshold up), thresholds below
 * that filter see no more edges than the filter left.
 */
public final class ThresholdSweep {
    private static final Logger LOG = LoggerFactory.getLogger(ThresholdSweep.class);
    public static final long DEFAULT_MAX_EDGES = 2_000_000;

    private ThresholdSweep() {
    }

    /** 0.05 to 0.95 by 0.05, 0.99, 0.999 and the configured threshold, ascending. */
    public static List<Double> defaultThresholds(double configured) {
        var thresholds = new TreeSet<Double>();
        for (int i = 1; i <= 19; i++) {
            thresholds.add(i / 20.0);
        }
        thresholds.add(0.99);
        thresholds.add(0.999);
        thresholds.add(checkedThreshold(configured));
        return List.copyOf(thresholds);
    }

    /** The default thresholds and edge limit. */
    public static ThresholdSweepResult run(Dataset<Row> scoredPairs, Dataset<Row> recordKeys, Truth truth,
                                           double configured) {
        return run(scoredPairs, recordKeys, truth, defaultThresholds(configured), configured, DEFAULT_MAX_EDGES);
    }

    /**
     * @param scoredPairs {@code l_key}, {@code r_key}, {@code probability}
     * @param recordKeys  {@code record_key} of every record of the run, so records on no edge count as singletons
     * @param thresholds  match probabilities in (0, 1]; the configured one is added if missing
     * @param maxEdges    most edges clustered on the driver
     */
    public static ThresholdSweepResult run(Dataset<Row> scoredPairs, Dataset<Row> recordKeys, Truth truth,
                                           List<Double> thresholds, double configured, long maxEdges) {
        if (maxEdges < 0 || maxEdges > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("max edges must be between 0 and " + (Integer.MAX_VALUE - 8)
                    + ", was: " + maxEdges);
        }
        long start = System.nanoTime();
        double[] t = sortedThresholds(thresholds, configured);
        var spark = scoredPairs.sparkSession();
        var present = truth.mapping().join(recordKeys.select("record_key"), new String[]{"record_key"}, "left_semi");
        var entitySizes = present.groupBy("entity_id").agg(count(lit(1)).as("entity_n"));
        spark.sparkContext().setJobDescription("evaluate threshold sweep: entity sizes");
        var totals = truthTotals(entitySizes);
        var pairs = withEntities(scoredPairs, present.join(entitySizes, "entity_id"));
        spark.sparkContext().setJobDescription("evaluate threshold sweep: edges per threshold");
        var edges = countEdges(pairs, t);
        var before = new PairCounts[t.length];
        for (int i = 0; i < t.length; i++) {
            before[i] = new PairCounts(totals.truePairs, edges.bothInTruth[i], edges.sameEntity[i]);
        }
        int lowest = lowestClusterable(edges.all, maxEdges);
        var after = new PairCounts[t.length];
        var bCubed = new BCubedMetrics[t.length];
        if (lowest < t.length) {
            spark.sparkContext().setJobDescription("evaluate threshold sweep: collect edges for union-find");
            clusterOnDriver(collectEdges(pairs, t, lowest, edges.all[lowest]), t.length, lowest, totals, after, bCubed);
        }
        var rows = new ArrayList<ThresholdMetrics>();
        for (int i = 0; i < t.length; i++) {
            rows.add(new ThresholdMetrics(t[i], t[i] == configured, edges.all[i], before[i], after[i], bCubed[i]));
        }
        var result = new ThresholdSweepResult(rows, maxEdges);
        LOG.info(String.format(Locale.ROOT, "evaluate threshold sweep: %d thresholds, %d clustered on the driver "
                        + "(%d edges at most), best %.4f, in %.1f s", t.length, t.length - lowest,
                lowest < t.length ? edges.all[lowest] : 0, result.best().threshold(),
                (System.nanoTime() - start) / 1e9));
        return result;
    }

    private record TruthTotals(long records, long entities, long truePairs) {
    }

    private static double checkedThreshold(double t) {
        if (!(t > 0 && t <= 1)) {
            throw new IllegalArgumentException("a threshold must be in (0, 1], was: " + t);
        }
        return t;
    }

    private static double[] sortedThresholds(List<Double> thresholds, double configured) {
        var all = new TreeSet<Double>();
        thresholds.forEach(t -> all.add(checkedThreshold(t)));
        all.add(checkedThreshold(configured));
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static TruthTotals truthTotals(Dataset<Row> entitySizes) {
        Column n = col("entity_n");
        Row r = entitySizes.agg(coalesce(sum(n), lit(0L)).cast("long"), count(lit(1)),
                coalesce(sum(n.multiply(n.minus(1))), lit(0L)).cast("long"),
                countDistinct(xxhash64(col("entity_id")))).first();
        if (r.getLong(3) != r.getLong(1)) {
            throw new IllegalStateException("entity id hash collision: " + r.getLong(1) + " entities but "
                    + r.getLong(3) + " distinct hashes");
        }
        return new TruthTotals(r.getLong(0), r.getLong(1), r.getLong(2) / 2);
    }

    /** Scored pairs with each side's entity hash and entity size, null when the record is not in the truth. */
    private static Dataset<Row> withEntities(Dataset<Row> scoredPairs, Dataset<Row> presentWithSizes) {
        return scoredPairs.select("l_key", "r_key", "probability")
                .join(presentWithSizes.select(col("record_key").as("l_key"), col("entity_id").as("_le"),
                        col("entity_n").as("_ln")), new String[]{"l_key"}, "left")
                .join(presentWithSizes.select(col("record_key").as("r_key"), col("entity_id").as("_re"),
                        col("entity_n").as("_rn")), new String[]{"r_key"}, "left");
    }

    /** Per threshold: edges, edges with both records in the truth, edges inside one entity. */
    private record EdgeCounts(long[] all, long[] bothInTruth, long[] sameEntity) {
    }

    /** One aggregation with three counts per threshold. */
    private static EdgeCounts countEdges(Dataset<Row> pairs, double[] t) {
        var columns = new ArrayList<Column>();
        Column bothInTruth = col("_le").isNotNull().and(col("_re").isNotNull());
        for (double threshold : t) {
            Column edge = col("probability").geq(threshold);
            columns.add(count(when(edge, 1)));
            columns.add(count(when(edge.and(bothInTruth), 1)));
            columns.add(count(when(edge.and(col("_le").equalTo(col("_re"))), 1)));
        }
        Row r = pairs.agg(columns.get(0), columns.subList(1, columns.size()).toArray(Column[]::new)).first();
        var counts = new EdgeCounts(new long[t.length], new long[t.length], new long[t.length]);
        for (int i = 0; i < t.length; i++) {
            counts.all[i] = r.getLong(3 * i);
            counts.bothInTruth[i] = r.getLong(3 * i + 1);
            counts.sameEntity[i] = r.getLong(3 * i + 2);
        }
        return counts;
    }

    /** Index of the lowest threshold with at most maxEdges edges (edges fall as thresholds rise); length if none. */
    private static int lowestClusterable(long[] edges, long maxEdges) {
        int i = 0;
        while (i < edges.length && edges[i] > maxEdges) {
            i++;
        }
        return i;
    }

    /** The edges at or above threshold {@code lowest}, as arrays; {@code bucket} is the highest threshold met. */
    private record Edges(long[] left, long[] right, int[] bucket, long[] leftEntity, long[] rightEntity,
                         long[] leftEntitySize, long[] rightEntitySize) {
    }

    private static Edges collectEdges(Dataset<Row> pairs, double[] t, int lowest, long count) {
        Column bucket = lit(lowest);
        for (int i = lowest + 1; i < t.length; i++) {
            bucket = when(col("probability").geq(t[i]), i).otherwise(bucket);
        }
        var selected = pairs.filter(col("probability").geq(t[lowest]))
                .select(xxhash64(col("l_key")), xxhash64(col("r_key")), bucket,
                        xxhash64(col("_le")), xxhash64(col("_re")), coalesce(col("_ln"), lit(0L)),
                        coalesce(col("_rn"), lit(0L)));
        checkKeyHashes(pairs.filter(col("probability").geq(t[lowest])));
        int n = Math.toIntExact(count);
        var e = new Edges(new long[n], new long[n], new int[n], new long[n], new long[n], new long[n], new long[n]);
        int i = 0;
        for (var it = selected.toLocalIterator(); it.hasNext(); i++) {
            Row r = it.next();
            if (i == n) {
                throw new IllegalStateException("scored pairs changed during the sweep: more than " + n + " edges");
            }
            e.left[i] = r.getLong(0);
            e.right[i] = r.getLong(1);
            e.bucket[i] = r.getInt(2);
            e.leftEntity[i] = r.getLong(3);
            e.rightEntity[i] = r.getLong(4);
            e.leftEntitySize[i] = r.getLong(5);
            e.rightEntitySize[i] = r.getLong(6);
        }
        if (i != n) {
            throw new IllegalStateException("scored pairs changed during the sweep: " + i + " edges, not " + n);
        }
        return e;
    }

    private static void checkKeyHashes(Dataset<Row> edges) {
        var keys = edges.select(col("l_key").as("k")).union(edges.select(col("r_key").as("k"))).distinct();
        Row r = keys.agg(count(lit(1)), countDistinct(xxhash64(col("k")))).first();
        if (r.getLong(0) != r.getLong(1)) {
            throw new IllegalStateException("record key hash collision: " + r.getLong(0) + " records on edges but "
                    + r.getLong(1) + " distinct hashes");
        }
    }

    /**
     * Adds the edges bucket by bucket from the highest threshold down to {@code lowest} and records the metrics
     * after each.
     */
    private static void clusterOnDriver(Edges e, int thresholds, int lowest, TruthTotals totals, PairCounts[] after,
                                        BCubedMetrics[] bCubed) {
        long[] records = distinctSorted(e.left, e.right);
        int[] entityOf = new int[records.length];
        Arrays.fill(entityOf, -1);
        long[] entities = distinctSorted(entityHashesInTruth(e.leftEntity, e.leftEntitySize),
                entityHashesInTruth(e.rightEntity, e.rightEntitySize));
        int[] entitySize = new int[entities.length];
        int n = e.left.length;
        int[] left = new int[n];
        int[] right = new int[n];
        for (int i = 0; i < n; i++) {
            left[i] = Arrays.binarySearch(records, e.left[i]);
            right[i] = Arrays.binarySearch(records, e.right[i]);
            assignEntity(entityOf, entitySize, entities, left[i], e.leftEntity[i], e.leftEntitySize[i]);
            assignEntity(entityOf, entitySize, entities, right[i], e.rightEntity[i], e.rightEntitySize[i]);
        }
        var clusters = new ConfusionUnionFind(entityOf, entitySize, totals.records, totals.entities);
        int[] byBucket = edgesByBucketDescending(e.bucket, thresholds);
        int next = 0;
        for (int b = thresholds - 1; b >= lowest; b--) {
            while (next < n && e.bucket[byBucket[next]] == b) {
                clusters.link(left[byBucket[next]], right[byBucket[next]]);
                next++;
            }
            after[b] = clusters.pairCounts(totals.truePairs);
            bCubed[b] = clusters.bCubed();
        }
    }

    private static long[] entityHashesInTruth(long[] hashes, long[] sizes) {
        return IntStream.range(0, hashes.length).filter(i -> sizes[i] > 0)
                .mapToLong(i -> hashes[i]).toArray();
    }

    private static void assignEntity(int[] entityOf, int[] entitySize, long[] entities, int record, long hash,
                                     long size) {
        if (size > 0) {
            int entity = Arrays.binarySearch(entities, hash);
            entityOf[record] = entity;
            entitySize[entity] = Math.toIntExact(size);
        }
    }

    private static long[] distinctSorted(long[] a, long[] b) {
        long[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        int distinct = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                all[distinct++] = all[i];
            }
        }
        return Arrays.copyOf(all, distinct);
    }

    /** Edge indices ordered by bucket, highest first (a counting sort). */
    private static int[] edgesByBucketDescending(int[] bucket, int buckets) {
        int[] start = new int[buckets + 1];
        for (int b : bucket) {
            start[buckets - b]++; // rank of bucket b is buckets - 1 - b; count it one slot up for the prefix sum
        }
        for (int i = 1; i <= buckets; i++) {
            start[i] += start[i - 1];
        }
        int[] order = new int[bucket.length];
        for (int i = 0; i < bucket.length; i++) {
            order[start[buckets - 1 - bucket[i]]++] = i;
        }
        return order;
    }
}
