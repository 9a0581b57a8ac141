package io.scv.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scv.testing.SparkTestSession;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Console progress while a slow Spark job runs: 8 tasks of 100 rows, each task 0.4 s, reported every 0.1 s. The
 * lines name the pipeline stage and the job, count tasks up to 8 and rows up to 800, and stop at close.
 */
class ProgressTest {
    private static SparkSession spark;

    @BeforeAll
    static void session() {
        spark = SparkTestSession.get();
    }

    private static List<String> linesWhileASlowJobRuns(boolean json) throws Exception {
        var bytes = new ByteArrayOutputStream();
        var err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress progress = Progress.start(spark.sparkContext(), err, json, Duration.ofMillis(100))) {
            progress.report();
            progress.stage("score");
            spark.sparkContext().setJobDescription("score: slow test job");
            long sum = spark.range(0, 800, 1, 8).map((MapFunction<Long, Long>) x -> {
                if (x % 100 == 0) {
                    Thread.sleep(400);
                }
                return x;
            }, Encoders.LONG()).reduce((org.apache.spark.api.java.function.ReduceFunction<Long>) Long::sum);
            assertEquals(319_600L, sum);
            Thread.sleep(250);
            progress.report();
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
        int atClose = bytes.toString(StandardCharsets.UTF_8).split("\n").length;
        Thread.sleep(300);
        var lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(atClose, lines.size(), "no lines after close");
        return lines;
    }

    @Test
    void printsStageJobTasksAndRowsAtASteadyRate() throws Exception {
        var lines = linesWhileASlowJobRuns(false);
        assertTrue(lines.size() >= 5, "at 0.1 s for 0.8 s or more of work: " + lines);
        var line = Pattern.compile(
                "scv: \\[0:0\\d] score( · score: slow test job · tasks \\d/8)? · [\\d,]+ rows read · 0:0\\d in score");
        lines.forEach(l -> assertTrue(line.matcher(l).matches(), l));
        assertTrue(lines.stream().anyMatch(l -> l.contains("score: slow test job · tasks")), lines.toString());
        assertTrue(lines.get(lines.size() - 1).contains(" 800 rows read"), "the last line counts every row: "
                + lines.get(lines.size() - 1));
    }

    @Test
    void jsonLinesAreObjectsASchedulerCanParse() throws Exception {
        var mapper = new ObjectMapper();
        var lines = linesWhileASlowJobRuns(true);
        assertFalse(lines.isEmpty());
        for (String l : lines) {
            JsonNode node = mapper.readTree(l);
            assertEquals("progress", node.get("event").asText());
            assertEquals("score", node.get("stage").asText());
            assertTrue(node.get("tasks_done").asInt() <= node.get("tasks").asInt(), l);
        }
        JsonNode last = mapper.readTree(lines.get(lines.size() - 1));
        assertEquals(800, last.get("rows_read").asLong());
    }
}
