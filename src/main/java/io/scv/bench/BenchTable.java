package io.scv.bench;

import io.scv.identity.LineageEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The benchmark tables of docs/benchmarks.md, each a Markdown header once under its section and one row per run:
 * first nights under {@value #SECTION}, later nights ({@code --nights} 2 or 3) under {@value #LATER_SECTION}.
 * Appending keeps everything else in the file as it was: the row goes after the table's last row; a file without
 * the section gets it at its end; a section whose table has other columns (an older harness) gets a new table below
 * the old one.
 */
public final class BenchTable {
    static final String SECTION = "## Benchmark harness (issue 7)";
    static final String LATER_SECTION = "## Later nights (issue 7)";
    private static final String INTRO = "One row per `scv bench` run (`jobs/bench.sh`).";
    private static final String LATER_INTRO = "One row per later night of an `scv bench --nights 2|3` run: the "
            + "generator's snapshot of that night, run on the warehouse the night before left (IDs mapped onto "
            + "those issued, every table merged).";
    /** The ID lineage events a later night's row shows, in this order. */
    static final List<String> ID_EVENTS = List.of(LineageEvent.CREATED, LineageEvent.MERGED_INTO,
            LineageEvent.SPLIT_FROM, LineageEvent.RETIRED);
    /** The job's stages as {@code ScvJob} times them, each a column; the job total covers any other. */
    static final List<String> STAGES = List.of("ingest", "standardize", "block", "score", "cluster", "golden",
            "audit", "publish");
    private static final Map<String, String> STAGE_LABELS = Map.of("cluster", "cluster + IDs");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final double MB = 1 << 20;

    private BenchTable() {
    }

    public static String header() {
        var columns = new ArrayList<>(List.of("date", "commit", "machine", "source records", "orders",
                "click events", "generation s"));
        addStageColumns(columns);
        columns.addAll(List.of("job s", "candidate pairs", "pairs/s score", "pairs/s job", "customers",
                "shuffle MB", "peak heap MB", "Spark jobs", "F1", "B³ F1", "baseline s",
                "job / baseline"));
        return table(columns);
    }

    public static String laterNightHeader() {
        var columns = new ArrayList<>(List.of("date", "commit", "machine", "night", "source records",
                "records new, updated, deleted", "generation s"));
        addStageColumns(columns);
        columns.addAll(List.of("job s", "candidate pairs", "customers"));
        ID_EVENTS.forEach(e -> columns.add("IDs " + e));
        columns.addAll(List.of("shuffle MB", "peak heap MB", "Spark jobs", "F1", "B³ F1"));
        return table(columns);
    }

    private static void addStageColumns(List<String> columns) {
        STAGES.forEach(s -> columns.add(STAGE_LABELS.getOrDefault(s, s) + " s"));
    }

    private static String table(List<String> columns) {
        return line(columns) + "\n" + columns.stream().map(c -> "---").collect(Collectors.joining("|", "|", "|"));
    }

    public static String row(BenchResult r) {
        var sample = r.sample();
        var cells = new ArrayList<>(List.of(WHEN.format(r.finished()), r.machine().commit(), r.machine().describe(),
                count(sample.sourceRecords()), count(sample.orders()), count(sample.clickEvents()),
                generation(sample)));
        addStageCells(cells, r);
        cells.addAll(List.of(seconds(r.jobSeconds()), count(r.candidatePairs()), rate(r.pairsPerScoreSecond()),
                rate(r.pairsPerJobSecond()), count(r.customers()), megabytes(r.spark().shuffleWritten()),
                megabytes(r.jobHeap().usedBytes()), count(r.spark().jobs()), score(r.pairwiseF1()),
                score(r.bCubedF1()),
                r.baseline() == null ? r.baselineStatus() : seconds(r.baseline().totalSeconds()),
                r.baseline() == null ? r.baselineStatus() : String.format(Locale.ROOT, "%.2f", r.jobOverBaseline())));
        return line(cells);
    }

    /** A later night's row: its changes, stage times, ID events and quality; the baseline has no later night. */
    public static String laterNightRow(BenchResult r) {
        var sample = r.sample();
        var cells = new ArrayList<>(List.of(WHEN.format(r.finished()), r.machine().commit(), r.machine().describe(),
                Integer.toString(sample.night()), count(sample.sourceRecords()), sample.changes(),
                generation(sample)));
        addStageCells(cells, r);
        cells.addAll(List.of(seconds(r.jobSeconds()), count(r.candidatePairs()), count(r.customers())));
        ID_EVENTS.forEach(e -> cells.add(count(r.idEvents().getOrDefault(e, 0L))));
        cells.addAll(List.of(megabytes(r.spark().shuffleWritten()), megabytes(r.jobHeap().usedBytes()),
                count(r.spark().jobs()), score(r.pairwiseF1()), score(r.bCubedF1())));
        return line(cells);
    }

    /** The generator's seconds, marked when the extracts were taken from an earlier run. */
    private static String generation(BenchSample sample) {
        return seconds(sample.generationSeconds()) + (sample.reused() ? " (reused)" : "");
    }

    /** A cell per stage of {@link #STAGES}; a dash for a stage the run did not time. */
    private static void addStageCells(List<String> cells, BenchResult r) {
        STAGES.forEach(s -> cells.add(r.stageSeconds().containsKey(s) ? seconds(r.stageSeconds().get(s)) : "–"));
    }

    private static String score(double f1) {
        return String.format(Locale.ROOT, "%.4f", f1);
    }

    /** Adds a first night's row to the benchmark table in {@code file}, creating file, section or table as needed. */
    public static void append(Path file, String row) throws IOException {
        append(file, SECTION, INTRO, header(), row);
    }

    /** Adds a later night's row to its table in {@code file}, creating file, section or table as needed. */
    public static void appendLaterNight(Path file, String row) throws IOException {
        append(file, LATER_SECTION, LATER_INTRO, laterNightHeader(), row);
    }

    private static void append(Path file, String sectionTitle, String intro, String tableText, String row)
            throws IOException {
        var lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
                : new ArrayList<String>();
        String[] header = tableText.split("\n");
        int section = lines.indexOf(sectionTitle);
        if (section < 0) {
            if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) {
                lines.add("");
            }
            lines.addAll(List.of(sectionTitle, "", intro, "", header[0], header[1], row));
        } else {
            int end = sectionEnd(lines, section);
            int table = lines.subList(section, end).indexOf(header[0]);
            if (table >= 0) {
                int last = section + table + 1;
                while (last + 1 < end && lines.get(last + 1).startsWith("|")) {
                    last++;
                }
                lines.add(last + 1, row);
            } else {
                int at = end;
                while (at > section + 1 && lines.get(at - 1).isBlank()) {
                    at--;
                }
                lines.addAll(at, List.of("", header[0], header[1], row));
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".bench-", ".md");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The index of the line after the section: the next heading of the same or a higher level, or the end. */
    private static int sectionEnd(List<String> lines, int section) {
        for (int i = section + 1; i < lines.size(); i++) {
            if (lines.get(i).startsWith("## ") || lines.get(i).startsWith("# ")) {
                return i;
            }
        }
        return lines.size();
    }

    private static String line(List<String> cells) {
        return cells.stream().map(c -> c.replace("|", "\\|")).collect(Collectors.joining(" | ", "| ", " |"));
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f", s);
    }

    private static String rate(double perSecond) {
        return Double.isFinite(perSecond) ? String.format(Locale.ROOT, "%,.0f", perSecond) : "–";
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,.0f", bytes / MB);
    }
}
