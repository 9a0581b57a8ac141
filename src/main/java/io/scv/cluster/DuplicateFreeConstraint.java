package io.scv.cluster;

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
 * Keeps at most one record of each duplicate-free source in a cluster. Connected components can chain two records
 * of such a source together through records of other sources; those components (usually few and small) are taken
 * to the driver and rebuilt greedily: edges strongest first, each joining two parts only if the parts hold no
 * record of the same duplicate-free source. Every other component is left as it is. A rebuilt part's cluster id
 * is the smallest vertex id among its records, as connected components assigns it.
 */
public final class DuplicateFreeConstraint {
    private static final Logger LOG = LoggerFactory.getLogger(DuplicateFreeConstraint.class);

    private DuplicateFreeConstraint() {
    }

    /**
     * @param clusters      {@code record_key}, {@code cluster}
     * @param edges         {@code l_key}, {@code r_key}, {@code score} (the pairs that made the clusters)
     * @param sources       {@code record_key}, {@code source}
     * @param duplicateFree names of the duplicate-free sources
     * @return the clusters after the constraint, the edges it cut, and the components it rebuilt
     */
    public static Result apply(Dataset<Row> clusters, Dataset<Row> edges, Dataset<Row> sources,
                               Set<String> duplicateFree) {
        if (duplicateFree.isEmpty()) {
            return new Result(clusters, List.of(), List.of());
        }
        var spark = clusters.sparkSession();
        spark.sparkContext().setJobDescription("cluster: find components with two records of a duplicate-free source");
        var withSource = clusters.join(sources, "record_key");
        var violating = withSource.filter(col("source").isin(duplicateFree.toArray()))
                .groupBy("cluster", "source").count().filter(col("count").gt(1)).select("cluster").distinct();
        var members = withSource.join(violating, "cluster")
                .select(col("record_key"), col("source"), col("cluster"), xxhash64(col("record_key")).as("vid"))
                .collectAsList();
        if (members.isEmpty()) {
            LOG.info("cluster: no component holds two records of a duplicate-free source");
            return new Result(clusters, List.of(), List.of());
        }
        var memberKeys = withSource.join(violating, "cluster").select("record_key");
        spark.sparkContext().setJobDescription("cluster: rebuild components that break the duplicate-free rule");
        var inside = edges.join(memberKeys.withColumnRenamed("record_key", "l_key"), "l_key")
                .select("l_key", "r_key", "score").collectAsList();
        var rebuilt = rebuild(members, inside, duplicateFree);
        var schema = new StructType().add("record_key", DataTypes.StringType).add("new_cluster", DataTypes.LongType);
        var replacement = spark.createDataFrame(rebuilt.assignment(), schema);
        var result = clusters.join(replacement, new String[]{"record_key"}, "left")
                .select(col("record_key"), coalesce(col("new_cluster"), col("cluster")).as("cluster"));
        LOG.info("cluster: {} components held two records of a duplicate-free source; rebuilt into {} clusters, "
                + "{} edges cut", rebuilt.splits().size(), rebuilt.splits().stream().mapToInt(Split::parts).sum(),
                rebuilt.cutEdges().size());
        return new Result(result, rebuilt.cutEdges(), rebuilt.splits());
    }

    /** Greedy rebuild on the driver, per violating component. Visible for tests. */
    static Rebuilt rebuild(List<Row> members, List<Row> edges, Set<String> duplicateFree) {
        var index = new HashMap<String, Integer>();
        var keys = new ArrayList<String>();
        var vids = new ArrayList<Long>();
        var component = new ArrayList<Long>();
        var sourceSets = new ArrayList<Set<String>>();
        for (Row m : members) {
            index.put(m.getString(0), keys.size());
            keys.add(m.getString(0));
            component.add(m.getLong(2));
            vids.add(m.getLong(3));
            sourceSets.add(duplicateFree.contains(m.getString(1)) ? new HashSet<>(Set.of(m.getString(1)))
                    : new HashSet<>());
        }
        int[] parent = new int[keys.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        var sorted = new ArrayList<>(edges);
        sorted.sort(Comparator.comparingDouble((Row r) -> -r.getDouble(2))
                .thenComparing(r -> r.getString(0)).thenComparing(r -> r.getString(1)));
        var cut = new ArrayList<CutEdge>();
        for (Row e : sorted) {
            Integer a = index.get(e.getString(0));
            Integer b = index.get(e.getString(1));
            if (a == null || b == null) {
                continue;
            }
            int ra = find(parent, a);
            int rb = find(parent, b);
            if (ra == rb) {
                continue;
            }
            if (disjoint(sourceSets.get(ra), sourceSets.get(rb))) {
                parent[rb] = ra;
                sourceSets.get(ra).addAll(sourceSets.get(rb));
            } else {
                cut.add(new CutEdge(e.getString(0), e.getString(1), e.getDouble(2)));
            }
        }
        var minVid = new HashMap<Integer, Long>();
        for (int i = 0; i < parent.length; i++) {
            minVid.merge(find(parent, i), vids.get(i), Math::min);
        }
        var assignment = new ArrayList<Row>();
        var partsPerComponent = new HashMap<Long, Set<Long>>();
        var sizePerComponent = new HashMap<Long, Integer>();
        for (int i = 0; i < parent.length; i++) {
            long cluster = minVid.get(find(parent, i));
            assignment.add(RowFactory.create(keys.get(i), cluster));
            partsPerComponent.computeIfAbsent(component.get(i), k -> new HashSet<>()).add(cluster);
            sizePerComponent.merge(component.get(i), 1, Integer::sum);
        }
        var splits = new ArrayList<Split>();
        partsPerComponent.forEach((c, parts) -> splits.add(new Split(c, sizePerComponent.get(c), parts.size())));
        splits.sort(Comparator.comparingLong(Split::component));
        // edges cut between records that ended in one part anyway (through other edges) are not cuts
        cut.removeIf(e -> find(parent, index.get(e.lKey())) == find(parent, index.get(e.rKey())));
        return new Rebuilt(assignment, cut, splits);
    }

    private static boolean disjoint(Set<String> a, Set<String> b) {
        for (String s : a) {
            if (b.contains(s)) {
                return false;
            }
        }
        return true;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    record Rebuilt(List<Row> assignment, List<CutEdge> cutEdges, List<Split> splits) {
    }

    /** A matched pair whose records the constraint kept apart. */
    public record CutEdge(String lKey, String rKey, double score) {
    }

    /** A component that held two records of one duplicate-free source, and how many clusters it became. */
    public record Split(long component, int records, int parts) {
    }

    public record Result(Dataset<Row> clusters, List<CutEdge> cutEdges, List<Split> splits) {
        public Result {
            cutEdges = List.copyOf(cutEdges);
            splits = List.copyOf(splits);
        }
    }
}
