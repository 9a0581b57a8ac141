package io.scv.config;

/**
 * @param maxIterations      upper bound on connected-components iterations (a chain longer than this is an error)
 * @param checkpointInterval GraphX Pregel checkpoint interval, so long chains do not blow the lineage
 * @param minLinkDensity     two groups of records join only if at least this share of the record pairs between
 *                           them are matches (0 turns the check off)
 */
public record ClusterSettings(int maxIterations, int checkpointInterval, double minLinkDensity) {
    public static final double DEFAULT_MIN_LINK_DENSITY = 0.2;

    public ClusterSettings(int maxIterations, int checkpointInterval) {
        this(maxIterations, checkpointInterval, DEFAULT_MIN_LINK_DENSITY);
    }
}
