package io.scv.bench;

import io.scv.block.RuleCount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Rows go under the one table of the harness's section; everything else in the file stays as it was. */
class BenchTableTest {
    @TempDir
    Path temp;

    @Test
    void rowsOfLaterRunsGoUnderTheSameHeaderAndTheRestOfTheFileStays() throws Exception {
        Path file = temp.resolve("benchmarks.md");
        Files.writeString(file, "# Benchmarks\n\n## Earlier section\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        BenchTable.append(file, "| first |");
        Files.writeString(file, Files.readString(file) + "\n## A section written later\n\ntext\n");
        BenchTable.append(file, "| second |");

        var lines = Files.readAllLines(file);
        String header = BenchTable.header().split("\n")[0];
        int at = lines.indexOf(header);
        assertEquals(List.of("# Benchmarks", "", "## Earlier section", "", "| a | b |", "|---|---|", "| 1 | 2 |", ""),
                lines.subList(0, 8));
        assertEquals(BenchTable.SECTION, lines.get(8));
        assertEquals(List.of("| first |", "| second |"), lines.subList(at + 2, at + 4));
        assertEquals(List.of("", "## A section written later", "", "text"), lines.subList(at + 4, lines.size()));
        assertEquals(1, lines.stream().filter(header::equals).count());
    }

    @Test
    void aRowHasACellForEveryColumnAndSaysWhyTheBaselineIsMissing() {
        var stages = new LinkedHashMap<String, Double>();
        BenchTable.STAGES.forEach(s -> stages.put(s, 1.5));
        var sample = new BenchSample(temp, 1000, 42, 900, 600, 1400, 3000, 7000, 7, 12.3, new BenchHeap.Peak(1, 0),
                "abc1234", true, 1, "");
        var result = new BenchResult(Instant.parse("2026-12-01T10:15:00Z"),
                new BenchMachine(2, 24L << 30, 16L << 30, "local[2]", 1.2, "abc1234"), sample, 2893, stages, 20.0,
                List.of(new RuleCount("email", 1500, 4000, 0, 0)), 4000, 2500, 1200, Map.of("created", 1200L),
                new BenchSparkListener.Figures(300, 310, 1700, 5L << 20, 5L << 20, 0),
                new BenchHeap.Peak(3L << 30, 1L << 30), 0.95, 0.97, 2.0, 50L << 20, 70L << 20, null, "n/a");

        String row = BenchTable.row(result);

        assertEquals(BenchTable.header().split("\n")[0].split(" \\| ").length, row.split(" \\| ").length, row);
        assertTrue(row.startsWith("| 2026-12-01 10:15Z | abc1234 | 2 cores, 24 GB RAM, heap 16 GB, local[2], load 1.2 "
                + "| 2,900 | 3,000 | 7,000 | 12.3 (reused) | 1.5 |"), row);
        assertTrue(row.endsWith(
                "| 20.0 | 4,000 | 2,667 | 200 | 1,200 | 5 | 3,072 | 300 | 0.9500 | 0.9700 | n/a | n/a |"), row);
    }

    @Test
    void aLaterNightsRowHasItsChangesAndIdEventsAndGoesUnderItsOwnTable() throws Exception {
        var stages = new LinkedHashMap<String, Double>();
        BenchTable.STAGES.forEach(s -> stages.put(s, 2.5));
        var sample = new BenchSample(temp, 1000, 42, 950, 610, 1420, 3100, 7300, 7, 13.1, new BenchHeap.Peak(1, 0),
                "abc1234", false, 2, "new 80, updated 120, deleted 10");
        var events = new LinkedHashMap<String, Long>();
        events.put("retired", 4L);
        events.put("created", 90L);
        events.put("merged_into", 6L);
        var result = new BenchResult(Instant.parse("2026-12-02T10:15:00Z"),
                new BenchMachine(2, 24L << 30, 16L << 30, "local[2]", 1.2, "abc1234"), sample, 2973, stages, 30.0,
                List.of(), 4200, 2600, 1280, events, new BenchSparkListener.Figures(400, 410, 1800, 6L << 20, 7L << 20,
                0), new BenchHeap.Peak(3L << 30, 1L << 30), 0.94, 0.96, 2.0, 50L << 20, 90L << 20, null, "skipped");
        Path file = temp.resolve("benchmarks.md");
        BenchTable.append(file, "| first night |");

        String row = BenchTable.laterNightRow(result);
        BenchTable.appendLaterNight(file, row);

        String header = BenchTable.laterNightHeader().split("\n")[0];
        assertEquals(header.split(" \\| ").length, row.split(" \\| ").length, row);
        assertTrue(row.startsWith("| 2026-12-02 10:15Z | abc1234 | 2 cores, 24 GB RAM, heap 16 GB, local[2], load 1.2 "
                + "| 2 | 2,980 | new 80, updated 120, deleted 10 | 13.1 | 2.5 |"), row);
        assertTrue(row.endsWith("| 30.0 | 4,200 | 1,280 | 90 | 6 | 0 | 4 | 6 | 3,072 | 400 | 0.9400 | 0.9600 |"), row);
        var lines = Files.readAllLines(file);
        int first = lines.indexOf(BenchTable.SECTION);
        int later = lines.indexOf(BenchTable.LATER_SECTION);
        assertTrue(first >= 0 && later > first, String.join("\n", lines));
        assertEquals(row, lines.get(lines.indexOf(header) + 2));
        assertEquals("| first night |", lines.get(lines.indexOf(BenchTable.header().split("\n")[0]) + 2));
    }

    @Test
    void countsAreWrittenAsPeopleSayThem() {
        assertEquals(2_500, BenchOptions.parseCount("2500"));
        assertEquals(100_000, BenchOptions.parseCount("100k"));
        assertEquals(1_000_000, BenchOptions.parseCount("1M"));
        assertEquals(2_500_000, BenchOptions.parseCount("2.5m"));
        assertEquals(10_000_000, BenchOptions.parseCount("10_000_000"));
        var e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parseCount("1.5"));
        assertTrue(e.getMessage().contains("'1.5'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parseCount("ten"));
    }
}
