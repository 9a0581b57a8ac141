package io.scv.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterTest {

    @Test
    void quotesOnlyFieldsWithCommasQuotesOrLineBreaks() {
        assertEquals("12 High Street", CsvWriter.escape("12 High Street"));
        assertEquals("\"Flat 3, 12 High Street\"", CsvWriter.escape("Flat 3, 12 High Street"));
        assertEquals("\"The \"\"Old\"\" Mill\"", CsvWriter.escape("The \"Old\" Mill"));
        assertEquals("\"two\nlines\"", CsvWriter.escape("two\nlines"));
        assertEquals("O'Brien", CsvWriter.escape("O'Brien"));
    }

    @Test
    void writtenRowsReadBackUnchanged(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.csv");
        try (var csv = new CsvWriter(file, List.of("a", "b"))) {
            csv.row(List.of("Flat 3, 12 High Street", "say \"hi\""));
            csv.row(List.of("", "Zoë"));
        }
        assertEquals(List.of(List.of("a", "b"), List.of("Flat 3, 12 High Street", "say \"hi\""), List.of("", "Zoë")),
                StrictCsv.read(file));
        assertEquals("a,b\n", Files.readString(file).substring(0, 4));
    }
}
