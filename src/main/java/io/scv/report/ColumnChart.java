package io.scv.report;

import java.util.List;

import static io.scv.report.Markup.coordinate;
import static io.scv.report.Markup.escape;
import static io.scv.report.Markup.number;

/**
 * An inline SVG histogram: columns over a continuous x range (or one slot per category), a count axis from zero,
 * and optional vertical markers such as thresholds, each with its label above the plot.
 */
final class ColumnChart {
    static final int WIDTH = 860;
    private static final int HEIGHT = 330;
    private static final int LEFT = 74;
    private static final int RIGHT = WIDTH - 24;
    private static final int BOTTOM = HEIGHT - 54;
    private static final int MARKER_LINE = 15;

    /** A column over [from, to) of the x range, of height {@code value}. */
    record Column(double from, double to, double value, String tip) {
    }

    record Tick(double at, String label) {
    }

    /** The x axis: its label, its range and where its ticks go. */
    record XAxis(String label, double from, double to, List<Tick> ticks) {
    }

    /** A vertical line at {@code at} on the x range; {@code tone} is its CSS class. */
    record Marker(double at, String label, String tone) {
    }

    private ColumnChart() {
    }

    /**
     * @param logCounts   a logarithmic count axis, for counts that span several powers of ten
     * @param valueLabels write each column's number above it (but 0), if every column is wide enough to hold its
     *                    number (numbers on some columns only would read as if the others had none)
     */
    static String render(String id, String description, XAxis xAxis, String yLabel, boolean logCounts,
                         List<Column> columns, List<Marker> markers, boolean valueLabels, String tone) {
        int top = 22 + MARKER_LINE * markers.size();
        double max = columns.stream().mapToDouble(Column::value).max().orElse(1);
        var y = logCounts ? AxisScale.logCounts(max, BOTTOM, top) : AxisScale.linear(0, max, 5, true, BOTTOM, top);
        double xFrom = xAxis.from();
        double xTo = xAxis.to();
        var svg = new StringBuilder();
        svg.append(String.format("<svg id=\"%s\" class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                + "role=\"img\"><title>%s</title>%n", escape(id), WIDTH, HEIGHT, WIDTH, HEIGHT, escape(description)));
        for (double t : y.ticks()) {
            String py = coordinate(y.at(t));
            svg.append(String.format("<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%s\" y2=\"%s\"/>"
                            + "<text class=\"tick\" x=\"%d\" y=\"%s\" text-anchor=\"end\">%s</text>%n",
                    LEFT, RIGHT, py, py, LEFT - 6, coordinate(y.at(t) + 4), number(t)));
        }
        svg.append(String.format("<text class=\"axis-label\" transform=\"translate(16 %s) rotate(-90)\" "
                + "text-anchor=\"middle\">%s</text>%n", coordinate((top + BOTTOM) / 2.0), escape(yLabel)));
        boolean numbersFit = valueLabels && columns.stream().allMatch(c -> columnWidth(c, xFrom, xTo)
                >= number(c.value()).length() * 6 + 2);
        for (Column c : columns) {
            appendColumn(svg, c, x(c.from(), xFrom, xTo), x(c.to(), xFrom, xTo), y, numbersFit, tone);
        }
        svg.append(String.format("<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>%n", LEFT, RIGHT,
                BOTTOM, BOTTOM));
        for (Tick t : xAxis.ticks()) {
            String px = coordinate(x(t.at(), xFrom, xTo));
            svg.append(String.format("<line class=\"axis\" x1=\"%s\" x2=\"%s\" y1=\"%d\" y2=\"%d\"/>"
                            + "<text class=\"tick\" x=\"%s\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    px, px, BOTTOM, BOTTOM + 4, px, BOTTOM + 18, escape(t.label())));
        }
        svg.append(String.format("<text class=\"axis-label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                (LEFT + RIGHT) / 2, HEIGHT - 10, escape(xAxis.label())));
        for (int i = 0; i < markers.size(); i++) {
            appendMarker(svg, markers.get(i), x(markers.get(i).at(), xFrom, xTo), 16 + i * MARKER_LINE, top);
        }
        return svg.append("</svg>\n").toString();
    }

    private static double x(double value, double from, double to) {
        return LEFT + (value - from) / (to - from) * (RIGHT - LEFT);
    }

    private static double columnWidth(Column c, double from, double to) {
        return Math.max(1, x(c.to(), from, to) - x(c.from(), from, to) - 1);
    }

    private static void appendColumn(StringBuilder svg, Column c, double left, double right, AxisScale y,
                                     boolean valueLabel, String tone) {
        double width = Math.max(1, right - left - 1);
        double top = y.at(c.value());
        svg.append(String.format("<g class=\"mark\" data-tip=\"%s\"><title>%s</title>"
                        + "<rect class=\"%s\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"/>", escape(c.tip()),
                escape(c.tip()), escape(tone), coordinate(left + 0.5), coordinate(top), coordinate(width),
                coordinate(BOTTOM - top)));
        if (valueLabel && c.value() != 0) {
            svg.append(String.format("<text class=\"value\" x=\"%s\" y=\"%s\" text-anchor=\"middle\">%s</text>",
                    coordinate((left + right) / 2), coordinate(top - 4), number(c.value())));
        }
        svg.append("</g>\n");
    }

    private static void appendMarker(StringBuilder svg, Marker m, double px, int labelY, int top) {
        boolean nearRightEdge = px > RIGHT - 220;
        svg.append(String.format("<g class=\"marker %s\"><line x1=\"%s\" x2=\"%s\" y1=\"%d\" y2=\"%d\"/>"
                        + "<text x=\"%s\" y=\"%d\" text-anchor=\"%s\">%s</text></g>%n", escape(m.tone()),
                coordinate(px), coordinate(px), labelY + 3, BOTTOM, coordinate(nearRightEdge ? px - 4 : px + 4),
                labelY, nearRightEdge ? "end" : "start", escape(m.label())));
    }
}
