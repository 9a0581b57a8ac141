package io.scv.publish;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a publish committed.
 *
 * @param versions    the version of each table after the run (-1: the table does not exist)
 * @param rowsChanged per table, rows inserted, updated or deleted (appended, for the logs)
 */
public record PublishResult(Map<String, Long> versions, Map<String, Long> rowsChanged) {
    public PublishResult {
        versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
        rowsChanged = Collections.unmodifiableMap(new LinkedHashMap<>(rowsChanged));
    }
}
