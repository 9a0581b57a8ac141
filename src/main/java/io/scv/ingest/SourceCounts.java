package io.scv.ingest;

/**
 * Rows of one input (records, orders or events of a source): read = kept + quarantined + expired always holds.
 *
 * @param expired          rows that were fine but dropped because the record's last activity is older than the
 *                         source's retention period; not quarantined, so nothing of them is kept
 * @param retentionUnknown kept rows whose record has no readable activity timestamp, so retention could not
 *                         judge them (a part of {@code kept}); always 0 without a retention period
 */
public record SourceCounts(String source, String input, long read, long kept, long quarantined, long expired,
                           long retentionUnknown) {
    public SourceCounts {
        if (read != kept + quarantined + expired) {
            throw new IllegalStateException(String.format(
                    "counts of %s %s do not reconcile: read %d != kept %d + quarantined %d + expired %d",
                    source, input, read, kept, quarantined, expired));
        }
        if (retentionUnknown < 0 || retentionUnknown > kept) {
            throw new IllegalStateException(String.format("counts of %s %s: %d rows of unknown age but %d kept",
                    source, input, retentionUnknown, kept));
        }
    }

    /** Counts before any retention period applies. */
    public SourceCounts(String source, String input, long read, long kept, long quarantined) {
        this(source, input, read, kept, quarantined, 0, 0);
    }

    /** The same input after retention: {@code expired} of the kept rows leave the run. */
    public SourceCounts afterRetention(long expiredRows, long unknownRows) {
        return new SourceCounts(source, input, read, kept - expiredRows, quarantined, expired + expiredRows,
                unknownRows);
    }
}
