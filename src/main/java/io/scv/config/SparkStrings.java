package io.scv.config;

/**
 * Spark SQL's order of strings, for code that chooses in Java what Spark's comparisons, {@code min}, {@code max} or
 * {@code array_sort} would: by UTF-8 bytes, which is the order of code points. Java's {@code compareTo} orders by
 * UTF-16 unit instead, which puts characters above U+FFFF (surrogate pairs) before U+E000..U+FFFF.
 */
public final class SparkStrings {

    private SparkStrings() {
    }

    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int k = 0; k < n; k++) {
            char x = a.charAt(k);
            char y = b.charAt(k);
            if (x != y) {
                return Integer.compare(inCodePointOrder(x), inCodePointOrder(y));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** Moves the surrogates (U+D800..U+DFFF) above U+E000..U+FFFF, where the code points they encode belong. */
    private static int inCodePointOrder(char c) {
        return c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;
    }
}
