package io.scv.sample;

import java.util.List;

/** How many changes of each kind a night has relative to the night before; all zero for night 1. */
public record ChangeCounts(int newRecords, int updated, int deleted, int newOrders, int newSessions,
                           int mergeBridges, int mistakenEmails, int correctedEmails) {

    static ChangeCounts of(List<Change> changes) {
        var counts = new int[ChangeKind.values().length];
        for (Change change : changes) {
            counts[change.kind().ordinal()]++;
        }
        return new ChangeCounts(counts[ChangeKind.NEW_RECORD.ordinal()], counts[ChangeKind.UPDATED.ordinal()],
                counts[ChangeKind.DELETED.ordinal()], counts[ChangeKind.NEW_ORDERS.ordinal()],
                counts[ChangeKind.NEW_SESSIONS.ordinal()], counts[ChangeKind.MERGE_BRIDGE.ordinal()],
                counts[ChangeKind.MISTAKEN_EMAIL.ordinal()], counts[ChangeKind.CORRECTED_EMAIL.ordinal()]);
    }

    /** In the kind codes of changes.csv: {@code new_record=62 updated=131 ...}. */
    @Override
    public String toString() {
        return "new_record=" + newRecords + " updated=" + updated + " deleted=" + deleted + " new_orders="
                + newOrders + " new_sessions=" + newSessions + " merge_bridge=" + mergeBridges + " mistaken_email="
                + mistakenEmails + " corrected_email=" + correctedEmails;
    }
}
