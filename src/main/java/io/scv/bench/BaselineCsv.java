package io.scv.bench;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CSV file as the job's reader does ({@code SourceReader}: {@code CsvRecords} cuts records, Spark's CSV
 * parser splits them), in one pass and one thread: RFC 4180 quoting, a quoted value may span lines (joined with
 * {@code \n}) when the record is well formed within 1,000 lines, else the line that opened the quote is a malformed
 * record of its own and reading goes on with the next line. Blank lines and the header are skipped. A record with
 * another number of fields than the header is malformed, as Spark's parser has it. Empty values are null (Spark's
 * {@code nullValue} and {@code emptyValue} are both the empty string). Characters after a closing quote that are not
 * a separator are kept as part of the value (Spark's parser has its own rules there; the sample never writes it).
 */
final class BaselineCsv implements Closeable {
    /** Reader options the baseline understands; any other option is refused. */
    static final Set<String> OPTIONS = Set.of("header", "sep", "delimiter", "quote", "escape", "encoding", "charset",
            "comment");
    private static final int MAX_LINES_PER_RECORD = 1_000;

    /** One record: its fields (header order), or none when malformed. */
    record Row(String[] fields) {
        boolean malformed() {
            return fields == null;
        }
    }

    private final BufferedReader in;
    private final String separator;
    private final char quote;
    private final char escape;
    private final char comment;
    private final String[] header;
    private final ArrayDeque<String> pushedBack = new ArrayDeque<>();
    private boolean firstLine = true;

    private BaselineCsv(BufferedReader in, Map<String, String> options) {
        this.in = in;
        String sep = option(options, "sep", option(options, "delimiter", ","));
        this.separator = sep.equals("\\t") ? "\t" : sep;
        this.quote = single(option(options, "quote", "\""));
        this.escape = single(option(options, "escape", String.valueOf(quote)));
        this.comment = single(option(options, "comment", ""));
        this.header = readHeader();
    }

    /** Opens a file with the source's reader options; the caller has checked them with {@link #unsupported}. */
    static BaselineCsv open(Path path, Map<String, String> options) {
        try {
            return new BaselineCsv(Files.newBufferedReader(path, charset(options)), options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** The first reader option the baseline does not reproduce, or null when it reads the file as the job does. */
    static String unsupported(Map<String, String> options) {
        for (var e : options.entrySet()) {
            String key = e.getKey().toLowerCase(Locale.ROOT);
            if (!OPTIONS.contains(key)) {
                return e.getKey();
            }
            if (key.equals("header") && !"true".equalsIgnoreCase(e.getValue())) {
                return "header: " + e.getValue();
            }
        }
        return null;
    }

    String[] header() {
        return header.clone();
    }

    /** The next record, or null at the end of the file. */
    Row next() {
        String line;
        while ((line = nextLine()) != null) {
            if (!isSkipped(line)) {
                return record(line);
            }
        }
        return null;
    }

    private String[] readHeader() {
        String line;
        while ((line = nextLine()) != null) {
            if (!isSkipped(line)) {
                var row = record(line);
                return row.malformed() ? new String[0] : row.fields();
            }
        }
        return new String[0];
    }

    private boolean isSkipped(String line) {
        return line.isBlank() || (comment != 0 && line.charAt(0) == comment);
    }

    /** Cuts and splits one record starting at {@code first}, reading on while a quoted value spans lines. */
    private Row record(String first) {
        if (quote == 0 || first.indexOf(quote) < 0) {
            return unquoted(first);
        }
        var fields = new ArrayList<String>(Math.max(header == null ? 8 : header.length, 1));
        var value = new StringBuilder();
        var lines = new ArrayList<String>(1);
        lines.add(first);
        String line = first;
        boolean inQuotes = false;
        boolean atFieldStart = true;
        boolean strayQuote = false;
        while (true) {
            int i = 0;
            int n = line.length();
            while (i < n) {
                char c = line.charAt(i);
                if (inQuotes) {
                    if (c == escape && i + 1 < n && (line.charAt(i + 1) == quote
                            || (escape != quote && line.charAt(i + 1) == escape))) {
                        value.append(line.charAt(i + 1));
                        i += 2;
                    } else if (c == quote) {
                        inQuotes = false;
                        i++;
                        strayQuote |= i < n && !line.startsWith(separator, i);
                    } else {
                        value.append(c);
                        i++;
                    }
                } else if (line.startsWith(separator, i)) {
                    fields.add(valueOf(value));
                    atFieldStart = true;
                    i += separator.length();
                } else {
                    if (atFieldStart && quote != 0 && c == quote) {
                        inQuotes = true;
                    } else {
                        value.append(c);
                    }
                    atFieldStart = false;
                    i++;
                }
            }
            if (!inQuotes) {
                fields.add(valueOf(value));
                break;
            }
            String more = lines.size() < MAX_LINES_PER_RECORD ? nextLine() : null;
            if (more == null) {
                return broken(lines);
            }
            lines.add(more);
            value.append('\n');
            atFieldStart = false;
            line = more;
        }
        int expected = header == null ? fields.size() : header.length;
        if (lines.size() > 1 && (strayQuote || fields.size() != expected)) {
            return broken(lines);
        }
        return new Row(fields.size() == expected ? fields.toArray(String[]::new) : null);
    }

    /** A line without quotes (most lines): its values between separators. */
    private Row unquoted(String line) {
        int expected = header == null ? -1 : header.length;
        var fields = new ArrayList<String>(Math.max(expected, 1));
        int from = 0;
        int at;
        while ((at = line.indexOf(separator, from)) >= 0) {
            fields.add(at == from ? null : line.substring(from, at));
            from = at + separator.length();
        }
        fields.add(from == line.length() ? null : line.substring(from));
        return new Row(expected < 0 || fields.size() == expected ? fields.toArray(String[]::new) : null);
    }

    /** The line that opened a quote that never closed is malformed; the lines after it are read again. */
    private Row broken(List<String> lines) {
        for (int i = lines.size() - 1; i >= 1; i--) {
            pushedBack.addFirst(lines.get(i));
        }
        return new Row(null);
    }

    private static String valueOf(StringBuilder value) {
        String s = value.isEmpty() ? null : value.toString();
        value.setLength(0);
        return s;
    }

    private String nextLine() {
        if (!pushedBack.isEmpty()) {
            return pushedBack.removeFirst();
        }
        try {
            String line = in.readLine();
            if (firstLine && line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            firstLine = false;
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The encoding a text input declares in {@code encoding} or {@code charset}; UTF-8 if none. */
    static Charset charset(Map<String, String> options) {
        String name = option(options, "encoding", option(options, "charset", null));
        return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
    }

    /** Spark's option names are case-insensitive. */
    static String option(Map<String, String> options, String key, String otherwise) {
        return options.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key)).map(Map.Entry::getValue)
                .findFirst().orElse(otherwise);
    }

    private static char single(String s) {
        return s == null || s.isEmpty() ? 0 : s.charAt(0);
    }
}
