package io.scv.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.scv.block.RuleCount;
import io.scv.config.Comparison;
import io.scv.config.ComparisonLevel;
import io.scv.config.LevelMethod;
import io.scv.identity.LineageEvent;
import io.scv.testing.HeadlessChromium;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The run report from a hand-made model, no Spark: what the page holds, where it goes, and that every chart draws
 * in a real browser (headless Chromium through chromedriver) without a script error. The screenshot goes to
 * {@code target/run-report.png}, beside the page it shows.
 */
class RunReportTest {
    private static final Path PAGE = Path.of("target", "run-report.html");
    private static final Path SCREENSHOT = Path.of("target", "run-report.png");

    @TempDir
    Path dir;

    @Test
    void everyChartDrawsInHeadlessChromiumWithoutAnError() throws Exception {
        Files.createDirectories(PAGE.getParent());
        Path page = Files.writeString(PAGE, RunReport.html(model()), StandardCharsets.UTF_8);

        try (var browser = new HeadlessChromium(Files.createDirectory(dir.resolve("profile")))) {
            browser.resize(1000, 900);
            browser.open(page);
            JsonNode charts = browser.execute("""
                    return Array.from(document.querySelectorAll('svg.chart')).map(function (svg) {
                      var marks = Array.from(svg.querySelectorAll('rect, path, circle'));
                      var drawn = marks.filter(function (m) {
                        var b = m.getBBox(); return b.width > 0 && b.height > 0; }).length;
                      var box = svg.getBBox();
                      var onPage = svg.getBoundingClientRect();
                      return {id: svg.id, marks: marks.length, drawn: drawn, width: box.width, height: box.height,
                              shownWidth: onPage.width, shownHeight: onPage.height,
                              axisLabels: svg.querySelectorAll('.axis-label').length,
                              numbers: svg.querySelectorAll('.tick, .value').length};
                    });""");
            var ids = new ArrayList<String>();
            for (JsonNode chart : charts) {
                String id = chart.path("id").asText();
                ids.add(id);
                assertTrue(chart.path("drawn").asInt() > 0, "no drawn bar in " + chart);
                assertTrue(chart.path("width").asDouble() > 100 && chart.path("height").asDouble() > 50,
                        "chart's drawing has no size: " + chart);
                assertTrue(chart.path("shownWidth").asDouble() > 100, "chart not laid out on the page: " + chart);
                assertEquals(2, chart.path("axisLabels").asInt(), "two axis labels: " + chart);
                assertTrue(chart.path("numbers").asInt() >= 3, "axis and bar numbers: " + chart);
            }
            assertEquals(RunReport.CHARTS, ids);
            assertEquals(6, charts.get(0).path("marks").asInt(), "one bar per blocking rule");

            assertEquals("8", browser.execute("return document.body.getAttribute('data-charts');").asText(),
                    "the page's own script ran to its end");
            assertEquals(0, browser.execute("return window.reportErrors.length;").asInt(),
                    browser.execute("return window.reportErrors;").toString());
            var severe = new ArrayList<String>();
            browser.browserLog().forEach(e -> {
                if (e.path("level").asText().equals("SEVERE")) {
                    severe.add(e.path("message").asText());
                }
            });
            assertEquals(List.of(), severe, "browser console errors");

            int height = browser.execute("return document.documentElement.scrollHeight;").asInt();
            browser.resize(1000, height + 100);
            Files.write(SCREENSHOT, browser.screenshot());
        }
        assertTrue(Files.size(SCREENSHOT) > 10_000, "screenshot " + SCREENSHOT);
    }

    @Test
    void thePageFetchesNothingAndForbidsFetching() {
        String html = RunReport.html(model());

        assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none';"), "CSP");
        for (String outside : List.of("http:", "https:", "//", " src=", "<link", "url(", "@import")) {
            assertFalse(html.replace("<!DOCTYPE html>", "").contains(outside), outside);
        }
    }

    @Test
    void namesFromTheConfigAreEscaped() {
        var m = model();
        var rules = List.of(new RuleCount("<script>alert(1)</script>", 1, 2, 0, 0));
        String html = RunReport.html(new RunReportModel(m.header(), rules, m.scores(), m.levelWeights(),
                m.clusterSizes(), m.largestCustomers(), m.quarantine(), m.idChurn(), m.stageSeconds(),
                m.totalSeconds()));

        assertFalse(html.contains("<script>alert"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("Jaro-Winkler &gt;= 0.92"), "a level label as the config writes it");
    }

    @Test
    void theHeaderNamesTheRunAndItsCounts() {
        String html = RunReport.html(model());

        for (String expected : List.of("20261201T020000Z-3fa9c2d1", "2026-12-01 02:00:00 UTC", "/data/scv/warehouse",
                "conf/scv.yaml", "3fa9c2d1e5", "<b>6,014</b><span>records</span>", "<b>2,559</b><span>customers</span>",
                "<b>14</b><span>quarantined</span>")) {
            assertTrue(html.contains(expected), expected);
        }
    }

    @Test
    void aChartWithNothingToShowSaysSo() {
        var m = model();
        String html = RunReport.html(new RunReportModel(m.header(), m.pairsPerRule(), m.scores(), m.levelWeights(),
                m.clusterSizes(), m.largestCustomers(), List.of(), m.idChurn(), m.stageSeconds(), m.totalSeconds()));

        assertTrue(html.contains("No rows were quarantined."));
        assertFalse(html.contains("id=\"quarantine-reasons\""));
    }

    @Test
    void writesTheRunsReportAndLatestBesideItUnderReports() throws Exception {
        Path warehouse = dir.resolve("warehouse");

        String path = RunReport.write(model(), warehouse.toString(), new Configuration());

        Path own = warehouse.resolve("_reports").resolve("20261201T020000Z-3fa9c2d1.html");
        assertEquals(own.toAbsolutePath().toString(), path);
        assertEquals(RunReport.html(model()), Files.readString(own));
        assertEquals(Files.readString(own), Files.readString(warehouse.resolve("_reports").resolve("latest.html")));
        try (var files = Files.list(warehouse.resolve("_reports"))) {
            assertEquals(2, files.count(), "the two reports and nothing else (no checksum files)");
        }
    }

    @Test
    void aReportThatCannotBeWrittenIsAWarningNotAFailure() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("warehouse"), "a file where the warehouse should be");

        assertNull(RunReport.writeOrWarn(RunReportTest::model, notAFolder.toString(), new Configuration()));
        assertNull(RunReport.writeOrWarn(() -> {
            throw new IllegalStateException("figures failed");
        }, dir.toString(), new Configuration()));
    }

    /** A run of the sample's shape: six rules, two thresholds, a long tail of cluster sizes, a second night. */
    private static RunReportModel model() {
        var header = new RunReportModel.Header("20261201T020000Z-3fa9c2d1", Instant.parse("2026-12-01T02:00:00Z"),
                "/data/scv/warehouse", "conf/scv.yaml", "3fa9c2d1e5b04c7a", "0.1.0", false, 6014, 14, 7843, 312,
                4410, 2559, 1210, 260);
        var rules = List.of(new RuleCount("email", 2210, 3120, 0, 0), new RuleCount("phone", 1980, 2650, 1, 14),
                new RuleCount("esp_record_id", 640, 700, 0, 0), new RuleCount("surname_postcode", 1500, 1980, 0, 0),
                new RuleCount("name_dob", 1300, 1400, 0, 0), new RuleCount("full_name", 1650, 2100, 2, 1230));
        var bins = new ArrayList<RunReportModel.ScoreBin>();
        for (int s = -38; s <= 31; s++) {
            long pairs = Math.round(900 * Math.exp(-Math.pow(s - 22, 2) / 30)
                    + 400 * Math.exp(-Math.pow(s + 20, 2) / 60));
            if (pairs > 0) {
                bins.add(new RunReportModel.ScoreBin(s, pairs));
            }
        }
        var scores = new RunReportModel.ScoreDistribution(bins, 0.3, 0.9, "every candidate pair");
        var comparisons = List.of(
                new Comparison("first_name", "first_name", List.of(level("first_name", "exact", LevelMethod.EXACT, 6),
                        level("first_name", "Jaro-Winkler >= 0.92", LevelMethod.JARO_WINKLER, 3),
                        level("first_name", "else", LevelMethod.ELSE, -10))),
                new Comparison("last_name", "last_name", List.of(level("last_name", "exact", LevelMethod.EXACT, 6.5),
                        level("last_name", "else", LevelMethod.ELSE, -4)), true),
                new Comparison("email", "email", List.of(level("email", "exact", LevelMethod.EXACT, 12.25),
                        level("email", "else", LevelMethod.ELSE, -3))));
        var sizes = List.of(new RunReportModel.SizeCount(1, 1210), new RunReportModel.SizeCount(2, 820),
                new RunReportModel.SizeCount(3, 390), new RunReportModel.SizeCount(4, 110),
                new RunReportModel.SizeCount(5, 21), new RunReportModel.SizeCount(7, 6),
                new RunReportModel.SizeCount(9, 2), new RunReportModel.SizeCount(24, 1),
                new RunReportModel.SizeCount(260, 1));
        var largest = new ArrayList<RunReportModel.CustomerSize>();
        long[] records = {260, 24, 9, 9, 7, 7, 7, 7, 7, 7};
        for (int i = 0; i < records.length; i++) {
            largest.add(new RunReportModel.CustomerSize(String.format("C%015x", 0x3a1f9e2bL * (i + 7)), records[i]));
        }
        var quarantine = List.of(new RunReportModel.QuarantineCount("crm", "records", "malformed row", 2),
                new RunReportModel.QuarantineCount("erp", "orders", "amount is not a number in column amount", 2),
                new RunReportModel.QuarantineCount("erp", "orders", "order for unknown customer in column customer_no",
                        5),
                new RunReportModel.QuarantineCount("web", "events", "event without device_id", 3));
        var churn = RunReportModel.IdChurn.of(Map.of(LineageEvent.CREATED, 41L, LineageEvent.SPLIT_FROM, 3L,
                LineageEvent.MERGED_INTO, 12L, LineageEvent.RETIRED, 2L), 2559);
        var seconds = new LinkedHashMap<String, Double>();
        seconds.put("ingest", 14.2);
        seconds.put("standardize", 3.1);
        seconds.put("block", 9.8);
        seconds.put("score", 4.6);
        seconds.put("cluster", 21.4);
        seconds.put("golden", 11.0);
        seconds.put("audit", 2.2);
        seconds.put("publish", 24.9);
        return new RunReportModel(header, rules, scores, RunReportModel.LevelWeight.of(comparisons), sizes, largest,
                quarantine, churn, seconds, 91.2);
    }

    private static ComparisonLevel level(String field, String label, LevelMethod method, double weight) {
        return new ComparisonLevel(label, method, field, method == LevelMethod.JARO_WINKLER ? 0.92 : null, null,
                weight);
    }
}
