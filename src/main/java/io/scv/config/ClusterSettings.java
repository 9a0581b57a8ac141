package io.scv.config;

import java.util.List;

/**
 * @param maxIterations      upper bound on connected-components iterations (a chain longer than this is an error)
 * @param checkpointInterval GraphX Pregel checkpoint interval, so long chains do not blow the lineage
 * @param minLinkDensity     two groups of records join only if at least this share of the record pairs between
 *                           them are matches (0 turns the check off)
 * @param maxClusterSize     no customer gets more records than this; larger components are rebuilt strongest edge
 *                           first, which cuts their weakest bridges (0 turns the check off)
 * @param cannotLinkFields   hard identifiers: two records with different non-null values of one of these fields
 *                           never end in one customer ({@code email_kind} keeps work and personal emails apart)
 * @param driverMaxEdges     match graphs of at most this many edges are joined by union-find on the driver; larger
 *                           ones by GraphX on the executors. {@link #DRIVER_EDGES_AUTO}: as many as fit in a quarter
 *                           of the driver's heap ({@link #driverEdgeLimit})
 */
public record ClusterSettings(int maxIterations, int checkpointInterval, double minLinkDensity, int maxClusterSize,
                              List<String> cannotLinkFields, long driverMaxEdges) {
    public static final double DEFAULT_MIN_LINK_DENSITY = 0.2;
    public static final int DEFAULT_MAX_CLUSTER_SIZE = 50;
    /** {@code driver_max_edges: auto}: the limit follows the driver's heap. */
    public static final long DRIVER_EDGES_AUTO = -1;
    public static final long DEFAULT_DRIVER_MAX_EDGES = DRIVER_EDGES_AUTO;
    /**
     * Driver heap an edge takes at the peak of union-find, with room to spare: the collected edges (16 bytes), their
     * long array (16), its sorted copy and distinct vertex ids (up to 32), labels and parents (up to 24).
     */
    static final long DRIVER_BYTES_PER_EDGE = 100;
    /** The automatic limit never goes above this: union-find is single-threaded, GraphX spreads over a cluster. */
    static final long DRIVER_AUTO_MAX_EDGES = 100_000_000;
    /** Derived field, "business" or "personal" after the email's domain: a cannot-link field like any other. */
    public static final String EMAIL_KIND = "email_kind";

    public ClusterSettings {
        cannotLinkFields = List.copyOf(cannotLinkFields);
    }

    public ClusterSettings(int maxIterations, int checkpointInterval, double minLinkDensity, int maxClusterSize,
                           List<String> cannotLinkFields) {
        this(maxIterations, checkpointInterval, minLinkDensity, maxClusterSize, cannotLinkFields,
                DEFAULT_DRIVER_MAX_EDGES);
    }

    public ClusterSettings(int maxIterations, int checkpointInterval) {
        this(maxIterations, checkpointInterval, DEFAULT_MIN_LINK_DENSITY, DEFAULT_MAX_CLUSTER_SIZE, List.of());
    }

    /**
     * The largest match graph, in edges, joined on the driver: {@code driver_max_edges} when set, else as many edges
     * as fit in a quarter of the driver's heap (a 16 GiB driver: 43M edges; 1 GiB: 2.7M), at most 100M.
     */
    public long driverEdgeLimit(long driverHeapBytes) {
        if (driverMaxEdges >= 0) {
            return driverMaxEdges;
        }
        return Math.min(DRIVER_AUTO_MAX_EDGES, driverHeapBytes / 4 / DRIVER_BYTES_PER_EDGE);
    }

    /** The same settings with another driver threshold (0: always GraphX; {@link #DRIVER_EDGES_AUTO}). */
    public ClusterSettings withDriverMaxEdges(long edges) {
        return new ClusterSettings(maxIterations, checkpointInterval, minLinkDensity, maxClusterSize, cannotLinkFields,
                edges);
    }
}
