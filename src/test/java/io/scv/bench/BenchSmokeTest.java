package io.scv.bench;

import io.scv.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The benchmark harness end to end at a size CI can afford (2,500 source records, two nights on the shared test
 * session, about a minute and a half warm): generation, the job, the evaluation, the baseline when it is built, a
 * later night on the warehouse the first left, and the rows in a table file. Real benchmarks (100k to 10M records)
 * are run by hand with jobs/bench.sh, never in CI.
 */
class BenchSmokeTest {
    @TempDir
    Path temp;

    @Test
    void aSmallRunOfTwoNightsWritesARowEachWithEveryFigure() throws Exception {
        Path table = temp.resolve("benchmarks.md");
        Path work = temp.resolve("work");
        var options = new BenchOptions(2_500, 42, work, table, Path.of("conf/scv.yaml"), "local[2]", null, true, false,
                false, 2);
        var bench = new Bench(options, System.err);

        var prepared = bench.prepare();
        var result = bench.measure(SparkTestSession.get(), prepared, null);
        var later = bench.measureLaterNights(SparkTestSession.get(), prepared, null);
        String printed = bench.finish(prepared, result, later);

        var sample = result.sample();
        assertEquals(2_500, sample.sourceRecords(), 125, "the generator is sized to the target within 5%");
        assertTrue(sample.orders() > 0 && sample.clickEvents() > sample.webDevices(), sample.toString());
        assertTrue(result.recordsMatched() > 0.98 * sample.sourceRecords(), "only the broken rows are quarantined");
        for (String stage : BenchTable.STAGES) {
            assertTrue(result.stageSeconds().getOrDefault(stage, 0.0) > 0, stage + " timed: " + result.stageSeconds());
        }
        assertTrue(result.candidatePairs() > 0 && result.pairsPerScoreSecond() > 0, "pairs " + result.candidatePairs());
        assertTrue(result.pairwiseF1() > 0.8, "F1 " + result.pairwiseF1());
        assertTrue(result.spark().jobs() > 10 && result.spark().shuffleWritten() > 0, result.spark().toString());
        assertTrue(result.jobHeap().usedBytes() > 0);
        if (result.baseline() != null) {
            assertTrue(result.jobOverBaseline() > 0, "job / baseline " + result.jobOverBaseline());
        } else {
            assertEquals("n/a", result.baselineStatus(), "the baseline is only missing while it is not built");
        }

        assertEquals(1, later.size());
        var second = later.get(0);
        assertEquals(2, second.sample().night());
        assertTrue(second.sample().changes().startsWith("new "), second.sample().changes());
        assertTrue(second.sample().sourceRecords() > sample.sourceRecords(), "night 2 adds records");
        assertTrue(second.idEvents().getOrDefault("created", 0L) > 0, "new customers get new IDs: "
                + second.idEvents());
        assertTrue(second.idEvents().getOrDefault("created", 0L) < second.customers() / 2,
                "most customers keep the IDs night 1 issued: " + second.idEvents());
        assertTrue(second.pairwiseF1() > 0.8, "night 2 F1 " + second.pairwiseF1());
        assertEquals("skipped", second.baselineStatus());

        var lines = Files.readAllLines(table);
        String header = BenchTable.header().split("\n")[0];
        assertEquals(1, lines.stream().filter(header::equals).count(), String.join("\n", lines));
        String row = lines.get(lines.indexOf(header) + 2);
        assertEquals(cells(header), cells(row), row);
        assertTrue(row.contains(String.format("%,d", sample.sourceRecords())), row);
        String laterHeader = BenchTable.laterNightHeader().split("\n")[0];
        String laterRow = lines.get(lines.size() - 1);
        assertEquals(laterHeader, lines.get(lines.size() - 3));
        assertEquals(cells(laterHeader), cells(laterRow), laterRow);
        assertTrue(laterRow.contains(String.format("%,d", second.sample().sourceRecords())), laterRow);
        assertTrue(printed.contains(row + "\n") && printed.endsWith(laterRow + "\n"), printed);
        assertFalse(Files.exists(sample.dir()), "extracts removed without --keep");
        assertFalse(Files.exists(second.sample().dir()), "the later night's extracts too");
        assertFalse(Files.exists(prepared.warehouse()), "warehouse removed without --keep");
    }

    private static long cells(String markdownRow) {
        return Arrays.stream(markdownRow.split("(?<!\\\\)\\|")).count();
    }
}
