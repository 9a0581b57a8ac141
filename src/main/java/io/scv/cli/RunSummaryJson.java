package io.scv.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A command's outcome (the run summary, an erasure's figures) as one JSON object, for schedulers and scripts. */
final class RunSummaryJson {
    private RunSummaryJson() {
    }

    static String of(Record s) {
        try {
            return new ObjectMapper().writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run summary not serialisable", e);
        }
    }
}
