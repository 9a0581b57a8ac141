package io.scv.bench;

import java.util.List;

/**
 * What the baseline's read stage produced: the records of every source, the names of the raw text slots their
 * values sit in, and how many rows were quarantined (malformed, no id, unreadable text, duplicate id, bad event).
 */
record BaselineInput(List<String> fields, List<BaselineRawRecord> records, long quarantined) {
    BaselineInput {
        fields = List.copyOf(fields);
    }

    /** The slot of a raw field, or -1 when no source maps it. */
    int slot(String field) {
        return fields.indexOf(field);
    }
}
