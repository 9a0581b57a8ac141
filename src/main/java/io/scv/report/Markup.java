package io.scv.report;

import java.util.Locale;

/** Text as it goes into the report's HTML and SVG: escaped, and numbers written the same way everywhere. */
final class Markup {
    private Markup() {
    }

    /** Escapes text for an HTML or SVG element or a quoted attribute. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        var sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A whole number with thousands separators, other numbers with at most two decimals: 12,345 / 4.5 / -0.25. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        String s = String.format(Locale.ROOT, "%,.2f", value);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** A coordinate: one decimal is finer than a pixel. */
    static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Shortens text to {@code max} characters with an ellipsis; the full text goes into the element's title. */
    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(1, max - 1)) + "\u2026";
    }
}
