package io.scv.bench;

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
 * The benchmark table of docs/benchmarks.md: a Markdown header once, under the section {@value #SECTION}, and one
 * row per run. Appending keeps everything else in the file as it was: the row goes after the table's last row; a
 * file without the section gets it at its end; a section whose table has other columns (an older harness) gets a
 * new table below the old one.
 */
public final class BenchTable {
    static final String SECTION = "## Benchmark harness (issue 7)";
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
        STAGES.forEach(s -> columns.add(STAGE_LABELS.getOrDefault(s, s) + " s"));
        columns.addAll(List.of("job s", "candidate pairs", "pairs/s score", "pairs/s job", "customers",
                "shuffle MB", "peak heap MB", "Spark jobs", "F1", "B³ F1", "baseline s",
                "job / baseline"));
        return line(columns) + "\n" + columns.stream().map(c -> "---").collect(Collectors.joining("|", "|", "|"));
    }

    public static String row(BenchResult r) {
        var sample = r.sample();
        var cells = new ArrayList<>(List.of(WHEN.format(r.finished()), r.machine().commit(), r.machine().describe(),
                count(sample.sourceRecords()), count(sample.orders()), count(sample.clickEvents()),
                seconds(sample.generationSeconds()) + (sample.reused() ? " (reused)" : "")));
        STAGES.forEach(s -> cells.add(r.stageSeconds().containsKey(s) ? seconds(r.stageSeconds().get(s)) : "–"));
        cells.addAll(List.of(seconds(r.jobSeconds()), count(r.candidatePairs()), rate(r.pairsPerScoreSecond()),
                rate(r.pairsPerJobSecond()), count(r.customers()), megabytes(r.spark().shuffleWritten()),
                megabytes(r.jobHeap().usedBytes()), count(r.spark().jobs()),
                String.format(Locale.ROOT, "%.4f", r.pairwiseF1()), String.format(Locale.ROOT, "%.4f", r.bCubedF1()),
                r.baseline() == null ? r.baselineStatus() : seconds(r.baseline().totalSeconds()),
                r.baseline() == null ? r.baselineStatus() : String.format(Locale.ROOT, "%.2f", r.jobOverBaseline())));
        return line(cells);
    }

    /** Adds the row to the table in {@code file}, creating the file, the section or the table as needed. */
    public static void append(Path file, String row) throws IOException {
        var lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
                : new ArrayList<String>();
        String[] header = header().split("\n");
        int section = lines.indexOf(SECTION);
        if (section < 0) {
            if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) {
                lines.add("");
            }
            lines.addAll(List.of(SECTION, "", "One row per `scv bench` run (`jobs/bench.sh`).", "", header[0],
                    header[1], row));
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
