package io.scv.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Cuts CSV text into records the RFC 4180 way: a line break inside a quoted value belongs to the value, so a
 * multi-line address is one record. A record that would span lines is taken only when it is well formed: every
 * quoted value closes right before a separator or the line end, it has as many fields as the header, and it ends
 * within {@value #MAX_LINES_PER_RECORD} lines. Otherwise the quote that opened it was never closed: its first
 * line becomes a record of its own, marked broken, and cutting starts again on the next line. An unclosed quote
 * therefore costs one line, never the rest of the file (which is what reading with Spark's {@code multiLine}
 * does: the quote runs on to the next quote character, and the lines between vanish into one value).
 *
 * <p>A record on one line is passed on as it is, even with a stray quote inside a value; the CSV parser decides
 * whether it is malformed. Blank lines, comment lines and each file's header line are skipped. Lines of a
 * multi-line value are joined with {@code \n}. Reads the text once; keeps at most one record's lines in memory.
 */
final class CsvRecords implements Iterator<CsvRecords.Record> {
    /** Longest record, in lines, taken as one; a multi-line address or note is a handful. */
    static final int MAX_LINES_PER_RECORD = 1_000;

    /** One record's text; {@code broken} when it is the first line of a quote that never closed. */
    record Record(String text, boolean broken) {
    }

    private final BufferedReader in;
    private final CsvDialect dialect;
    private final int fields;
    private final ArrayDeque<String> pushedBack = new ArrayDeque<>();
    private boolean headerPending;
    private boolean firstLine = true;
    private Record next;

    /**
     * @param fields the number of fields a record has (the header's); a multi-line record with another number
     *               is not taken as one
     */
    CsvRecords(BufferedReader in, CsvDialect dialect, int fields) {
        this.in = in;
        this.dialect = dialect;
        this.fields = fields;
        this.headerPending = dialect.header();
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = cut();
        }
        return next != null;
    }

    @Override
    public Record next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        var r = next;
        next = null;
        return r;
    }

    private Record cut() {
        String line;
        while ((line = nextLine()) != null) {
            if (line.isBlank() || (dialect.comment() != 0 && line.charAt(0) == dialect.comment())) {
                continue;
            }
            if (headerPending) {
                headerPending = false;
                continue;
            }
            var scan = new Scan(dialect);
            scan.feed(line);
            if (!scan.inQuotes) {
                return new Record(line, false);
            }
            return multiLine(line, scan);
        }
        close();
        return null;
    }

    /** A record whose first line ends inside quotes: the whole record if well formed, else its first line, broken. */
    private Record multiLine(String first, Scan scan) {
        var lines = new ArrayList<String>();
        lines.add(first);
        String line;
        while (scan.inQuotes && lines.size() < MAX_LINES_PER_RECORD && (line = nextLine()) != null) {
            lines.add(line);
            scan.lineBreak();
            scan.feed(line);
        }
        if (!scan.inQuotes && !scan.strayQuote && scan.fields() == fields) {
            return new Record(String.join("\n", lines), false);
        }
        for (int i = lines.size() - 1; i >= 1; i--) {
            pushedBack.addFirst(lines.get(i));
        }
        return new Record(first, true);
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

    private void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a record's text stands, character by character: inside quotes or not, fields so far, stray quotes. */
    private static final class Scan {
        private final String sep;
        private final char quote;
        private final char escape;
        private boolean inQuotes;
        private boolean atFieldStart = true;
        private boolean strayQuote;
        private int separators;

        Scan(CsvDialect d) {
            this.sep = d.separator();
            this.quote = d.quote();
            this.escape = d.escape();
        }

        int fields() {
            return separators + 1;
        }

        /** The line break between two lines of one record: part of the quoted value. */
        void lineBreak() {
            atFieldStart = false;
        }

        void feed(String line) {
            int i = 0;
            int n = line.length();
            while (i < n) {
                char c = line.charAt(i);
                if (inQuotes) {
                    if (c == escape && i + 1 < n && (line.charAt(i + 1) == quote
                            || (escape != quote && line.charAt(i + 1) == escape))) {
                        i += 2;
                    } else if (c == quote) {
                        inQuotes = false;
                        i++;
                        if (i < n && !line.startsWith(sep, i)) {
                            // RFC 4180 allows only a separator or the line end after a closing quote
                            strayQuote = true;
                        }
                    } else {
                        i++;
                    }
                } else if (line.startsWith(sep, i)) {
                    separators++;
                    atFieldStart = true;
                    i += sep.length();
                } else {
                    if (atFieldStart && quote != 0 && c == quote) {
                        inQuotes = true;
                    }
                    atFieldStart = false;
                    i++;
                }
            }
        }
    }
}
