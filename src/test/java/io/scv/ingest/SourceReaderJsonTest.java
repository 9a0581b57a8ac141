package io.scv.ingest;

import io.scv.config.InputFile;
import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JSON read for the columns the config reads: the sampled path and the fall back to every line. */
class SourceReaderJsonTest {
    private static final int LINES = 5_000;

    @TempDir
    Path dir;

    /**
     * {@code device} and {@code type} on every line; {@code page} an object on even lines and text on odd ones;
     * {@code late} only on the last line; a line that is not JSON in the middle.
     */
    private InputFile events() throws IOException {
        var lines = new ArrayList<String>();
        for (int i = 0; i < LINES; i++) {
            String page = i % 2 == 0 ? "{\"path\":\"/p" + i + "\"}" : "\"/p" + i + "\"";
            String late = i == LINES - 1 ? ",\"late\":\"L-LAST\"" : "";
            String type = i == 7 ? "{\"kind\":\"odd\"}" : "\"view\"";
            lines.add("{\"device\":\"d" + (i % 50) + "\",\"type\":" + type + ",\"page\":" + page + late + "}");
            if (i == LINES / 2) {
                lines.add("this is not json");
            }
        }
        Path file = dir.resolve("events.jsonl");
        Files.write(file, lines);
        return new InputFile(file.toString(), "json", Map.of());
    }

    private static Dataset<Row> read(InputFile input, String... columns) {
        // cached as Ingest caches what it reads: Spark refuses a query of the raw file on the corrupt column alone
        return new SourceReader(SparkTestSession.get()).read(input, new LinkedHashSet<>(List.of(columns))).cache();
    }

    @Test
    void columnsTheSampleHoldsAsTextAreReadAloneAndOtherKeysCannotMakeALineMalformed() throws IOException {
        var rows = read(events(), "device", "type");
        assertEquals(List.of("device", "type", SourceReader.CORRUPT), List.of(rows.columns()));
        assertEquals(LINES + 1, rows.count());
        assertEquals(1, rows.filter(col(SourceReader.CORRUPT).isNotNull()).count(),
                "only the line that is not JSON, whatever page holds");
        assertEquals("{\"kind\":\"odd\"}", rows.filter(col("device").equalTo("d7")).filter(
                col("type").startsWith("{")).first().getString(1), "an object in a text column is kept as its JSON");
    }

    @Test
    void aColumnTheSampleMissesIsFoundByReadingEveryLine() throws IOException {
        var rows = read(events(), "device", "late");
        assertTrue(List.of(rows.columns()).contains("late"));
        assertEquals(1, rows.filter(col("late").equalTo("L-LAST")).count());
        assertEquals(LINES + 1, rows.count());
    }

    @Test
    void aColumnTheInputLacksIsMissingAsWithoutTheSample() throws IOException {
        var input = events();
        Set<String> columns = Set.of(read(input, "device", "nowhere").columns());
        assertEquals(Set.of(new SourceReader(SparkTestSession.get()).read(input).columns()), columns);
        assertTrue(!columns.contains("nowhere"), columns.toString());
    }
}
