package io.scv.cluster;

/** Connected components left an edge with its two ends in different clusters: the result must not be published. */
public final class ClusterInvariantViolated extends RuntimeException {
    public ClusterInvariantViolated(String message) {
        super(message);
    }
}
