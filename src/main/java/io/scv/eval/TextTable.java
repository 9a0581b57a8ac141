package io.scv.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table: columns padded to their widest cell, text left-aligned and numbers right-aligned. */
final class TextTable {
    private final String[] headers;
    private final boolean[] left;
    private final List<String[]> rows = new ArrayList<>();

    /** The first column is left-aligned, the others right-aligned unless {@link #leftAligned} says otherwise. */
    TextTable(String... headers) {
        this.headers = headers;
        this.left = new boolean[headers.length];
        left[0] = true;
    }

    TextTable leftAligned(int column) {
        left[column] = true;
        return this;
    }

    TextTable row(String... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("a row needs " + headers.length + " cells, was: "
                    + Arrays.toString(cells));
        }
        rows.add(cells);
        return this;
    }

    /** Each line starts with {@code indent} and has no trailing blanks. */
    String render(String indent) {
        int[] width = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            width[c] = headers[c].length();
            for (String[] row : rows) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        var out = new StringBuilder();
        line(out, indent, headers, width);
        for (String[] row : rows) {
            line(out, indent, row, width);
        }
        return out.toString();
    }

    private void line(StringBuilder out, String indent, String[] cells, int[] width) {
        var line = new StringBuilder(indent);
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(width[c] - cells[c].length());
            line.append(left[c] ? cells[c] + pad : pad + cells[c]);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
