package io.scv.ingest;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a CSV input is written, read from the same reader options Spark takes ({@code sep}, {@code quote},
 * {@code escape}, {@code comment}, {@code header}, {@code encoding}). Without {@code escape}, a quote inside a quoted
 * value is written twice (RFC 4180, as spreadsheets and CRM exports write it), not backslash-escaped as Spark assumes.
 *
 * @param quote   0 when values are never quoted
 * @param comment 0 when no line is a comment
 * @param charset the charset's name (a {@link java.nio.charset.Charset} is not serializable)
 */
record CsvDialect(String separator, char quote, char escape, char comment, boolean header, String charset)
        implements Serializable {
    /** The reader options with scv's defaults for what the file does not say. */
    static Map<String, String> withDefaults(Map<String, String> options) {
        var out = new LinkedHashMap<String, String>();
        out.put("escape", options.getOrDefault("quote", "\""));
        out.putAll(options);
        return out;
    }

    static CsvDialect of(Map<String, String> options) {
        var o = withDefaults(options);
        char quote = single(o.getOrDefault("quote", "\""));
        return new CsvDialect(separator(o.getOrDefault("sep", o.getOrDefault("delimiter", ","))), quote,
                single(o.get("escape")), single(o.getOrDefault("comment", "")),
                "true".equalsIgnoreCase(o.getOrDefault("header", "false")), SourceReader.charset(o).name());
    }

    private static String separator(String sep) {
        if (sep.equals("\\t")) {
            return "\t";
        }
        if (sep.matches("\\\\u[0-9a-fA-F]{4}")) {
            return String.valueOf((char) Integer.parseInt(sep.substring(2), 16));
        }
        return sep;
    }

    private static char single(String s) {
        return s.isEmpty() ? 0 : s.charAt(0);
    }
}
