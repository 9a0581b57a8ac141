package io.scv.ingest;

/**
 * Rows of one input (records, orders or events of a source): read = kept + quarantined always holds.
 */
public record SourceCounts(String source, String input, long read, long kept, long quarantined) {
    public SourceCounts {
        if (read != kept + quarantined) {
            throw new IllegalStateException(String.format(
                    "counts of %s %s do not reconcile: read %d != kept %d + quarantined %d",
                    source, input, read, kept, quarantined));
        }
    }
}
