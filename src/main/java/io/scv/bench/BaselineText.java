package io.scv.bench;

import io.scv.ingest.Ingest;

import java.util.Locale;

/**
 * Spark SQL's string semantics that the job's results depend on, in plain Java: {@code trim} (spaces only),
 * string order (UTF-8 bytes, which is code point order), {@code soundex}, {@code substring}, and the JSON text of
 * {@code to_json}. Each matches Spark 4.1's own implementation for the values the job sees.
 */
final class BaselineText {
    static final String[] NO_VALUES = new String[0];
    /** Spark's soundex codes for A to Z; 7 (H, W) is skipped without separating equal codes. */
    private static final String SOUNDEX_CODES = "01230127022455012623017202";

    private BaselineText() {
    }

    /** Spark's {@code trim}: removes leading and trailing ASCII spaces only (not tabs or other white space). */
    static String sparkTrim(String s) {
        if (s == null) {
            return null;
        }
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == ' ') {
            end--;
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    /**
     * True when ingest quarantines a row for one of these values: text that was not valid in the file's encoding
     * (the decoder made it U+FFFD) or longer than {@value Ingest#MAX_VALUE_LENGTH} characters.
     */
    static boolean unusable(String[] row, int[] columns) {
        if (row == null) {
            return false;
        }
        for (int c : columns) {
            String v = row[c];
            if (v != null && (v.length() > Ingest.MAX_VALUE_LENGTH || v.indexOf('\uFFFD') >= 0)) {
                return true;
            }
        }
        return false;
    }

    /** Spark's {@code soundex}: a value that does not start with an ASCII letter is its own code. */
    static String soundex(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        char first = upper(s.charAt(0));
        if (first < 'A' || first > 'Z') {
            return s;
        }
        char[] code = {first, '0', '0', '0'};
        int next = 1;
        char last = SOUNDEX_CODES.charAt(first - 'A');
        for (int i = 1; i < s.length() && next < 4; i++) {
            char c = upper(s.charAt(i));
            if (c < 'A' || c > 'Z') {
                last = '0';
                continue;
            }
            char digit = SOUNDEX_CODES.charAt(c - 'A');
            if (digit == '7') {
                continue;
            }
            if (digit != '0' && digit != last) {
                code[next++] = digit;
            }
            last = digit;
        }
        return new String(code);
    }

    private static char upper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
    }

    /** Spark's {@code substring(s, pos, len)}: 1-based, in code points; a negative position counts from the end. */
    static String substring(String s, int pos, int len) {
        if (s == null) {
            return null;
        }
        int chars = s.codePointCount(0, s.length());
        long start = pos > 0 ? pos - 1 : pos < 0 ? chars + pos : 0;
        long end = start + len;
        start = Math.max(start, 0);
        end = Math.min(end, chars);
        if (start >= end) {
            return "";
        }
        return s.substring(s.offsetByCodePoints(0, (int) start), s.offsetByCodePoints(0, (int) end));
    }

    /** Spark's {@code length}: code points. */
    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** A JSON string as Spark's JSON writer (Jackson) escapes it: quote, backslash and control characters. */
    static void appendJsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
