package io.scv.serve;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * PostgreSQL type names in {@code ::} casts, turned into Spark's. Spark 4 has the {@code ::} cast but not
 * PostgreSQL's names, and clients write them: pgjdbc's simple query mode sends every parameter as
 * {@code ('42'::int4)}, {@code ('2.5'::double precision)}, {@code ('-1.25'::numeric)}, and people type
 * {@code x::text}. A quoted number cast to bare {@code numeric} becomes an exact decimal literal ({@code -1.25BD},
 * keeping its scale as PostgreSQL does); other bare {@code numeric} casts become {@code DECIMAL(38,18)}. Names
 * followed by a bracket ({@code numeric(10,2)}, {@code varchar(20)}) are Spark's too and stay. Text in quotes and
 * comments is never touched.
 */
final class PostgresCasts {
    private static final Map<String, String> SPARK_TYPES = Map.ofEntries(
            Map.entry("int2", "SMALLINT"), Map.entry("int4", "INT"), Map.entry("int8", "BIGINT"),
            Map.entry("float4", "FLOAT"), Map.entry("float8", "DOUBLE"), Map.entry("real", "FLOAT"),
            Map.entry("double precision", "DOUBLE"), Map.entry("numeric", "DECIMAL(38,18)"),
            Map.entry("bool", "BOOLEAN"), Map.entry("text", "STRING"), Map.entry("varchar", "STRING"),
            Map.entry("character varying", "STRING"), Map.entry("bpchar", "STRING"), Map.entry("uuid", "STRING"),
            Map.entry("json", "STRING"), Map.entry("jsonb", "STRING"), Map.entry("bytea", "BINARY"),
            Map.entry("timestamptz", "TIMESTAMP"), Map.entry("timestamp with time zone", "TIMESTAMP"),
            Map.entry("timestamp without time zone", "TIMESTAMP"));
    private static final Pattern TYPE_NAME = Pattern.compile("(?i)(double\\s+precision|timestamp\\s+with\\s+time\\s+zone"
            + "|timestamp\\s+without\\s+time\\s+zone|character\\s+varying|int2|int4|int8|float4|float8|real|numeric"
            + "|bool|text|varchar|bpchar|uuid|jsonb|json|bytea|timestamptz)\\b(?!\\s*\\()");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private PostgresCasts() {
    }

    static String translate(String sql) {
        if (!sql.contains("::")) {
            return sql;
        }
        byte[] kinds = SqlText.classify(sql);
        var out = new StringBuilder(sql.length());
        var matcher = TYPE_NAME.matcher(sql);
        int i = 0;
        while (i < sql.length()) {
            if (sql.startsWith("::", i) && kinds[i] == SqlText.CODE && kinds[i + 1] == SqlText.CODE) {
                int nameStart = skipBlanks(sql, i + 2);
                if (matcher.region(nameStart, sql.length()).lookingAt()) {
                    String name = matcher.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
                    if (!(name.equals("numeric") && replacedNumberLiteral(sql, kinds, i, out))) {
                        out.append("::").append(SPARK_TYPES.get(name));
                    }
                    i = matcher.end();
                    continue;
                }
            }
            out.append(sql.charAt(i++));
        }
        return out.toString();
    }

    /**
     * When a quoted plain number stands right before {@code ::numeric} (at {@code cast}), replaces it in
     * {@code out} by a decimal literal of the same digits and scale and says so.
     */
    private static boolean replacedNumberLiteral(String sql, byte[] kinds, int cast, StringBuilder out) {
        int end = cast - 1;
        while (end >= 0 && kinds[end] == SqlText.CODE && Character.isWhitespace(sql.charAt(end))) {
            end--;
        }
        if (end < 1 || sql.charAt(end) != '\'' || kinds[end] != SqlText.QUOTED) {
            return false;
        }
        int start = end - 1;
        while (start >= 0 && kinds[start] == SqlText.QUOTED && sql.charAt(start) != '\'') {
            start--;
        }
        if (start < 0 || sql.charAt(start) != '\'' || kinds[start] != SqlText.QUOTED) {
            return false;
        }
        String content = sql.substring(start + 1, end).trim();
        if (!PLAIN_NUMBER.matcher(content).matches()) {
            return false;
        }
        var value = new BigDecimal(content);
        out.setLength(out.length() - (cast - start));
        out.append('(').append(value.toPlainString()).append("BD)");
        return true;
    }

    private static int skipBlanks(String sql, int i) {
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i;
    }
}
