package io.scv.sample;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes RFC 4180 CSV in UTF-8 with '\n' line ends: a field is quoted only when it holds a comma, quote, CR or LF,
 * and quotes inside are doubled.
 */
final class CsvWriter implements Closeable {
    private final BufferedWriter out;
    private final int columns;

    CsvWriter(Path file, List<String> header) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.columns = header.size();
        row(header);
    }

    void row(List<String> fields) throws IOException {
        if (fields.size() != columns) {
            throw new IllegalArgumentException("row must have " + columns + " fields, had: " + fields.size());
        }
        out.write(line(fields));
        out.write('\n');
    }

    /** One CSV line, without its line end. */
    static String line(List<String> fields) {
        var sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(escape(fields.get(i)));
        }
        return sb.toString();
    }

    static String escape(String field) {
        if (field == null) {
            return "";
        }
        boolean needsQuotes = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0;
        return needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
