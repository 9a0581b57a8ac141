package io.scv.cli;

import io.scv.block.HotKey;
import io.scv.block.RuleCount;
import io.scv.ingest.SourceCounts;
import io.scv.publish.Audit;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one run: what came in, what was matched, what was published, and how long each stage took.
 * {@code report} is where the run's HTML report went, null when it could not be written.
 */
public record RunSummary(String runId, String warehouse, List<SourceCounts> inputs, long records,
                         long suppressed, long candidatePairs, List<RuleCount> perRule, List<HotKey> hotKeys, long reviewPairs,
                         long matchedPairs, long customers, long largestCluster, long singletons,
                         List<SplitComponent> splits, Map<String, Long> idEvents, List<Audit.Check> audit, Map<String, Double> stageSeconds, double totalSeconds,
                         String report) {

    /** The figures before the run report is written. */
    public RunSummary(String runId, String warehouse, List<SourceCounts> inputs, long records, long suppressed,
                      long candidatePairs, List<RuleCount> perRule, List<HotKey> hotKeys, long reviewPairs,
                      long matchedPairs, long customers, long largestCluster, long singletons,
                      List<SplitComponent> splits, Map<String, Long> idEvents, List<Audit.Check> audit,
                      Map<String, Double> stageSeconds, double totalSeconds) {
        this(runId, warehouse, inputs, records, suppressed, candidatePairs, perRule, hotKeys, reviewPairs,
                matchedPairs, customers, largestCluster, singletons, splits, idEvents, audit, stageSeconds,
                totalSeconds, null);
    }

    /** The same figures with the final stage times, once publish has run too. */
    public RunSummary withTimes(Map<String, Double> seconds, double total) {
        return new RunSummary(runId, warehouse, inputs, records, suppressed, candidatePairs, perRule, hotKeys, reviewPairs,
                matchedPairs, customers, largestCluster, singletons, splits, idEvents, audit, seconds, total, report);
    }

    /** The same figures with where the run report went (null: it could not be written). */
    public RunSummary withReport(String path) {
        return new RunSummary(runId, warehouse, inputs, records, suppressed, candidatePairs, perRule, hotKeys, reviewPairs,
                matchedPairs, customers, largestCluster, singletons, splits, idEvents, audit, stageSeconds,
                totalSeconds, path);
    }

    /**
     * A connected component the cluster rules split (DESIGN §6).
     *
     * @param records     records of the component
     * @param reasons     the rules that kept its parts apart ({@code max_cluster_size}, {@code cannot_link FIELD},
     *                    {@code min_link_density}, {@code duplicate-free source}, {@code cannot_link override})
     * @param customerIds the customers it became
     */
    public record SplitComponent(int records, List<String> reasons, List<String> customerIds) {
        public SplitComponent {
            reasons = List.copyOf(reasons);
            customerIds = List.copyOf(customerIds);
        }
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
        if (!splits.isEmpty()) {
            var why = new java.util.TreeMap<String, Integer>();
            splits.forEach(c -> c.reasons().forEach(r -> why.merge(r, 1, Integer::sum)));
            sb.append(String.format(Locale.ROOT, "  components split       %,12d  (", splits.size()));
            sb.append(String.join(", ", why.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
            sb.append(")\n");
            int shown = 0;
            for (SplitComponent c : splits.stream()
                    .sorted(java.util.Comparator.comparingInt(SplitComponent::records).reversed()).toList()) {
                if (shown++ == 10) {
                    sb.append(String.format(Locale.ROOT, "    ... %d more (all in --json and the log)%n",
                            splits.size() - 10));
                    break;
                }
                sb.append(String.format(Locale.ROOT, "    %d records -> %s: %s%n", c.records(),
                        String.join(" ", c.customerIds()), String.join(", ", c.reasons())));
            }
        }
        sb.append("  customer IDs          ");
        if (idEvents.isEmpty()) {
            sb.append(" all kept from the previous run");
        }
        idEvents.forEach((event, n) -> sb.append(String.format(Locale.ROOT, " %s %,d", event, n)));
        sb.append('\n');
        long gates = audit.stream().filter(Audit.Check::drift).count();
        sb.append(String.format(Locale.ROOT, "  audit                  %d checks passed%s%n", audit.size(),
                gates == 0 ? " (no drift gates: first run, too few customers before, or gates off)"
                        : " (" + gates + " drift gates)"));
        sb.append("  time per stage (s):");
        stageSeconds.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.1f", k, v)));
        sb.append(String.format(Locale.ROOT, "  | total %.1f%n", totalSeconds));
        if (report != null) {
            sb.append(String.format(Locale.ROOT, "  report                 %s%n", report));
        }
        return sb.toString();
    }
}
