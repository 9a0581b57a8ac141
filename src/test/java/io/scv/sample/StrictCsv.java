package io.scv.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for tests: fails on a stray quote or an unterminated quoted field. */
final class StrictCsv {
    private StrictCsv() {
    }

    static List<List<String>> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    static List<List<String>> parse(String text) {
        var rows = new ArrayList<List<String>>();
        var row = new ArrayList<String>();
        var field = new StringBuilder();
        int i = 0;
        boolean fieldStarted = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.length() == 0 && !fieldStarted) {
                int close = i + 1;
                while (true) {
                    if (close >= text.length()) {
                        throw new IllegalArgumentException("unterminated quoted field at offset " + i);
                    }
                    if (text.charAt(close) == '"') {
                        if (close + 1 < text.length() && text.charAt(close + 1) == '"') {
                            field.append('"');
                            close += 2;
                            continue;
                        }
                        break;
                    }
                    field.append(text.charAt(close++));
                }
                i = close + 1;
                fieldStarted = true;
                if (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\n') {
                    throw new IllegalArgumentException("text after closing quote at offset " + i);
                }
                continue;
            }
            if (c == '"') {
                throw new IllegalArgumentException("quote inside unquoted field at offset " + i);
            }
            if (c == '\r') {
                throw new IllegalArgumentException("carriage return at offset " + i + "; lines must end with \\n");
            }
            if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '\n') {
                row.add(field.toString());
                rows.add(row);
                row = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
            } else {
                field.append(c);
                fieldStarted = true;
            }
            i++;
        }
        if (fieldStarted || !row.isEmpty()) {
            throw new IllegalArgumentException("last line does not end with \\n");
        }
        return rows;
    }
}
