package io.scv.cluster;

import io.scv.config.ClusterSettings;
import io.scv.ingest.RecordKeys;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.*;

/**
 * Cluster-level decisions on top of connected components, where single edges are not enough (DESIGN §6):
 * <ul>
 *   <li><b>duplicate-free sources</b>: a cluster keeps at most one record of each;</li>
 *   <li><b>hard identifiers</b> ({@code cluster.cannot_link}): a cluster holds at most one non-null value of each
 *   such field (a national id, an account number, or {@code email_kind} to keep work and personal emails
 *   apart);</li>
 *   <li><b>maximum cluster size</b>: no cluster grows beyond {@code max_cluster_size} records;</li>
 *   <li><b>link density</b>: two groups of records join only if at least {@code minLinkDensity} of the record pairs
 *   between them are matches. A true customer's records mostly match each other; a chain of individually
 *   plausible edges (A–B, B–C, C–D…) that joins two people hangs on one or two links between groups.</li>
 *   <li><b>overrides</b> ({@link Overrides}): must-link edges join regardless of the rules above; no join
 *   brings a cannot-link pair together.</li>
 * </ul>
 * Components that may break a rule are rebuilt greedily, each on its own in an executor task, strongest edge
 * first, joining two parts only when every rule allows it, so an oversized component loses its weakest bridges.
 * Other components are left as they are. A rebuilt part's cluster id is the smallest vertex id among its records,
 * as connected components assigns it. Every component split is reported with the rules that split it.
 */
public final class ClusterConstraints {
    private static final int LOGGED_SPLITS = 10;
    /** A member row is record_key, source, cluster, vertex id, then the cannot-link fields from this position. */
    private static final int FIRST_FIELD = 4;
    private static final Logger LOG = LoggerFactory.getLogger(ClusterConstraints.class);
    /** Why a join was refused, as reported per split component. */
    public static final String CANNOT_LINK_OVERRIDE = "cannot_link override";
    public static final String DUPLICATE_FREE = "duplicate-free source";
    public static final String MAX_SIZE = "max_cluster_size";
    public static final String LINK_DENSITY = "min_link_density";

    private ClusterConstraints() {
    }

    /**
     * The rules a rebuild applies.
     *
     * @param duplicateFree    names of the duplicate-free sources
     * @param minLinkDensity   share of matching pairs two groups need to join; 0 for none
     * @param maxClusterSize   most records in one cluster; 0 for no limit
     * @param cannotLinkFields fields of which a cluster holds at most one non-null value
     * @param cannotLink       people's cannot-link pairs
     */
    public record Rules(Set<String> duplicateFree, double minLinkDensity, int maxClusterSize,
                        List<String> cannotLinkFields, List<Overrides.Pair> cannotLink) implements Serializable {
        public Rules {
            duplicateFree = Set.copyOf(duplicateFree);
            cannotLinkFields = List.copyOf(cannotLinkFields);
            cannotLink = List.copyOf(cannotLink);
        }

        public static Rules of(ClusterSettings settings, Set<String> duplicateFree, Overrides overrides) {
            return new Rules(duplicateFree, settings.minLinkDensity(), settings.maxClusterSize(),
                    settings.cannotLinkFields(), overrides.cannotLink());
        }

        boolean none() {
            return duplicateFree.isEmpty() && minLinkDensity <= 0 && maxClusterSize <= 0
                    && cannotLinkFields.isEmpty() && cannotLink.isEmpty();
        }
    }

    /**
     * @param clusters {@code record_key}, {@code cluster} and, if known, {@value ConnectedComponents#LINKED} (a
     *                 record without an edge is a cluster of its own, left out of the gathering; it stays in the
     *                 result)
     * @param edges    {@code l_key}, {@code r_key}, {@code score} (the pairs that made the clusters; must-link
     *                 edges have score {@link Overrides#MUST_LINK_SCORE})
     * @param records  {@code record_key}, {@code source} and each of the rules' cannot-link fields
     * @return the clusters after the rules, the edges they cut, and the components they split
     */
    public static Result apply(Dataset<Row> clusters, Dataset<Row> edges, Dataset<Row> records, Rules rules) {
        if (rules.none()) {
            return new Result(clusters, List.of(), List.of());
        }
        var spark = clusters.sparkSession();
        spark.sparkContext().setJobDescription("cluster: rebuild components under the cluster rules");
        var fields = rules.cannotLinkFields();
        boolean knowsLinks = Arrays.asList(clusters.columns()).contains(ConnectedComponents.LINKED);
        // a record without an edge is a cluster of its own and breaks no rule
        var linked = knowsLinks ? clusters.filter(col(ConnectedComponents.LINKED)) : clusters;
        // one row per component: its members and the edges inside it, gathered in one shuffle and rebuilt where it
        // lies, so no component has to fit on the driver with all the others
        var members = RecordKeys.join(linked, records.select(Stream.concat(Stream.of("record_key", "source"),
                fields.stream()).map(functions::col).toArray(Column[]::new)), "record_key")
                .select(col("cluster"), struct(Stream.concat(Stream.of(col("record_key"), col("source"),
                        col("cluster"), ConnectedComponents.vertexId(col("record_key")).as("vid")), fields.stream()
                        .map(f -> col(f).cast("string").as(f))).toArray(Column[]::new)).as("member"));
        var inside = RecordKeys.join(edges, linked.select(col("record_key").as("l_key"), col("cluster")), "l_key")
                .select(col("cluster"), struct(col("l_key"), col("r_key"), col("score")).as("edge"));
        // a member row has no edge and an edge row no member: the union fills the missing one with null. The rows
        // of a component are brought together by a sort on its (long) id, not by collect_list: that aggregate
        // reduces nothing, and with more than 128 components a task Spark sorts its buffers anyway (10M records:
        // 49 s of CPU before the shuffle)
        var rows = members.unionByName(inside, true).select("cluster", "member", "edge")
                .repartition(col("cluster")).sortWithinPartitions("cluster");
        Set<String> cannotLinked = rules.cannotLink().stream().flatMap(p -> Stream.of(p.left(), p.right()))
                .collect(Collectors.toUnmodifiableSet());
        var rebuilt = rows
                .mapPartitions((MapPartitionsFunction<Row, Row>) sorted -> rebuildEach(sorted, rules, cannotLinked),
                        Encoders.row(REBUILT))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Row totals = rebuilt.agg(count(lit(1)), coalesce(sum("records"), lit(0L))).first();
        if (totals.getLong(0) == 0) {
            rebuilt.unpersist();
            LOG.info("cluster: no component for the cluster rules to check");
            return new Result(clusters, List.of(), List.of());
        }
        var splits = new ArrayList<Split>();
        var cutEdges = new ArrayList<CutEdge>();
        for (Row r : rebuilt.filter(col("split").isNotNull()).select("split", "cut").collectAsList()) {
            Row split = r.getStruct(0);
            splits.add(new Split(split.getLong(0), split.getInt(1), split.getInt(2), split.getList(3),
                    split.getList(4)));
            for (Row e : r.<Row>getList(1)) {
                cutEdges.add(new CutEdge(e.getString(0), e.getString(1), e.getDouble(2)));
            }
        }
        splits.sort(Comparator.comparingLong(Split::component));
        // only the records that moved are joined back: a component left whole keeps its id
        var moved = rebuilt.select(explode(col("moved")).as("m"))
                .select(col("m.record_key").as("record_key"), col("m.cluster").as("new_cluster"));
        var result = RecordKeys.join(clusters, moved, "record_key", "left")
                .withColumn("cluster", coalesce(col("new_cluster"), col("cluster"))).drop("new_cluster");
        LOG.info("cluster: {} records in {} components checked; {} components split into {} clusters, {} edges cut",
                totals.getLong(1), totals.getLong(0), splits.size(), splits.stream().mapToInt(Split::parts).sum(),
                cutEdges.size());
        // the run summary counts every split by reason; the log names the first few (1,650 lines at 1M records)
        for (int i = 0; i < splits.size(); i++) {
            Split sp = splits.get(i);
            LOG.atLevel(i < LOGGED_SPLITS ? Level.INFO : Level.DEBUG).log(
                    "cluster: split a component of {} records into {} clusters, because of {}", sp.records(),
                    sp.parts(), String.join(", ", sp.reasons()));
        }
        if (splits.size() > LOGGED_SPLITS) {
            LOG.info("cluster: {} more components split (each at DEBUG)", splits.size() - LOGGED_SPLITS);
        }
        return new Result(result, cutEdges, splits);
    }

    /** What {@link #rebuildOne} gives per component. */
    private static final StructType REBUILT = new StructType()
            .add("records", DataTypes.LongType)
            .add("moved", DataTypes.createArrayType(new StructType().add("record_key", DataTypes.StringType)
                    .add("cluster", DataTypes.LongType)))
            .add("cut", DataTypes.createArrayType(new StructType().add("l_key", DataTypes.StringType)
                    .add("r_key", DataTypes.StringType).add("score", DataTypes.DoubleType)))
            .add("split", new StructType().add("component", DataTypes.LongType).add("records", DataTypes.IntegerType)
                    .add("parts", DataTypes.IntegerType)
                    .add("reasons", DataTypes.createArrayType(DataTypes.StringType))
                    .add("clusters", DataTypes.createArrayType(DataTypes.LongType)));

    /**
     * Whether any rule could split a component of these members ({@link #rebuild}'s layout): two records of the
     * cannot-link overrides, two of one duplicate-free source, two values of a cannot-link field, more records
     * than the size limit, or with a link density to keep, three records or more. The others are left whole
     * without a rebuild.
     */
    static boolean mayBreakRules(List<Row> members, Rules rules, Set<String> cannotLinked) {
        int n = members.size();
        if (rules.minLinkDensity() > 0 && n >= 3 || rules.maxClusterSize() > 0 && n > rules.maxClusterSize()) {
            return true;
        }
        int nFields = rules.cannotLinkFields().size();
        String[] seen = new String[nFields];
        var sources = new HashSet<String>();
        int linked = 0;
        for (Row m : members) {
            if (cannotLinked.contains(m.getString(0)) && ++linked >= 2) {
                return true;
            }
            String source = m.getString(1);
            if (rules.duplicateFree().contains(source) && !sources.add(source)) {
                return true;
            }
            for (int f = 0; f < nFields; f++) {
                String v = m.isNullAt(FIRST_FIELD + f) ? null : m.getString(FIRST_FIELD + f);
                if (v != null && seen[f] != null && !seen[f].equals(v)) {
                    return true;
                }
                seen[f] = seen[f] == null ? v : seen[f];
            }
        }
        return false;
    }

    /**
     * One {@link #REBUILT} row per component that may break a rule, from rows ({@code cluster}, {@code member},
     * {@code edge}) sorted by cluster; a single record breaks no rule. One component in memory at a time.
     */
    private static Iterator<Row> rebuildEach(Iterator<Row> sorted, Rules rules, Set<String> cannotLinked) {
        return new Iterator<>() {
            private Row pending = sorted.hasNext() ? sorted.next() : null;
            private Row next = advance();

            private Row advance() {
                while (pending != null) {
                    long cluster = pending.getLong(0);
                    var members = new ArrayList<Row>();
                    var edges = new ArrayList<Row>();
                    while (pending != null && pending.getLong(0) == cluster) {
                        if (!pending.isNullAt(1)) {
                            members.add(pending.getStruct(1));
                        }
                        if (!pending.isNullAt(2)) {
                            edges.add(pending.getStruct(2));
                        }
                        pending = sorted.hasNext() ? sorted.next() : null;
                    }
                    if (members.size() >= 2 && mayBreakRules(members, rules, cannotLinked)) {
                        return rebuildOne(members, edges, rules);
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Row next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Row r = next;
                next = advance();
                return r;
            }
        };
    }

    /** Rebuilds one component, given its members and the edges inside it, on its own. */
    private static Row rebuildOne(List<Row> members, List<Row> edges, Rules rules) {
        var one = rebuild(members, edges, rules);
        Object split = null;
        if (!one.splits().isEmpty()) {
            Split sp = one.splits().get(0);
            split = RowFactory.create(sp.component(), sp.records(), sp.parts(), sp.reasons().toArray(),
                    sp.clusters().toArray());
        }
        return RowFactory.create((long) members.size(), one.moved().toArray(),
                one.cutEdges().stream().map(e -> RowFactory.create(e.lKey(), e.rKey(), e.score())).toArray(), split);
    }

    /**
     * Greedy rebuild of the members of one or more components. Visible for tests.
     *
     * @param members {@code record_key}, {@code source}, {@code cluster}, vertex id, then one string per
     *                cannot-link field of the rules
     * @param edges   {@code l_key}, {@code r_key}, {@code score} among the members
     */
    static Rebuilt rebuild(List<Row> members, List<Row> edges, Rules rules) {
        var index = new HashMap<String, Integer>();
        int n = members.size();
        int nFields = rules.cannotLinkFields().size();
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
            String[] values = new String[nFields];
            for (int f = 0; f < nFields; f++) {
                values[f] = m.isNullAt(FIRST_FIELD + f) ? null : m.getString(FIRST_FIELD + f);
            }
            parts.add(new Part(i, rules.duplicateFree().contains(m.getString(1)) ? m.getString(1) : null, values));
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
        for (Overrides.Pair p : rules.cannotLink()) {
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
        var reasonOfCut = new HashMap<CutEdge, String>();
        for (Row e : sorted) {
            int ra = find(parent, index.get(e.getString(0)));
            int rb = find(parent, index.get(e.getString(1)));
            if (ra == rb) {
                continue;
            }
            Part a = parts.get(ra);
            Part b = parts.get(rb);
            boolean mustLink = e.getDouble(2) == Overrides.MUST_LINK_SCORE;
            String refused = keptApart(a, b, rb, parent, apart) ? CANNOT_LINK_OVERRIDE
                    : mustLink ? null : refusal(a, b, rb, parent, adjacent, rules);
            if (refused != null) {
                var edge = new CutEdge(e.getString(0), e.getString(1), e.getDouble(2));
                cut.add(edge);
                reasonOfCut.put(edge, refused);
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
        var moved = new ArrayList<Row>();
        var partsPerComponent = new HashMap<Long, Set<Long>>();
        var sizePerComponent = new HashMap<Long, Integer>();
        for (int i = 0; i < n; i++) {
            long cluster = minVid.get(find(parent, i));
            var row = RowFactory.create(keys[i], cluster);
            assignment.add(row);
            if (cluster != component[i]) {
                moved.add(row);
            }
            partsPerComponent.computeIfAbsent(component[i], k -> new HashSet<>()).add(cluster);
            sizePerComponent.merge(component[i], 1, Integer::sum);
        }
        // an edge refused at first may join records that other edges brought together later: not a cut
        cut.removeIf(e -> find(parent, index.get(e.lKey())) == find(parent, index.get(e.rKey())));
        var reasons = new HashMap<Long, Set<String>>();
        for (CutEdge e : cut) {
            reasons.computeIfAbsent(component[index.get(e.lKey())], k -> new TreeSet<>()).add(reasonOfCut.get(e));
        }
        var splits = new ArrayList<Split>();
        partsPerComponent.forEach((c, p) -> {
            if (p.size() > 1) {
                splits.add(new Split(c, sizePerComponent.get(c), p.size(),
                        List.copyOf(reasons.getOrDefault(c, Set.of())), p.stream().sorted().toList()));
            }
        });
        splits.sort(Comparator.comparingLong(Split::component));
        return new Rebuilt(assignment, moved, cut, splits, partsPerComponent.size());
    }

    /** The first rule that keeps parts a and b apart, or null when every rule allows the join. */
    private static String refusal(Part a, Part b, int rootB, int[] parent, Map<Integer, List<Integer>> adjacent,
                                  Rules rules) {
        String field = a.conflictingField(b, rules.cannotLinkFields());
        if (field != null) {
            return "cannot_link " + field;
        }
        if (a.sharesSourceWith(b)) {
            return DUPLICATE_FREE;
        }
        if (rules.maxClusterSize() > 0 && a.members.size() + b.members.size() > rules.maxClusterSize()) {
            return MAX_SIZE;
        }
        if (!denseEnough(a, b, rootB, parent, adjacent, rules.minLinkDensity())) {
            return LINK_DENSITY;
        }
        return null;
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

    /** A group of records being built: its members, the duplicate-free sources and hard identifiers it holds. */
    private static final class Part {
        final List<Integer> members = new ArrayList<>();
        final Set<String> duplicateFreeSources = new HashSet<>();
        /** The part's one value of each cannot-link field, or null while it has none. */
        final String[] values;

        Part(int member, String duplicateFreeSource, String[] values) {
            members.add(member);
            if (duplicateFreeSource != null) {
                duplicateFreeSources.add(duplicateFreeSource);
            }
            this.values = values;
        }

        boolean sharesSourceWith(Part other) {
            for (String s : duplicateFreeSources) {
                if (other.duplicateFreeSources.contains(s)) {
                    return true;
                }
            }
            return false;
        }

        /** The first cannot-link field on which the two parts hold different values, or null. */
        String conflictingField(Part other, List<String> fields) {
            for (int f = 0; f < values.length; f++) {
                if (values[f] != null && other.values[f] != null && !values[f].equals(other.values[f])) {
                    return fields.get(f);
                }
            }
            return null;
        }

        void absorb(Part other) {
            members.addAll(other.members);
            duplicateFreeSources.addAll(other.duplicateFreeSources);
            for (int f = 0; f < values.length; f++) {
                if (values[f] == null) {
                    values[f] = other.values[f];
                }
            }
        }
    }

    /**
     * @param assignment every checked record's cluster
     * @param moved      the records whose cluster is not their component's: a component left whole keeps its id
     *                   (the components' ids are their smallest vertex ids, as the rebuilt parts' are)
     */
    record Rebuilt(List<Row> assignment, List<Row> moved, List<CutEdge> cutEdges, List<Split> splits, int checked) {
    }

    /** A matched pair whose records the cluster rules kept apart. */
    public record CutEdge(String lKey, String rKey, double score) {
    }

    /**
     * A component the cluster rules split: its records, into how many clusters, the rules that refused its joins,
     * and the cluster ids of its parts.
     */
    public record Split(long component, int records, int parts, List<String> reasons, List<Long> clusters) {
        public Split {
            reasons = List.copyOf(reasons);
            clusters = List.copyOf(clusters);
        }
    }

    public record Result(Dataset<Row> clusters, List<CutEdge> cutEdges, List<Split> splits) {
        public Result {
            cutEdges = List.copyOf(cutEdges);
            splits = List.copyOf(splits);
        }
    }
}
