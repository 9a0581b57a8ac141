package io.scv.report;

import java.util.List;

import static io.scv.report.Markup.coordinate;
import static io.scv.report.Markup.escape;
import static io.scv.report.Markup.number;

/**
 * An inline SVG chart of one horizontal bar per labelled value, optionally in groups, with a value axis that
 * includes zero (negative values grow to the left of it). Each bar is labelled with its number.
 */
final class HorizontalBarChart {
    static final int WIDTH = 860;
    private static final int ROW = 22;
    private static final int TOP = 30;
    private static final int AXIS_SPACE = 46;
    private static final int MAX_LABEL = 60;

    /**
     * @param group a heading the bar is listed under (bars of one group follow each other), or null
     * @param tip   the text a pointer on the bar shows
     * @param tone  the bar's CSS class: its colour
     */
    record Bar(String group, String label, double value, String tip, String tone) {
    }

    private HorizontalBarChart() {
    }

    /**
     * @param categoryLabel what the labels are, written above them
     * @param valueLabel    what the values are, written under the value axis
     * @param counts        the values are counts: whole-number ticks
     */
    static String render(String id, String description, String categoryLabel, String valueLabel, boolean counts,
                         List<Bar> bars) {
        int longest = bars.stream().mapToInt(b -> Math.min(MAX_LABEL, b.label().length())).max().orElse(8);
        double labelRight = Math.max(90, Math.min(410, longest * 6.6 + 16));
        double plotLeft = labelRight + 10;
        double plotRight = WIDTH - 84;
        long groups = bars.stream().map(Bar::group).filter(g -> g != null).distinct().count();
        double plotBottom = TOP + (bars.size() + groups) * ROW + 6;
        int height = (int) plotBottom + AXIS_SPACE;
        var scale = AxisScale.linear(bars.stream().mapToDouble(Bar::value).min().orElse(0),
                bars.stream().mapToDouble(Bar::value).max().orElse(1), 6, counts, plotLeft, plotRight);

        var svg = new StringBuilder();
        svg.append(String.format("<svg id=\"%s\" class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                + "role=\"img\"><title>%s</title>%n", escape(id), WIDTH, height, WIDTH, height, escape(description)));
        for (double t : scale.ticks()) {
            String x = coordinate(scale.at(t));
            svg.append(String.format("<line class=\"%s\" x1=\"%s\" x2=\"%s\" y1=\"%d\" y2=\"%s\"/>"
                            + "<text class=\"tick\" x=\"%s\" y=\"%s\" text-anchor=\"middle\">%s</text>%n",
                    t == 0 ? "zero" : "grid", x, x, TOP - 6, coordinate(plotBottom), x,
                    coordinate(plotBottom + 16), number(t)));
        }
        svg.append(String.format("<line class=\"axis\" x1=\"%s\" x2=\"%s\" y1=\"%s\" y2=\"%s\"/>%n",
                coordinate(plotLeft), coordinate(plotRight), coordinate(plotBottom), coordinate(plotBottom)));
        svg.append(String.format("<text class=\"axis-label\" x=\"%s\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                coordinate((plotLeft + plotRight) / 2), height - 8, escape(valueLabel)));
        svg.append(String.format("<text class=\"axis-label\" x=\"%s\" y=\"18\" text-anchor=\"end\">%s</text>%n",
                coordinate(labelRight), escape(categoryLabel)));

        double y = TOP;
        String group = null;
        for (Bar bar : bars) {
            if (bar.group() != null && !bar.group().equals(group)) {
                group = bar.group();
                svg.append(String.format("<text class=\"group\" x=\"4\" y=\"%s\">%s</text>%n",
                        coordinate(y + 15), escape(Markup.shorten(group, 90))));
                y += ROW;
            }
            appendBar(svg, bar, scale, labelRight, y + ROW / 2.0);
            y += ROW;
        }
        return svg.append("</svg>\n").toString();
    }

    private static void appendBar(StringBuilder svg, Bar bar, AxisScale scale, double labelRight, double middle) {
        double zero = scale.at(0);
        double end = scale.at(bar.value());
        svg.append(String.format("<g class=\"mark\" data-tip=\"%s\"><title>%s</title>", escape(bar.tip()),
                escape(bar.tip())));
        svg.append(String.format("<text class=\"label\" x=\"%s\" y=\"%s\" text-anchor=\"end\">%s</text>",
                coordinate(labelRight), coordinate(middle + 4), escape(Markup.shorten(bar.label(), MAX_LABEL))));
        svg.append(String.format("<rect class=\"%s\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"14\"/>",
                escape(bar.tone()), coordinate(Math.min(zero, end)), coordinate(middle - 7),
                coordinate(Math.abs(end - zero))));
        svg.append(String.format("<text class=\"value\" x=\"%s\" y=\"%s\">%s</text></g>%n",
                coordinate(Math.max(zero, end) + 5), coordinate(middle + 4), number(bar.value())));
    }
}
