package io.scv.report;

import io.scv.block.RuleCount;
import io.scv.publish.Tables;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import static io.scv.report.Markup.escape;
import static io.scv.report.Markup.number;

/**
 * The run report: one self-contained HTML page (inline CSS, inline SVG charts drawn here, a few lines of inline
 * JavaScript, nothing fetched; its Content-Security-Policy forbids fetching) with the run's header and eight
 * charts. It shows IDs, counts, rule names, level labels and weights only. Written to
 * {@code <warehouse>/_reports/<run id>.html} and copied to {@code latest.html} beside it, through Hadoop's file
 * system so a warehouse on HDFS or object storage gets it too. No Spark work.
 */
public final class RunReport {
    /** The warehouse folder the reports go to. */
    public static final String FOLDER = "_reports";
    public static final String LATEST = "latest.html";
    /** The chart ids, in page order. */
    public static final List<String> CHARTS = List.of("pairs-per-rule", "score-distribution", "level-weights",
            "cluster-sizes", "largest-customers", "quarantine-reasons", "id-churn", "stage-times");
    private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);
    private static final int MAX_SCORE_COLUMNS = 80;
    private static final List<Long> SIZE_BUCKETS = List.of(21L, 51L, 101L, 201L, 501L, 1001L);

    private RunReport() {
    }

    /**
     * Gathers the report and writes it, for a run that is published already: any failure is logged as a warning
     * (details at DEBUG) and leaves the run as it is.
     *
     * @return the path of the run's own report, or null when there is none
     */
    public static String writeOrWarn(Supplier<RunReportModel> model, String warehouse, Configuration hadoop) {
        try {
            long start = System.nanoTime();
            var figures = model.get();
            String path = write(figures, warehouse, hadoop);
            LOG.info("report: {} ({} s)", path, String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
            return path;
        } catch (RuntimeException | IOException e) {
            LOG.warn("report: not written, the run is published all the same: {}", e.toString());
            LOG.debug("report: failure", e);
            return null;
        }
    }

    /**
     * Writes the report of a run and makes it the latest.
     *
     * @return the path of the run's own report
     */
    public static String write(RunReportModel model, String warehouse, Configuration hadoop) throws IOException {
        var folder = new Path(Tables.path(warehouse, FOLDER));
        var ownPath = new Path(folder, model.header().runId() + ".html");
        byte[] page = html(model).getBytes(StandardCharsets.UTF_8);
        FileSystem fs = folder.getFileSystem(hadoop);
        if (fs instanceof ChecksumFileSystem local) {
            fs = local.getRawFileSystem(); // no .crc file beside each report for people to wonder about
        }
        for (Path p : List.of(ownPath, new Path(folder, LATEST))) {
            try (var out = fs.create(p, true)) {
                out.write(page);
            }
        }
        LOG.debug("report: {} KB written to {} and {}", page.length / 1024, ownPath, LATEST);
        return ownPath.toString();
    }

    /** The report page. */
    public static String html(RunReportModel model) {
        var h = model.header();
        var page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
                .append("<title>scv run ").append(escape(h.runId())).append("</title>\n")
                .append("<script>").append(ERROR_HOOK).append("</script>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        appendHeader(page, model);
        section(page, "pairs-per-rule", "Candidate pairs per blocking rule", pairsNote(model),
                pairsPerRule(model.pairsPerRule()));
        section(page, "score-distribution", "Score distribution", scoreNote(model), scoreDistribution(model));
        section(page, "level-weights", "Match weights per comparison level", "The weight a pair gets for the level "
                + "each comparison puts it in, log2(m/u); the null level (a side missing) weighs 0. A level marked "
                + "\u201c+ term frequency\u201d adds log2(u / frequency of the agreeing value).", levelWeights(model));
        section(page, "cluster-sizes", "Cluster sizes", String.format(Locale.ROOT, "%s customers; %s of them "
                        + "single records; largest %s records.", number(h.customers()), number(h.singletons()),
                number(h.largestCluster())), clusterSizes(model.clusterSizes()));
        section(page, "largest-customers", "Largest customers", "The " + model.largestCustomers().size()
                + " customers with the most records (ties by customer ID). Look at them with "
                + "<code>scv explain --customer-id ID</code>.", largestCustomers(model.largestCustomers()));
        section(page, "quarantine-reasons", "Quarantined rows by reason", quarantineNote(model),
                quarantine(model.quarantine()));
        section(page, "id-churn", "Customer IDs against the previous run", churnNote(model.idChurn()),
                idChurn(model.idChurn()));
        section(page, "stage-times", "Time per stage", String.format(Locale.ROOT, "Wall time of each stage; "
                + "whole run %.1f s (writing this report not included).", model.totalSeconds()),
                stageTimes(model.stageSeconds()));
        page.append("<footer>scv ").append(escape(h.version())).append(" \u00b7 this page holds IDs, counts, ")
                .append("rule names, level labels and weights, no personal data \u00b7 it needs no network</footer>\n")
                .append("<div id=\"tip\" hidden></div>\n<script>").append(TOOLTIP).append("</script>\n")
                .append("</body>\n</html>\n");
        return page.toString();
    }

    private static void appendHeader(StringBuilder page, RunReportModel model) {
        var h = model.header();
        page.append("<header>\n<h1>scv run report</h1>\n<dl>\n");
        definition(page, "run", h.runId() + (h.incremental() ? " (incremental)" : ""));
        definition(page, "started", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
                .withZone(ZoneOffset.UTC).format(h.startedAt()));
        definition(page, "warehouse", h.warehouse());
        definition(page, "config", h.configFile());
        definition(page, "config hash", h.configHash());
        page.append("</dl>\n<div class=\"counts\">\n");
        tile(page, "records", h.records());
        tile(page, "quarantined", h.quarantined());
        tile(page, "candidate pairs", h.candidatePairs());
        tile(page, "pairs for review", h.reviewPairs());
        tile(page, "matched pairs", h.matchedPairs());
        tile(page, "customers", h.customers());
        tile(page, "largest cluster", h.largestCluster());
        page.append(String.format(Locale.ROOT, "<div><b>%.1f s</b><span>run time</span></div>%n",
                model.totalSeconds()));
        page.append("</div>\n<nav>");
        for (String id : CHARTS) {
            page.append("<a href=\"#").append(id).append("-section\">").append(id.replace('-', ' ')).append("</a> ");
        }
        page.append("</nav>\n</header>\n");
    }

    private static void definition(StringBuilder page, String term, String value) {
        page.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(value)).append("</dd>\n");
    }

    private static void tile(StringBuilder page, String what, long n) {
        page.append("<div><b>").append(number(n)).append("</b><span>").append(escape(what)).append("</span></div>\n");
    }

    /** A chart's section; a chart with nothing to show is a sentence instead. */
    private static void section(StringBuilder page, String id, String title, String note, String chart) {
        page.append("<section id=\"").append(id).append("-section\">\n<h2>").append(escape(title)).append("</h2>\n")
                .append("<p class=\"note\">").append(note).append("</p>\n").append(chart).append("</section>\n");
    }

    private static String empty(String sentence) {
        return "<p class=\"empty\">" + escape(sentence) + "</p>\n";
    }

    private static String pairsNote(RunReportModel model) {
        long hot = model.pairsPerRule().stream().mapToLong(RuleCount::hotKeys).sum();
        return String.format(Locale.ROOT, "Pairs each rule formed, before pairs found by several rules are counted "
                + "once: %s distinct candidate pairs in all.%s", number(model.header().candidatePairs()),
                hot == 0 ? " No hot keys." : " " + number(hot) + " hot keys skipped (bars say which rules).");
    }

    private static String pairsPerRule(List<RuleCount> rules) {
        if (rules.isEmpty()) {
            return empty("No blocking rule formed pairs.");
        }
        var bars = rules.stream().map(r -> new HorizontalBarChart.Bar(null,
                r.rule() + (r.hotKeys() > 0 ? " (" + number(r.hotKeys()) + " hot keys skipped)" : ""), r.pairs(),
                String.format(Locale.ROOT, "%s: %s pairs from %s keys, %s hot keys skipped (%s records)", r.rule(),
                        number(r.pairs()), number(r.keys()), number(r.hotKeys()), number(r.recordsInHotKeys())),
                r.hotKeys() > 0 ? "warn" : "bar")).toList();
        return HorizontalBarChart.render("pairs-per-rule", "Candidate pairs per blocking rule", "blocking rule",
                "candidate pairs", true, bars);
    }

    private static String scoreNote(RunReportModel model) {
        var s = model.scores();
        return String.format(Locale.ROOT, "%s scored pairs (%s), counted on a log scale, by match weight: the "
                        + "score, log2 of the match odds with the prior; probability = 1 / (1 + 2<sup>\u2212score"
                        + "</sup>). %s pairs for review, %s matched.", number(s.pairs()), escape(s.scope()),
                number(model.header().reviewPairs()), number(model.header().matchedPairs()));
    }

    private static String scoreDistribution(RunReportModel model) {
        var s = model.scores();
        if (s.bins().isEmpty()) {
            return empty("No pair was scored.");
        }
        double review = RunReportModel.ScoreDistribution.scoreAt(s.reviewThreshold());
        double match = RunReportModel.ScoreDistribution.scoreAt(s.matchThreshold());
        long low = Math.min(s.bins().get(0).lower(), (long) Math.floor(Math.min(review, match)));
        long high = Math.max(s.bins().get(s.bins().size() - 1).lower() + 1,
                (long) Math.ceil(Math.max(review, match)) + 1);
        long width = binWidth(high - low);
        low = Math.floorDiv(low, width) * width;
        high = Math.floorDiv(high + width - 1, width) * width;
        var merged = new java.util.TreeMap<Long, Long>();
        s.bins().forEach(b -> merged.merge(Math.floorDiv(b.lower(), width) * width, b.pairs(), Long::sum));
        var columns = merged.entrySet().stream().map(e -> new ColumnChart.Column(e.getKey(), e.getKey() + width,
                e.getValue(), String.format(Locale.ROOT, "score %s to %s: %s pairs", number(e.getKey()),
                        number(e.getKey() + width), number(e.getValue())))).toList();
        var ticks = new ArrayList<ColumnChart.Tick>();
        long tickStep = Math.max(width, roundUp((high - low) / 10.0));
        for (long t = Math.floorDiv(low + tickStep - 1, tickStep) * tickStep; t <= high; t += tickStep) {
            ticks.add(new ColumnChart.Tick(t, number(t)));
        }
        var markers = List.of(
                new ColumnChart.Marker(review, String.format(Locale.ROOT, "review: p \u2265 %s (score %.2f)",
                        number(s.reviewThreshold()), review), "review"),
                new ColumnChart.Marker(match, String.format(Locale.ROOT, "match: p \u2265 %s (score %.2f)",
                        number(s.matchThreshold()), match), "match"));
        var xAxis = new ColumnChart.XAxis("match weight (score, log2 odds)" + (width > 1 ? ", bins of " + width : ""),
                low, high, ticks);
        return ColumnChart.render("score-distribution", "Scored pairs by match weight, with the thresholds", xAxis,
                "pairs (log scale)", true, columns, markers, false, "bar");
    }

    /** The bin width that cuts a score range into at most {@value #MAX_SCORE_COLUMNS} columns. */
    private static long binWidth(long range) {
        return roundUp((double) range / MAX_SCORE_COLUMNS);
    }

    /** The smallest of 1, 2, 5, 10, 20, 50... that is at least {@code rough}. */
    private static long roundUp(double rough) {
        for (long power = 1; ; power *= 10) {
            for (long m : new long[]{1, 2, 5}) {
                if (m * power >= rough) {
                    return m * power;
                }
            }
        }
    }

    private static String levelWeights(RunReportModel model) {
        if (model.levelWeights().isEmpty()) {
            return empty("The config has no comparisons.");
        }
        var bars = model.levelWeights().stream().map(w -> {
            String label = w.level() + (w.termFrequency() ? " (+ term frequency)" : "");
            return new HorizontalBarChart.Bar(w.comparison(), label, w.weight(), w.comparison() + " \u00b7 "
                    + label + ": weight " + number(w.weight()), w.weight() >= 0 ? "pos" : "neg");
        }).toList();
        return HorizontalBarChart.render("level-weights", "Match weight of every comparison level",
                "comparison \u00b7 level", "match weight, log2(m/u)", false, bars);
    }

    /** One column per size up to 20 records, then wider buckets (only those with customers), so a long tail fits. */
    private static String clusterSizes(List<RunReportModel.SizeCount> sizes) {
        if (sizes.isEmpty()) {
            return empty("No customers.");
        }
        var buckets = new java.util.TreeMap<Long, Long>();
        long largestSingleSize = sizes.stream().mapToLong(RunReportModel.SizeCount::size)
                .filter(size -> size < SIZE_BUCKETS.get(0)).max().orElse(0);
        // sizes with no customers get their column too: a gap in the tail is part of its shape
        for (long size = 1; size <= largestSingleSize; size++) {
            buckets.put(size, 0L);
        }
        sizes.forEach(s -> buckets.merge(bucketOf(s.size()), s.customers(), Long::sum));
        var columns = new ArrayList<ColumnChart.Column>();
        var ticks = new ArrayList<ColumnChart.Tick>();
        int slot = 0;
        for (var e : buckets.entrySet()) {
            String label = bucketLabel(e.getKey());
            columns.add(new ColumnChart.Column(slot, slot + 1, e.getValue(), String.format(Locale.ROOT,
                    "%s records: %s customers", label, number(e.getValue()))));
            ticks.add(new ColumnChart.Tick(slot + 0.5, label));
            slot++;
        }
        return ColumnChart.render("cluster-sizes", "Customers per number of records",
                new ColumnChart.XAxis("records per customer", 0, slot, ticks), "customers", false, columns, List.of(),
                true, "bar");
    }

    private static long bucketOf(long size) {
        long bucket = size;
        for (long start : SIZE_BUCKETS) {
            if (size >= start) {
                bucket = start;
            }
        }
        return bucket;
    }

    private static String bucketLabel(long bucket) {
        int i = SIZE_BUCKETS.indexOf(bucket);
        if (i < 0) {
            return Long.toString(bucket);
        }
        return i + 1 < SIZE_BUCKETS.size() ? bucket + "\u2013" + (SIZE_BUCKETS.get(i + 1) - 1) : "\u2265" + bucket;
    }

    private static String largestCustomers(List<RunReportModel.CustomerSize> largest) {
        if (largest.isEmpty()) {
            return empty("No customers.");
        }
        var bars = largest.stream().map(c -> new HorizontalBarChart.Bar(null, c.customerId(), c.records(),
                c.customerId() + ": " + number(c.records()) + " records", "bar")).toList();
        return HorizontalBarChart.render("largest-customers", "The customers with the most records", "customer ID",
                "records", true, bars);
    }

    private static String quarantineNote(RunReportModel model) {
        return String.format(Locale.ROOT, "%s input rows rejected, by source, input and reason (the rows are in the "
                + "<code>quarantine</code> table).", number(model.header().quarantined()));
    }

    private static String quarantine(List<RunReportModel.QuarantineCount> counts) {
        if (counts.isEmpty()) {
            return empty("No rows were quarantined.");
        }
        var bars = counts.stream()
                .sorted(java.util.Comparator.comparing(RunReportModel.QuarantineCount::source)
                        .thenComparing(RunReportModel.QuarantineCount::input)
                        .thenComparing(RunReportModel.QuarantineCount::rows, java.util.Comparator.reverseOrder()))
                .map(q -> new HorizontalBarChart.Bar(q.source() + " " + q.input(), q.reason(), q.rows(),
                        q.source() + " " + q.input() + ": " + q.reason() + ": " + number(q.rows()) + " rows", "warn"))
                .toList();
        return HorizontalBarChart.render("quarantine-reasons", "Quarantined rows by source, input and reason",
                "reason", "rows", true, bars);
    }

    private static String churnNote(RunReportModel.IdChurn churn) {
        if (churn.previousIds() == 0) {
            return "No previous run: every customer ID is new.";
        }
        return String.format(Locale.ROOT, "The previous run had %s customer IDs: %s kept, %s merged into another "
                        + "customer, %s retired (no records left). New this run: %s created, %s split from a previous "
                        + "customer (<code>id_lineage</code> has each event).", number(churn.previousIds()),
                number(churn.kept()), number(churn.mergedInto()), number(churn.retired()), number(churn.created()),
                number(churn.splitFrom()));
    }

    private static String idChurn(RunReportModel.IdChurn churn) {
        var bars = List.of(
                new HorizontalBarChart.Bar(null, "kept", churn.kept(), "previous IDs still in use", "kept"),
                new HorizontalBarChart.Bar(null, "created", churn.created(), "new IDs for new records", "created"),
                new HorizontalBarChart.Bar(null, "split_from", churn.splitFrom(),
                        "new IDs for records split off a previous customer", "split"),
                new HorizontalBarChart.Bar(null, "merged_into", churn.mergedInto(),
                        "previous IDs merged into another customer", "merged"),
                new HorizontalBarChart.Bar(null, "retired", churn.retired(), "previous IDs with no records left",
                        "retired"));
        return HorizontalBarChart.render("id-churn", "Customer IDs kept, new and gone against the previous run",
                "ID event", "customer IDs", true, bars);
    }

    private static String stageTimes(Map<String, Double> seconds) {
        if (seconds.isEmpty()) {
            return empty("No stage times.");
        }
        var bars = seconds.entrySet().stream().map(e -> new HorizontalBarChart.Bar(null, e.getKey(),
                Math.round(e.getValue() * 10) / 10.0, String.format(Locale.ROOT, "%s: %.1f s", e.getKey(),
                e.getValue()), "time")).toList();
        return HorizontalBarChart.render("stage-times", "Wall time per stage", "stage", "seconds", false, bars);
    }

    /** Installed first, so an error anywhere in the page is kept where a test (or a person) can read it. */
    private static final String ERROR_HOOK = """
            window.reportErrors = [];
            window.addEventListener('error', function (e) { window.reportErrors.push(String(e.message)); });
            """;

    /** The pointer shows a mark's numbers; without JavaScript each mark's SVG title does the same. */
    private static final String TOOLTIP = """
            (function () {
              var tip = document.getElementById('tip');
              document.querySelectorAll('.mark').forEach(function (m) {
                m.addEventListener('mousemove', function (e) {
                  tip.textContent = m.getAttribute('data-tip');
                  tip.style.left = (e.pageX + 12) + 'px';
                  tip.style.top = (e.pageY + 12) + 'px';
                  tip.hidden = false;
                });
                m.addEventListener('mouseleave', function () { tip.hidden = true; });
              });
              document.body.setAttribute('data-charts', String(document.querySelectorAll('svg.chart').length));
            })();
            """;

    private static final String STYLE = """
            body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1d2733; margin: 0;
                   background: #f4f6f8; }
            header, section, footer { max-width: 900px; margin: 16px auto; background: #fff; padding: 16px 20px;
                   border-radius: 6px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
            h1 { font-size: 22px; margin: 0 0 8px; } h2 { font-size: 17px; margin: 0 0 4px; }
            dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0 0 12px; }
            dt { color: #5b6773; } dd { margin: 0; font-family: ui-monospace, monospace; word-break: break-all; }
            .counts { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; }
            .counts div { background: #eef2f6; border-radius: 4px; padding: 6px 10px; }
            .counts b { display: block; font-size: 18px; } .counts span { color: #5b6773; font-size: 12px; }
            nav { margin-top: 10px; font-size: 12px; } nav a { color: #2f5f9e; margin-right: 8px; }
            .note { color: #44505c; margin: 0 0 10px; font-size: 13px; } .empty { color: #5b6773; font-style: italic; }
            code { font-size: 12px; background: #eef2f6; padding: 0 3px; border-radius: 3px; }
            footer { font-size: 12px; color: #5b6773; background: transparent; box-shadow: none; }
            svg.chart { display: block; max-width: 100%; height: auto; font-size: 12px; }
            svg .grid { stroke: #e3e7eb; } svg .axis { stroke: #6b7785; } svg .zero { stroke: #6b7785; }
            svg .tick { fill: #5b6773; font-size: 11px; } svg .axis-label { fill: #1d2733; font-weight: 600; }
            svg .label { fill: #1d2733; } svg .group { fill: #1d2733; font-weight: 600; }
            svg .value { fill: #1d2733; font-size: 11px; }
            svg .bar { fill: #4a78b5; } svg .warn { fill: #d98a2b; } svg .time { fill: #6a8caf; }
            svg .pos { fill: #3f9a62; } svg .neg { fill: #c8553d; }
            svg .kept { fill: #4a78b5; } svg .created { fill: #3f9a62; } svg .split { fill: #d98a2b; }
            svg .merged { fill: #8a5fb0; } svg .retired { fill: #8b96a1; }
            svg .mark:hover rect { opacity: .8; }
            svg .marker line { stroke-width: 2; stroke-dasharray: 5 3; } svg .marker text { font-size: 12px; }
            svg .marker.review line { stroke: #d98a2b; } svg .marker.review text { fill: #a8641a; }
            svg .marker.match line { stroke: #2e7d4f; } svg .marker.match text { fill: #2e7d4f; }
            #tip { position: absolute; background: #1d2733; color: #fff; font-size: 12px; padding: 3px 7px;
                   border-radius: 3px; pointer-events: none; }
            @media print { body { background: #fff; } header, section { box-shadow: none; } }
            """;
}
