package io.scv.config;

/**
 * @param maxIterations      upper bound on connected-components iterations (a chain longer than this is an error)
 * @param checkpointInterval GraphX Pregel checkpoint interval, so long chains do not blow the lineage
 */
public record ClusterSettings(int maxIterations, int checkpointInterval) {
}
