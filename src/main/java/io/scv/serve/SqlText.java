package io.scv.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Spark SQL text seen the way Spark's lexer sees it, for the few things the server does to text before Spark parses
 * it: splitting a simple Query message at its top-level semicolons, finding and replacing {@code $n} placeholders,
 * and a comment-free form to recognise PostgreSQL-only statements by. Quoted text is never touched: {@code '...'}
 * and {@code "..."} strings with backslash escapes (Spark's default; a doubled quote closes and reopens, which
 * comes to the same), {@code R'...'} raw strings, {@code `...`} identifiers; comments are {@code --} to the end of
 * the line and {@code /* *}{@code /}, nested as Spark allows.
 */
public final class SqlText {
    static final byte CODE = 0;
    static final byte QUOTED = 1;
    static final byte COMMENT = 2;

    private SqlText() {
    }

    /**
     * The statements of a text, trimmed; empty ones (only blanks and comments) left out. Also splits the scripts
     * of {@code scv sql --file}.
     */
    public static List<String> split(String text) {
        byte[] kinds = classify(text);
        var statements = new ArrayList<String>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || (text.charAt(i) == ';' && kinds[i] == CODE)) {
                String statement = text.substring(start, i).trim();
                if (!normalized(statement).isEmpty()) {
                    statements.add(statement);
                }
                start = i + 1;
            }
        }
        return statements;
    }

    /** The highest {@code $n} outside quotes and comments, 0 when there is none. */
    static int maxPlaceholder(String sql) {
        byte[] kinds = classify(sql);
        int max = 0;
        for (int i = 0; i < sql.length(); i++) {
            int end = placeholderEnd(sql, kinds, i);
            if (end > 0) {
                max = Math.max(max, placeholderNumber(sql, i, end));
                i = end - 1;
            }
        }
        return max;
    }

    /** The text with each {@code $n} outside quotes and comments replaced by {@code literals.get(n - 1)}. */
    static String bind(String sql, List<String> literals) {
        byte[] kinds = classify(sql);
        var out = new StringBuilder(sql.length() + 16 * literals.size());
        for (int i = 0; i < sql.length(); i++) {
            int end = placeholderEnd(sql, kinds, i);
            if (end < 0) {
                out.append(sql.charAt(i));
                continue;
            }
            int n = placeholderNumber(sql, i, end);
            if (n < 1 || n > literals.size()) {
                throw new SqlStateException(SqlStateException.PROTOCOL_VIOLATION, "there is no parameter $" + n
                        + "; the statement was bound with " + literals.size());
            }
            out.append(' ').append(literals.get(n - 1)).append(' ');
            i = end - 1;
        }
        return out.toString();
    }

    /** Comments dropped, blanks collapsed to one space, trimmed, trailing semicolons dropped, lower case. */
    static String normalized(String sql) {
        byte[] kinds = classify(sql);
        var out = new StringBuilder(sql.length());
        boolean blank = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (kinds[i] == COMMENT || (kinds[i] == CODE && Character.isWhitespace(c))) {
                blank = true;
                continue;
            }
            if (blank && !out.isEmpty()) {
                out.append(' ');
            }
            blank = false;
            out.append(c);
        }
        String text = out.toString().toLowerCase(Locale.ROOT);
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).stripTrailing();
        }
        return text;
    }

    /** The first word of a statement in upper case (after comments and opening brackets), "" when none. */
    static String firstWord(String sql) {
        String text = normalized(sql).replaceFirst("^[(\\s]+", "");
        int end = 0;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        return text.substring(0, end).toUpperCase(Locale.ROOT);
    }

    private static int placeholderEnd(String sql, byte[] kinds, int i) {
        if (sql.charAt(i) != '$' || kinds[i] != CODE || i + 1 >= sql.length()
                || !Character.isDigit(sql.charAt(i + 1))) {
            return -1;
        }
        int end = i + 1;
        while (end < sql.length() && Character.isDigit(sql.charAt(end))) {
            end++;
        }
        return end;
    }

    private static int placeholderNumber(String sql, int dollar, int end) {
        try {
            return Integer.parseInt(sql.substring(dollar + 1, end));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Per character: {@link #CODE}, {@link #QUOTED} (quote characters included) or {@link #COMMENT}. */
    static byte[] classify(String s) {
        int n = s.length();
        byte[] kinds = new byte[n];
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            char next = i + 1 < n ? s.charAt(i + 1) : 0;
            if (c == '-' && next == '-') {
                i = mark(kinds, i, lineEnd(s, i), COMMENT);
            } else if (c == '/' && next == '*') {
                i = mark(kinds, i, blockCommentEnd(s, i), COMMENT);
            } else if (c == '\'' || c == '"' || c == '`') {
                boolean escapes = c != '`' && !rawPrefix(s, i);
                i = mark(kinds, i, quoteEnd(s, i, escapes), QUOTED);
            } else {
                i++;
            }
        }
        return kinds;
    }

    private static int mark(byte[] kinds, int from, int to, byte kind) {
        for (int k = from; k < to; k++) {
            kinds[k] = kind;
        }
        return to;
    }

    private static int lineEnd(String s, int i) {
        int end = s.indexOf('\n', i);
        return end < 0 ? s.length() : end;
    }

    private static int blockCommentEnd(String s, int i) {
        int depth = 0;
        int k = i;
        while (k < s.length()) {
            if (s.startsWith("/*", k)) {
                depth++;
                k += 2;
            } else if (s.startsWith("*/", k)) {
                depth--;
                k += 2;
                if (depth == 0) {
                    return k;
                }
            } else {
                k++;
            }
        }
        return s.length();
    }

    /** The index after the closing quote; the end of the text when the quote is never closed. */
    private static int quoteEnd(String s, int open, boolean escapes) {
        char quote = s.charAt(open);
        int k = open + 1;
        while (k < s.length()) {
            char c = s.charAt(k);
            if (escapes && c == '\\') {
                k += 2;
            } else if (c == quote) {
                return k + 1;
            } else {
                k++;
            }
        }
        return s.length();
    }

    /** An R or r right before the quote, not part of a longer word: a raw string without escapes. */
    private static boolean rawPrefix(String s, int quote) {
        if (quote == 0 || Character.toLowerCase(s.charAt(quote - 1)) != 'r') {
            return false;
        }
        return quote == 1 || !(Character.isLetterOrDigit(s.charAt(quote - 2)) || s.charAt(quote - 2) == '_');
    }
}
