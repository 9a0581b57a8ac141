package io.scv.sample;

import java.util.List;

/**
 * One row of changes.csv: what happened to one record on one night, relative to the night before. Like truth.csv,
 * never read by the job.
 *
 * @param otherEntityId for an email mix-up or its correction, the household partner whose email the contact
 *                      carried; blank otherwise
 */
record Change(int night, ChangeKind kind, Source source, String sourceId, String entityId, String otherEntityId) {

    static final List<String> HEADER = List.of("night", "kind", "source", "source_id", "entity_id",
            "other_entity_id");

    Change(int night, ChangeKind kind, Source source, String sourceId, String entityId) {
        this(night, kind, source, sourceId, entityId, "");
    }

    List<String> row() {
        return List.of(String.valueOf(night), kind.code, source.code, sourceId, entityId, otherEntityId);
    }
}
