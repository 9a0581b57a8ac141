package io.scv.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The run summary as one JSON object, for schedulers and scripts. */
final class RunSummaryJson {
    private RunSummaryJson() {
    }

    static String of(RunSummary s) {
        try {
            return new ObjectMapper().writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run summary not serialisable", e);
        }
    }
}
