package io.scv.config;

/**
 * Drift gates: how far a run's result may move from the last published one before it is held back (DESIGN §9).
 * Each limit is checked only when the last run published at least {@code minPreviousCustomers} customers, since
 * shares of a handful of customers say nothing.
 *
 * @param driftGates              false turns every drift gate off (the invariants are always checked)
 * @param maxCustomerChange       customer count may move by at most this share of the previous count, up or down
 * @param maxLargestClusterGrowth the largest customer may have at most this many times the previous largest's
 *                                records (and always at least 5 more)
 * @param maxSingletonShareChange the share of one-record customers may move by at most this many points (0.1 = 10)
 * @param maxIdChurn              at most this share of the previous customer IDs may be merged, split or retired
 * @param minPreviousCustomers    gates apply only from this many previous customers on
 */
public record AuditSettings(boolean driftGates, double maxCustomerChange, double maxLargestClusterGrowth,
                            double maxSingletonShareChange, double maxIdChurn, long minPreviousCustomers) {
    public static final AuditSettings DEFAULTS = new AuditSettings(true, 0.25, 3.0, 0.10, 0.10, 100);

    /** The same limits with the gates off, for a run whose change is intended (an erasure, a reviewed drift). */
    public AuditSettings withoutDriftGates() {
        return new AuditSettings(false, maxCustomerChange, maxLargestClusterGrowth, maxSingletonShareChange,
                maxIdChurn, minPreviousCustomers);
    }
}
