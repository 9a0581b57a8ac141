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
 */
public record ClusterSettings(int maxIterations, int checkpointInterval, double minLinkDensity, int maxClusterSize,
                              List<String> cannotLinkFields) {
    public static final double DEFAULT_MIN_LINK_DENSITY = 0.2;
    public static final int DEFAULT_MAX_CLUSTER_SIZE = 50;
    /** Derived field, "business" or "personal" after the email's domain: a cannot-link field like any other. */
    public static final String EMAIL_KIND = "email_kind";

    public ClusterSettings {
        cannotLinkFields = List.copyOf(cannotLinkFields);
    }

    public ClusterSettings(int maxIterations, int checkpointInterval) {
        this(maxIterations, checkpointInterval, DEFAULT_MIN_LINK_DENSITY, DEFAULT_MAX_CLUSTER_SIZE, List.of());
    }
}
