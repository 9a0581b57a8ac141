package io.scv.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks, before any Spark work, that the columns a source's config names exist in its file: the CSV header, or
 * the keys seen in the first lines of a JSON-lines file. Parquet and Delta are checked when read.
 */
final class InputColumnsCheck {
    private static final int JSON_LINES_SAMPLED = 2000;

    private InputColumnsCheck() {
    }

    static void check(SourceConfig s, String path, Problems problems) {
        var wanted = new ArrayList<Wanted>();
        wanted.add(new Wanted(path + ".id_column", s.idColumn()));
        s.columns().forEach((field, m) -> {
            if (!m.isExpression()) {
                wanted.add(new Wanted(path + ".columns." + field, m.column()));
                return;
            }
            String exprPath = path + ".columns." + field + ".expr";
            try {
                SqlExpressions.columnsUsed(m.expr()).forEach(column -> wanted.add(new Wanted(exprPath, column)));
            } catch (IllegalArgumentException e) {
                problems.add(exprPath, e.getMessage());
            }
        });
        if (s.events() != null) {
            var e = s.events();
            wanted.add(new Wanted(path + ".events.timestamp_column", e.timestampColumn()));
            wanted.add(new Wanted(path + ".events.session_column", e.sessionColumn()));
            wanted.add(new Wanted(path + ".events.event_type_column", e.eventTypeColumn()));
            e.identifiers().forEach((k, v) -> wanted.add(new Wanted(path + ".events.identifiers." + k, v)));
        }
        if (s.retention() != null && s.retention().column() != null) {
            wanted.add(new Wanted(path + ".retention_column", s.retention().column()));
        }
        checkFile(s.input(), wanted, problems);
        if (s.orders() != null) {
            var o = s.orders();
            checkFile(o.input(), List.of(new Wanted(path + ".orders.id_column", o.idColumn()),
                    new Wanted(path + ".orders.customer_column", o.customerColumn()),
                    new Wanted(path + ".orders.date_column", o.dateColumn()),
                    new Wanted(path + ".orders.amount_column", o.amountColumn())), problems);
        }
    }

    /** A column the config names, and where in the config it is named. */
    private record Wanted(String configPath, String column) {
    }

    private static void checkFile(InputFile input, List<Wanted> wanted, Problems problems) {
        if (input.path() == null || !Files.isRegularFile(Path.of(input.path()))) {
            return;
        }
        String pathKey = wanted.get(0).configPath().replaceAll("\\.[a-z_]+$", ".path");
        Charset charset = charset(input);
        if (charset == null) {
            return; // ConfigLoader reports the unknown encoding
        }
        Optional<Set<String>> columns;
        try {
            if (Files.size(Path.of(input.path())) == 0 && (input.format().equals("csv")
                    || input.format().equals("json"))) {
                problems.add(pathKey, "file is empty (0 bytes): " + input.path() + (input.format().equals("csv")
                        ? "; a CSV extract with no rows still has its header line, so this is most likely a failed "
                        + "export" : "; this is most likely a failed export (to run without it, remove the source)"));
                return;
            }
            columns = switch (input.format()) {
                case "csv" -> csvHeader(input, charset);
                case "json" -> jsonKeys(input, charset);
                default -> Optional.empty();
            };
        } catch (IOException | RuntimeException e) {
            problems.add(pathKey, "cannot read " + input.path() + ": " + e.getMessage());
            return;
        }
        columns.ifPresent(have -> wanted.forEach(w -> {
            if (w.column() != null && !have.contains(w.column())) {
                problems.add(w.configPath(), "column '" + w.column() + "' not found in "
                        + Path.of(input.path()).getFileName() + "; columns there: " + have);
            }
        }));
    }

    private static Optional<Set<String>> csvHeader(InputFile input, Charset cs) throws IOException {
        if (!"true".equalsIgnoreCase(input.options().getOrDefault("header", "true"))) {
            return Optional.empty();
        }
        String sep = input.options().getOrDefault("sep", input.options().getOrDefault("delimiter", ","));
        if (sep.equals("\\t")) {
            sep = "\t";
        }
        try (BufferedReader r = reader(input, cs)) {
            String line = r.readLine();
            if (line == null) {
                return Optional.of(Set.of());
            }
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            var out = new LinkedHashSet<String>();
            for (String h : splitHeader(line, sep)) {
                out.add(h);
                out.add(h.trim());
            }
            return Optional.of(out);
        }
    }

    /** The declared encoding ({@code encoding}, else {@code charset}, else UTF-8), or null if Java has no such. */
    private static Charset charset(InputFile input) {
        String name = input.options().getOrDefault("encoding", input.options().getOrDefault("charset", "UTF-8"));
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Reads as Spark does: a byte sequence not valid in the encoding becomes U+FFFD instead of failing, so a
     * badly encoded row is quarantined at ingest rather than stopping validation.
     */
    private static BufferedReader reader(InputFile input, Charset cs) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(Path.of(input.path())), cs));
    }

    /** Header cells, honouring double quotes; enough for a header line. */
    private static List<String> splitHeader(String line, String sep) {
        var cells = new ArrayList<String>();
        var cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && line.startsWith(sep, i)) {
                cells.add(cur.toString());
                cur.setLength(0);
                i += sep.length() - 1;
            } else {
                cur.append(c);
            }
        }
        cells.add(cur.toString());
        return cells;
    }

    private static Optional<Set<String>> jsonKeys(InputFile input, Charset cs) throws IOException {
        var mapper = new ObjectMapper();
        var keys = new LinkedHashSet<String>();
        try (BufferedReader r = reader(input, cs)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null && n < JSON_LINES_SAMPLED) {
                if (n == 0 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                n++;
                try {
                    JsonNode node = mapper.readTree(line);
                    if (node != null && node.isObject()) {
                        node.fieldNames().forEachRemaining(keys::add);
                    }
                } catch (IOException malformed) {
                    // a malformed line is quarantined at ingest; it says nothing about the columns
                }
            }
        }
        // A key first seen after the sampled lines would be reported missing; identifying events are common
        // enough in clickstream extracts that 2,000 lines show every key in practice.
        return Optional.of(keys);
    }
}
