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
 * @param driverMaxEdges     match graphs of at most this many edges are joined by union-find on the driver (16 bytes
 *                           an edge there); larger ones by GraphX on the executors
 */
public record ClusterSettings(int maxIterations, int checkpointInterval, double minLinkDensity, int maxClusterSize,
                              List<String> cannotLinkFields, long driverMaxEdges) {
    public static final double DEFAULT_MIN_LINK_DENSITY = 0.2;
    public static final int DEFAULT_MAX_CLUSTER_SIZE = 50;
    /** 5M edges: 80 MB of longs on the driver, about 2 s of union-find; GraphX needs tens of seconds for that. */
    public static final long DEFAULT_DRIVER_MAX_EDGES = 5_000_000;
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

    /** The same settings with another driver threshold (0: always GraphX). */
    public ClusterSettings withDriverMaxEdges(long edges) {
        return new ClusterSettings(maxIterations, checkpointInterval, minLinkDensity, maxClusterSize, cannotLinkFields,
                edges);
    }
}
