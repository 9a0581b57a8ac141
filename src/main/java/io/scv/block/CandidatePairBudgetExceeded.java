package io.scv.block;

/** The blocking rules would produce more candidate pairs than the configured budget. */
public final class CandidatePairBudgetExceeded extends RuntimeException {
    public CandidatePairBudgetExceeded(String message) {
        super(message);
    }
}
