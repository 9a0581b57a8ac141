package io.scv.bench;

import java.util.Locale;

/** One benchmark run as text for the console: every figure of the row, and the ones the row leaves out. */
final class BenchReport {
    private static final double MB = 1 << 20;

    private BenchReport() {
    }

    static String text(BenchResult r) {
        var s = r.sample();
        var spark = r.spark();
        var sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "scv bench: %,d source records (CRM %,d, ERP %,d, web %,d) of %,d "
                        + "customers, seed %d; %,d orders and %,d click events on top, %,d broken rows%n",
                s.sourceRecords(), s.crmContacts(), s.erpCustomers(), s.webDevices(), s.customers(), s.seed(),
                s.orders(), s.clickEvents(), s.brokenRows()));
        sb.append(String.format(Locale.ROOT, "  generation     %.1f s%s, heap %s%n", s.generationSeconds(),
                s.reused() ? " (earlier, by " + s.generatedBy() + "; reused)" : "", heap(s.generationHeap())));
        sb.append(String.format(Locale.ROOT, "  job            %.1f s:", r.jobSeconds()));
        r.stageSeconds().forEach((stage, secs) -> sb.append(String.format(Locale.ROOT, " %s %.1f", stage, secs)));
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "  matching       %,d records, %,d candidate pairs (%s a second of score, "
                        + "%s of the job), %,d matched pairs, %,d customers%n", r.recordsMatched(), r.candidatePairs(),
                rate(r.pairsPerScoreSecond()), rate(r.pairsPerJobSecond()), r.matchedPairs(), r.customers()));
        for (var rule : r.perRule()) {
            sb.append(String.format(Locale.ROOT, "    rule %-18s %,12d pairs  %,d keys  %,d hot keys skipped (%,d "
                    + "records in them)%n", rule.rule(), rule.pairs(), rule.keys(), rule.hotKeys(),
                    rule.recordsInHotKeys()));
        }
        sb.append(String.format(Locale.ROOT, "  spark          %,d jobs, %,d stages, %,d tasks; shuffle written "
                        + "%,.1f MB, read %,.1f MB; spilled to disk %,.1f MB%n", spark.jobs(), spark.stages(),
                spark.tasks(), spark.shuffleWritten() / MB, spark.shuffleRead() / MB, spark.spilledToDisk() / MB));
        sb.append("  heap (job)     ").append(heap(r.jobHeap())).append('\n');
        sb.append(String.format(Locale.ROOT, "  quality        pairwise F1 %.4f, B-cubed F1 %.4f (evaluated in "
                        + "%.1f s)%n", r.pairwiseF1(), r.bCubedF1(), r.evaluateSeconds()));
        var b = r.baseline();
        if (b == null) {
            sb.append("  baseline       ").append(r.baselineStatus()).append('\n');
        } else {
            sb.append(String.format(Locale.ROOT, "  baseline       %.1f s (job / baseline %.2f): %,d records, %,d "
                            + "candidate pairs, %,d matched, %,d clusters, heap peak %,.0f MB, pairwise F1 %s%n",
                    b.totalSeconds(), r.jobOverBaseline(), b.records(), b.candidatePairs(), b.matchedPairs(),
                    b.clusters(), b.peakHeapBytes() / MB,
                    b.pairwiseF1() == null ? "n/a" : String.format(Locale.ROOT, "%.4f", b.pairwiseF1())));
        }
        sb.append(String.format(Locale.ROOT, "  disk           extracts %,.0f MB, warehouse %,.0f MB%n",
                r.extractBytes() / MB, r.warehouseBytes() / MB));
        sb.append(String.format(Locale.ROOT, "  machine        %s; commit %s%n", r.machine().describe(),
                r.machine().commit()));
        return sb.toString();
    }

    /**
     * Peak in use, and the most left after a collection: an upper bound of what was live, since a young collection
     * leaves the old generation's garbage where it is.
     */
    private static String heap(BenchHeap.Peak peak) {
        return String.format(Locale.ROOT, "peak %,.0f MB, after collections at most %s", peak.usedBytes() / MB,
                peak.liveBytes() == 0 ? "– (none ran)"
                        : String.format(Locale.ROOT, "%,.0f MB", peak.liveBytes() / MB));
    }

    private static String rate(double perSecond) {
        return Double.isFinite(perSecond) ? String.format(Locale.ROOT, "%,.0f", perSecond) : "n/a";
    }
}
