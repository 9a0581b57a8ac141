package io.scv.eval;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The plain-text form of an {@link EvaluationReport}: a titled section per part, tables aligned. */
final class ReportText {
    private static final String INDENT = "  ";

    private ReportText() {
    }

    static String of(EvaluationReport report) {
        var sections = new ArrayList<String>();
        if (report.truth() != null) {
            sections.add(truth(report.truth()));
        }
        if (report.clusters() != null) {
            sections.add(clusters(report.clusters()));
        }
        if (report.blocking() != null) {
            sections.add(blocking(report.blocking()));
        }
        if (report.thresholdSweep() != null) {
            sections.add(thresholdSweep(report.thresholdSweep()));
        }
        if (report.comparisons() != null) {
            sections.add(comparisons(report.comparisons()));
        }
        return String.join("\n", sections);
    }

    private static String truth(TruthSummary t) {
        var text = new StringBuilder(String.format(Locale.ROOT, "Truth (%s): %,d records in %,d entities%n",
                t.kind().label().replace('_', ' '), t.records(), t.entities()));
        if (t.kind() == Truth.Kind.LABELLED_PAIRS) {
            text.append(String.format(Locale.ROOT, "%s%,d positive and %,d negative labelled pairs; negative pairs "
                            + "inside an entity the positive pairs form (contradictions): %,d%n", INDENT,
                    t.positivePairs(), t.negativePairs(), t.negativePairsInsideEntities()));
        }
        return text.toString();
    }

    private static String clusters(ClusterMetrics c) {
        var p = c.pairwise();
        var table = new TextTable("", "precision", "recall", "F1")
                .row("pairwise", ratio(p.precision()), ratio(p.recall()), ratio(p.f1()))
                .row("B-cubed", ratio(c.bCubed().precision()), ratio(c.bCubed().recall()), ratio(c.bCubed().f1()));
        var l = c.labelledPairs();
        if (l != null) {
            table.row("labelled pairs", ratio(l.precision()), ratio(l.recall()), ratio(l.f1()));
        }
        var text = new StringBuilder(String.format(Locale.ROOT, "Clusters: %,d records in both run and truth "
                + "(%,d in the run only, %,d in the truth only)%n", p.records(), p.recordsNotInTruth(),
                p.truthRecordsNotInRun()));
        text.append(table.render(INDENT));
        text.append(INDENT).append(pairs(p.counts())).append('\n');
        if (l != null) {
            text.append(String.format(Locale.ROOT, "%slabelled pairs: %,d of %,d positive pairs together, %,d of %,d "
                            + "negative pairs together%n", INDENT, l.positivePairsTogether(), l.positivePairs(),
                    l.negativePairsTogether(), l.negativePairs()));
        }
        return text.toString();
    }

    private static String pairs(PairCounts c) {
        return String.format(Locale.ROOT, "pairs: %,d true, %,d predicted, %,d true positives, %,d false positives, "
                + "%,d false negatives", c.truePairs(), c.predictedPairs(), c.truePositives(), c.falsePositives(),
                c.falseNegatives());
    }

    private static String blocking(BlockingMetrics b) {
        var text = new StringBuilder(String.format(Locale.ROOT, "Blocking: %,d candidate pairs of %,d comparable "
                + "(reduction ratio %s), %,d truth records in the run%n", b.candidatePairs(), b.comparablePairs(),
                number(b.reductionRatio(), 6), b.truthRecords()));
        text.append(String.format(Locale.ROOT, "%strue pairs: %,d, found %,d (recall %s), found by no rule %,d; "
                        + "pair quality %s%n", INDENT, b.truePairs(), b.truePairsFound(), ratio(b.recall()),
                b.truePairsMissed(), ratio(b.pairQuality())));
        if (b.truePairsNotComparable() > 0) {
            text.append(String.format(Locale.ROOT, "%strue pairs inside sources not linked within themselves (no "
                    + "rule can find them; not counted above): %,d%n", INDENT, b.truePairsNotComparable()));
        }
        if (!b.perRule().isEmpty()) {
            var table = new TextTable("rule", "candidate pairs", "true pairs found", "recall", "found only by rule");
            for (var r : b.perRule()) {
                table.row(r.rule(), count(r.candidatePairs()), count(r.truePairsFound()), ratio(b.recallOf(r)),
                        count(r.truePairsFoundOnlyByRule()));
            }
            text.append(table.render(INDENT));
        }
        return text.toString();
    }

    private static String thresholdSweep(ThresholdSweepResult s) {
        var best = s.best();
        long truePairs = s.thresholds().get(0).beforeClustering().truePairs();
        var text = new StringBuilder(String.format(Locale.ROOT, "Threshold sweep: pairs at or above a threshold are "
                + "edges; union-find joins them into clusters (%,d true pairs)%n", truePairs));
        text.append(INDENT).append("P/R edges: the edges alone; clusters: after union-find; B3: B-cubed\n");
        var table = new TextTable("threshold", "edges", "P edges", "R edges", "P clusters", "R clusters",
                "F1 clusters", "B3 P", "B3 R", "B3 F1", "").leftAligned(10);
        int decimals = s.thresholds().stream().mapToInt(m -> decimals(m.threshold())).max().orElse(1);
        for (var m : s.thresholds()) {
            var after = m.afterClustering();
            var marks = new ArrayList<String>();
            if (m.threshold() == best.threshold()) {
                marks.add("<- best");
            }
            if (m.configured()) {
                marks.add("(configured)");
            }
            var b3 = m.bCubed();
            table.row(number(m.threshold(), decimals), count(m.edges()), ratio(m.beforeClustering().precision()),
                    ratio(m.beforeClustering().recall()),
                    after == null ? "-" : ratio(after.precision()), after == null ? "-" : ratio(after.recall()),
                    after == null ? "-" : ratio(after.f1()), b3 == null ? "-" : ratio(b3.precision()),
                    b3 == null ? "-" : ratio(b3.recall()), b3 == null ? "-" : ratio(b3.f1()), String.join(" ", marks));
        }
        text.append(table.render(INDENT));
        if (s.partlyClustered()) {
            text.append(String.format(Locale.ROOT, "%s\"-\": more than %,d edges, too many to cluster on the driver; "
                    + "only the edges themselves are scored%s%n", INDENT, s.maxEdges(),
                    best.clustered() ? "" : ", and the best threshold is chosen by them"));
        }
        return text.toString();
    }

    private static String comparisons(List<LevelMetrics> levels) {
        var text = new StringBuilder("Comparison levels: scored pairs with both records in the truth; m and u are "
                + "shares of the non-null pairs\n");
        var table = new TextTable("comparison", "level", "matches", "non-matches", "m", "u (candidates)",
                "mean weight", "weight from truth").leftAligned(1);
        for (var l : levels) {
            table.row(l.comparison(), l.level(), count(l.matches()), count(l.nonMatches()), ratio(l.m()),
                    ratio(l.uCandidates()), number(l.meanWeight(), 2), number(l.weightFromTruth(), 2));
        }
        return text.append(table.render(INDENT)).toString();
    }

    private static String ratio(double x) {
        return number(x, 4);
    }

    private static String number(double x, int decimals) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", x);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Decimals a threshold needs as written: 1 for 0.5, 3 for 0.999. */
    private static int decimals(double t) {
        return Math.max(1, BigDecimal.valueOf(t).stripTrailingZeros().scale());
    }
}
