package io.scv.cluster;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.*;

/**
 * Cluster-level decisions on top of connected components, where single edges are not enough:
 * <ul>
 *   <li><b>duplicate-free sources</b>: a cluster keeps at most one record of each;</li>
 *   <li><b>link density</b>: two groups of records join only if at least {@code minLinkDensity} of the record pairs
 *   between them are matches. A true customer's records mostly match each other; a chain of individually
 *   plausible edges (A–B, B–C, C–D…) that joins two people hangs on one or two links between groups.</li>
 *   <li><b>overrides</b> ({@link Overrides}): must-link edges join regardless of the two rules above; no join
 *   brings a cannot-link pair together.</li>
 * </ul>
 * Components that may break a rule (three or more records, two records of a duplicate-free source, or both
 * records of a cannot-link pair) are taken
 * to the driver and rebuilt greedily, strongest edge first, joining two parts only when both rules allow it. Other
 * components are left as they are. A rebuilt part's cluster id is the smallest vertex id among its records, as
 * connected components assigns it.
 */
public final class ClusterConstraints {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterConstraints.class);

    private ClusterConstraints() {
    }

    /**
     * @param clusters       {@code record_key}, {@code cluster}
     * @param edges          {@code l_key}, {@code r_key}, {@code score} (the pairs that made the clusters)
     * @param sources        {@code record_key}, {@code source}
     * @param duplicateFree  names of the duplicate-free sources
     * @param minLinkDensity share of matching pairs two groups need to join; 0 for none
     * @return the clusters after the rules, the edges they cut, and the components they split
     */
    public static Result apply(Dataset<Row> clusters, Dataset<Row> edges, Dataset<Row> sources,
                               Set<String> duplicateFree, double minLinkDensity) {
        return apply(clusters, edges, sources, duplicateFree, minLinkDensity, Overrides.none());
    }

    /**
     * As above, with people's overrides: must-link edges (score {@link Overrides#MUST_LINK_SCORE}, already among
     * the edges) join their parts whatever the rules say; no join brings a cannot-link pair into one cluster.
     */
    public static Result apply(Dataset<Row> clusters, Dataset<Row> edges, Dataset<Row> sources,
                               Set<String> duplicateFree, double minLinkDensity, Overrides overrides) {
        if (duplicateFree.isEmpty() && minLinkDensity <= 0 && overrides.cannotLink().isEmpty()) {
            return new Result(clusters, List.of(), List.of());
        }
        var spark = clusters.sparkSession();
        spark.sparkContext().setJobDescription("cluster: find components the cluster rules may split");
        var withSource = clusters.join(sources, "record_key");
        Column dupFree = col("source").isin(duplicateFree.toArray());
        Object[] cannotLinked = overrides.cannotLink().stream()
                .flatMap(p -> java.util.stream.Stream.of(p.left(), p.right())).distinct().toArray();
        var perComponent = withSource
                .groupBy("cluster", "source").agg(count(lit(1)).as("count"),
                        sum(col("record_key").isin(cannotLinked).cast("int")).as("cannot_linked"))
                .groupBy("cluster").agg(sum("count").as("size"),
                        max(when(dupFree, col("count")).otherwise(0)).as("most_of_one_dup_free_source"),
                        sum("cannot_linked").as("cannot_linked"));
        Column candidate = col("most_of_one_dup_free_source").gt(1).or(col("cannot_linked").geq(2));
        if (minLinkDensity > 0) {
            candidate = candidate.or(col("size").geq(3));
        }
        var candidates = perComponent.filter(candidate).select("cluster");
        var members = withSource.join(candidates, "cluster")
                .select(col("record_key"), col("source"), col("cluster"), xxhash64(col("record_key")).as("vid"))
                .collectAsList();
        if (members.isEmpty()) {
            LOG.info("cluster: no component for the cluster rules to check");
            return new Result(clusters, List.of(), List.of());
        }
        spark.sparkContext().setJobDescription("cluster: rebuild components under the cluster rules");
        var memberKeys = withSource.join(candidates, "cluster").select(col("record_key").as("l_key"));
        var inside = edges.join(memberKeys, "l_key").select("l_key", "r_key", "score").collectAsList();
        var rebuilt = rebuild(members, inside, duplicateFree, minLinkDensity, overrides.cannotLink());
        var schema = new StructType().add("record_key", DataTypes.StringType).add("new_cluster", DataTypes.LongType);
        var replacement = spark.createDataFrame(rebuilt.assignment(), schema);
        var result = clusters.join(replacement, new String[]{"record_key"}, "left")
                .select(col("record_key"), coalesce(col("new_cluster"), col("cluster")).as("cluster"));
        LOG.info("cluster: {} records in {} components checked; {} components split into {} clusters, {} edges cut",
                members.size(), rebuilt.checked(), rebuilt.splits().size(),
                rebuilt.splits().stream().mapToInt(Split::parts).sum(), rebuilt.cutEdges().size());
        return new Result(result, rebuilt.cutEdges(), rebuilt.splits());
    }

    /** Greedy rebuild on the driver. Visible for tests. */
    static Rebuilt rebuild(List<Row> members, List<Row> edges, Set<String> duplicateFree, double minLinkDensity) {
        return rebuild(members, edges, duplicateFree, minLinkDensity, List.of());
    }

    static Rebuilt rebuild(List<Row> members, List<Row> edges, Set<String> duplicateFree, double minLinkDensity,
                           List<Overrides.Pair> cannotLink) {
        var index = new HashMap<String, Integer>();
        int n = members.size();
        String[] keys = new String[n];
        long[] vids = new long[n];
        long[] component = new long[n];
        var parts = new ArrayList<Part>(n);
        for (Row m : members) {
            int i = index.size();
            index.put(m.getString(0), i);
            keys[i] = m.getString(0);
            component[i] = m.getLong(2);
            vids[i] = m.getLong(3);
            parts.add(new Part(i, duplicateFree.contains(m.getString(1)) ? m.getString(1) : null));
        }
        var adjacent = new HashMap<Integer, List<Integer>>();
        var sorted = new ArrayList<Row>();
        for (Row e : edges) {
            Integer a = index.get(e.getString(0));
            Integer b = index.get(e.getString(1));
            if (a != null && b != null) {
                adjacent.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
                adjacent.computeIfAbsent(b, k -> new ArrayList<>()).add(a);
                sorted.add(e);
            }
        }
        var apart = new HashMap<Integer, List<Integer>>();
        for (Overrides.Pair p : cannotLink) {
            Integer a = index.get(p.left());
            Integer b = index.get(p.right());
            if (a != null && b != null) {
                apart.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
                apart.computeIfAbsent(b, k -> new ArrayList<>()).add(a);
            }
        }
        sorted.sort(Comparator.comparingDouble((Row r) -> -r.getDouble(2))
                .thenComparing(r -> r.getString(0)).thenComparing(r -> r.getString(1)));
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        var cut = new ArrayList<CutEdge>();
        for (Row e : sorted) {
            int ra = find(parent, index.get(e.getString(0)));
            int rb = find(parent, index.get(e.getString(1)));
            if (ra == rb) {
                continue;
            }
            Part a = parts.get(ra);
            Part b = parts.get(rb);
            boolean mustLink = e.getDouble(2) == Overrides.MUST_LINK_SCORE;
            boolean refused = keptApart(a, b, rb, parent, apart) || !mustLink
                    && (a.sharesSourceWith(b) || !denseEnough(a, b, rb, parent, adjacent, minLinkDensity));
            if (refused) {
                cut.add(new CutEdge(e.getString(0), e.getString(1), e.getDouble(2)));
                continue;
            }
            parent[rb] = ra;
            a.absorb(b);
        }
        var minVid = new HashMap<Integer, Long>();
        for (int i = 0; i < n; i++) {
            minVid.merge(find(parent, i), vids[i], Math::min);
        }
        var assignment = new ArrayList<Row>(n);
        var partsPerComponent = new HashMap<Long, Set<Long>>();
        var sizePerComponent = new HashMap<Long, Integer>();
        for (int i = 0; i < n; i++) {
            long cluster = minVid.get(find(parent, i));
            assignment.add(RowFactory.create(keys[i], cluster));
            partsPerComponent.computeIfAbsent(component[i], k -> new HashSet<>()).add(cluster);
            sizePerComponent.merge(component[i], 1, Integer::sum);
        }
        var splits = new ArrayList<Split>();
        partsPerComponent.forEach((c, p) -> {
            if (p.size() > 1) {
                splits.add(new Split(c, sizePerComponent.get(c), p.size()));
            }
        });
        splits.sort(Comparator.comparingLong(Split::component));
        // an edge refused at first may join records that other edges brought together later: not a cut
        cut.removeIf(e -> find(parent, index.get(e.lKey())) == find(parent, index.get(e.rKey())));
        return new Rebuilt(assignment, cut, splits, partsPerComponent.size());
    }

    /** Whether a record of one part is cannot-linked to a record of the other. */
    private static boolean keptApart(Part a, Part b, int rootB, int[] parent, Map<Integer, List<Integer>> apart) {
        return !apart.isEmpty() && pairsBetween(a, b, rootB, parent, apart) > 0;
    }

    /** Whether at least the given share of the record pairs between parts a and b are edges. */
    private static boolean denseEnough(Part a, Part b, int rootB, int[] parent, Map<Integer, List<Integer>> adjacent,
                                       double minLinkDensity) {
        return minLinkDensity <= 0 || pairsBetween(a, b, rootB, parent, adjacent)
                >= minLinkDensity * a.members.size() * b.members.size();
    }

    /** How many pairs of the given graph (edges, or cannot-link pairs) join a record of part a to one of part b. */
    private static long pairsBetween(Part a, Part b, int rootB, int[] parent, Map<Integer, List<Integer>> graph) {
        Part small = a.members.size() <= b.members.size() ? a : b;
        int otherRoot = small == a ? rootB : find(parent, a.members.get(0));
        long links = 0;
        for (int x : small.members) {
            for (int y : graph.getOrDefault(x, List.of())) {
                if (find(parent, y) == otherRoot) {
                    links++;
                }
            }
        }
        return links;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** A group of records being built: its members and the duplicate-free sources it already holds. */
    private static final class Part {
        final List<Integer> members = new ArrayList<>();
        final Set<String> duplicateFreeSources = new HashSet<>();

        Part(int member, String duplicateFreeSource) {
            members.add(member);
            if (duplicateFreeSource != null) {
                duplicateFreeSources.add(duplicateFreeSource);
            }
        }

        boolean sharesSourceWith(Part other) {
            for (String s : duplicateFreeSources) {
                if (other.duplicateFreeSources.contains(s)) {
                    return true;
                }
            }
            return false;
        }

        void absorb(Part other) {
            members.addAll(other.members);
            duplicateFreeSources.addAll(other.duplicateFreeSources);
        }
    }

    record Rebuilt(List<Row> assignment, List<CutEdge> cutEdges, List<Split> splits, int checked) {
    }

    /** A matched pair whose records the cluster rules kept apart. */
    public record CutEdge(String lKey, String rKey, double score) {
    }

    /** A component the cluster rules split, and into how many clusters. */
    public record Split(long component, int records, int parts) {
    }

    public record Result(Dataset<Row> clusters, List<CutEdge> cutEdges, List<Split> splits) {
        public Result {
            cutEdges = List.copyOf(cutEdges);
            splits = List.copyOf(splits);
        }
    }
}
