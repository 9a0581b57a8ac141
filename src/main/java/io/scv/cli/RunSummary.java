package io.scv.cli;

import io.scv.block.HotKey;
import io.scv.block.RuleCount;
import io.scv.ingest.SourceCounts;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one run: what came in, what was matched, what was published, and how long each stage took. */
public record RunSummary(String runId, String warehouse, List<SourceCounts> inputs, long records,
                         long suppressed, long candidatePairs, List<RuleCount> perRule, List<HotKey> hotKeys, long reviewPairs,
                         long matchedPairs, long customers, long largestCluster, long singletons,
                         Map<String, Long> idEvents, Map<String, Double> stageSeconds, double totalSeconds) {

    /** The same figures with the final stage times, once publish has run too. */
    public RunSummary withTimes(Map<String, Double> seconds, double total) {
        return new RunSummary(runId, warehouse, inputs, records, suppressed, candidatePairs, perRule, hotKeys, reviewPairs,
                matchedPairs, customers, largestCluster, singletons, idEvents, seconds, total);
    }

    public long quarantined() {
        return inputs.stream().mapToLong(SourceCounts::quarantined).sum();
    }

    /** Rows dropped because they were older than their source's retention period. */
    public long expired() {
        return inputs.stream().mapToLong(SourceCounts::expired).sum();
    }

    public String toText() {
        var sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "scv run %s -> %s%n", runId, warehouse));
        sb.append("  input                          read       kept  quarantined    expired  age unknown\n");
        for (SourceCounts c : inputs) {
            sb.append(String.format(Locale.ROOT, "    %-24s %9d  %9d  %11d  %9d  %11d%n", c.source() + " " + c.input(),
                    c.read(), c.kept(), c.quarantined(), c.expired(), c.retentionUnknown()));
        }
        sb.append(String.format(Locale.ROOT, "  records to match       %,12d%n", records));
        if (suppressed > 0) {
            sb.append(String.format(Locale.ROOT, "  left out (erased)      %,12d%n", suppressed));
        }
        sb.append(String.format(Locale.ROOT, "  candidate pairs        %,12d%n", candidatePairs));
        for (RuleCount r : perRule) {
            sb.append(String.format(Locale.ROOT, "    rule %-18s %,12d pairs  %,d keys  %d hot keys skipped%n",
                    r.rule(), r.pairs(), r.keys(), r.hotKeys()));
        }
        sb.append(String.format(Locale.ROOT, "  pairs for review       %,12d%n", reviewPairs));
        sb.append(String.format(Locale.ROOT, "  matched pairs (edges)  %,12d%n", matchedPairs));
        sb.append(String.format(Locale.ROOT, "  customers              %,12d  (singletons %,d, largest cluster %d)%n",
                customers, singletons, largestCluster));
        sb.append("  customer IDs          ");
        if (idEvents.isEmpty()) {
            sb.append(" all kept from the previous run");
        }
        idEvents.forEach((event, n) -> sb.append(String.format(Locale.ROOT, " %s %,d", event, n)));
        sb.append('\n');
        sb.append("  time per stage (s):");
        stageSeconds.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.1f", k, v)));
        sb.append(String.format(Locale.ROOT, "  | total %.1f%n", totalSeconds));
        return sb.toString();
    }
}
