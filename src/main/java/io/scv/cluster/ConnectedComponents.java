package io.scv.cluster;

import io.scv.config.ClusterSettings;
import io.scv.ingest.RecordKeys;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.graphx.Edge;
import org.apache.spark.graphx.Graph;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

import static org.apache.spark.sql.functions.*;

/**
 * Joins matched records into clusters: connected components of the match graph. Vertex ids are xxhash64 of the
 * record key; a collision is detected and stops the run. A component's cluster id is its smallest vertex id, on
 * either path:
 * <ul>
 *   <li>up to {@code cluster.driver_max_edges} edges (by default as many as fit in a quarter of the driver's
 *   heap), union-find on the driver ({@link DriverComponents}): exact, one job to bring the edges in, no
 *   iteration;</li>
 *   <li>above it, Spark GraphX (Pregel, one shuffle per iteration; checkpointed every
 *   {@code cluster.checkpoint_interval} iterations through {@code spark.graphx.pregel.checkpointInterval}, so long
 *   chains do not blow the lineage). Afterwards both ends of every edge must carry the same cluster id, otherwise
 *   the run stops: the components did not converge within {@code cluster.max_iterations}.</li>
 * </ul>
 */
public final class ConnectedComponents {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectedComponents.class);
    private static final ClassTag<Object> ANY = ClassTag$.MODULE$.apply(Object.class);
    /**
     * Column of the result: false for a record without a match edge (or with only one to itself), a cluster of its
     * own, which the cluster rules leave out of their gathering by cluster (at 10M, 3.7M of 10M records).
     */
    public static final String LINKED = "linked";

    private ConnectedComponents() {
    }

    /**
     * How components are found: union-find on the driver, GraphX, or large-star/small-star in Spark SQL. The job
     * chooses between the first two; STAR lost to GraphX on two cores (docs/benchmarks.md) and is there for
     * {@code ComponentsBench}, to measure it again elsewhere.
     */
    public enum Algorithm { DRIVER, GRAPHX, STAR }

    /**
     * A record's vertex id: the 64-bit hash of its key. {@link #run} stops the run when two records share one, so
     * after it a vertex id names one record (a later step may join or group on it instead of the key's text).
     */
    public static Column vertexId(Column recordKey) {
        return xxhash64(recordKey);
    }

    /**
     * @param recordKeys one row per record: {@code record_key}
     * @param edges      {@code l_key}, {@code r_key}
     * @return {@code record_key}, {@code cluster} (long; equal within a cluster; singletons get their own),
     * {@value #LINKED} (false: a record without an edge, a cluster of its own)
     */
    public static Dataset<Row> run(Dataset<Row> recordKeys, Dataset<Row> edges, ClusterSettings settings) {
        return run(recordKeys, edges, settings, null);
    }

    /**
     * @param algorithm the algorithm to use, or null to choose: the driver up to
     *                  {@link ClusterSettings#driverEdgeLimit} edges, else the distributed one
     */
    public static Dataset<Row> run(Dataset<Row> recordKeys, Dataset<Row> edges, ClusterSettings settings,
                                   Algorithm algorithm) {
        var spark = recordKeys.sparkSession();
        spark.sparkContext().setJobDescription("cluster: check vertex ids");
        var vertices = recordKeys.select(col("record_key"), vertexId(col("record_key")).as("vid"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Row ids = vertices.agg(count(lit(1)), countDistinct(col("vid"))).first();
        if (ids.getLong(0) != ids.getLong(1)) {
            throw new IllegalStateException("record key hash collision: " + ids.getLong(0) + " records but "
                    + ids.getLong(1) + " distinct vertex ids");
        }
        spark.sparkContext().setJobDescription("cluster: connected components");
        var vidEdges = edges.select(vertexId(col("l_key")).as("l_vid"), vertexId(col("r_key")).as("r_vid"));
        if (algorithm == null) {
            long limit = settings.driverEdgeLimit(Runtime.getRuntime().maxMemory());
            long edgeCount = limit > 0 ? vidEdges.count() : Long.MAX_VALUE;
            algorithm = edgeCount <= limit ? Algorithm.DRIVER : Algorithm.GRAPHX;
            LOG.info("cluster: {} edges, driver limit {} ({}): {}", edgeCount == Long.MAX_VALUE ? "?" : edgeCount,
                    limit, settings.driverMaxEdges() == ClusterSettings.DRIVER_EDGES_AUTO
                            ? "cluster.driver_max_edges: auto, a quarter of the driver's heap"
                            : "cluster.driver_max_edges", algorithm);
        }
        if (algorithm == Algorithm.DRIVER) {
            return DriverComponents.run(vertices, vidEdges).persist(StorageLevel.MEMORY_AND_DISK());
        }
        Dataset<Row> components;
        Graph<Object, Object> graph = null;
        Graph<Object, Object> cc = null;
        if (algorithm == Algorithm.STAR) {
            components = StarComponents.labels(vidEdges, settings.maxIterations());
        } else {
            JavaRDD<Edge<Object>> edgeRdd = vidEdges.javaRDD()
                    .map(r -> new Edge<Object>(r.getLong(0), r.getLong(1), Boolean.TRUE));
            graph = Graph.fromEdges(edgeRdd.rdd(), Boolean.TRUE, StorageLevel.MEMORY_AND_DISK(),
                    StorageLevel.MEMORY_AND_DISK(), ANY, ANY);
            cc = org.apache.spark.graphx.lib.ConnectedComponents.run(graph, settings.maxIterations(), ANY, ANY);
            JavaRDD<Row> componentRows = cc.vertices().toJavaRDD()
                    .map(t -> RowFactory.create(((Tuple2<?, ?>) t)._1(), ((Tuple2<?, ?>) t)._2()));
            var schema = new StructType().add("vid", DataTypes.LongType).add("component", DataTypes.LongType);
            components = spark.createDataFrame(componentRows, schema);
        }
        var clusters = vertices.join(components, "vid", "left")
                .select(col("record_key"), coalesce(col("component"), col("vid")).as("cluster"),
                        col("component").isNotNull().as(LINKED))
                .persist(StorageLevel.MEMORY_AND_DISK());
        checkEdgesInsideClusters(clusters, edges, settings);
        if (graph != null) {
            graph.unpersist(false);
            cc.unpersist(false);
        }
        return clusters;
    }

    private static void checkEdgesInsideClusters(Dataset<Row> clusters, Dataset<Row> edges, ClusterSettings s) {
        clusters.sparkSession().sparkContext().setJobDescription("cluster: check every edge is inside a cluster");
        long broken = RecordKeys.edgesAcross(edges, clusters, "cluster");
        if (broken > 0) {
            throw new ClusterInvariantViolated(broken + " matched pairs ended in different clusters; connected "
                    + "components did not converge within cluster.max_iterations = " + s.maxIterations()
                    + ". Raise it.");
        }
        LOG.debug("cluster invariant holds: every edge inside one cluster");
    }
}
