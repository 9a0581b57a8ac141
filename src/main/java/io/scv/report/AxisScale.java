package io.scv.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A value axis mapped onto a span of pixels. Linear: the data range widened to round tick values (steps of 1, 2
 * or 5 times a power of ten), zero included. Logarithmic (counts only): ticks at the powers of ten up to the
 * largest count, and a count of 1 still a third of a decade tall, so a bin of one pair beside a bin of thousands
 * stays visible.
 */
final class AxisScale {
    /** How far above the zero line a count of 1 stands on a log axis, in decades. */
    private static final double LOG_FLOOR = 0.3;
    private final boolean log;
    private final double from;
    private final double to;
    private final double step;
    private final double pixelFrom;
    private final double pixelTo;

    private AxisScale(boolean log, double from, double to, double step, double pixelFrom, double pixelTo) {
        this.log = log;
        this.from = from;
        this.to = to;
        this.step = step;
        this.pixelFrom = pixelFrom;
        this.pixelTo = pixelTo;
    }

    /**
     * A linear axis over [min(low, 0), max(high, 0)] with about {@code ticks} ticks, drawn from pixel a to pixel b.
     *
     * @param counts ticks at whole numbers only (an axis of counts has no half pairs)
     */
    static AxisScale linear(double low, double high, int ticks, boolean counts, double pixelFrom, double pixelTo) {
        double lo = Math.min(low, 0);
        double hi = Math.max(high, 0);
        if (hi - lo <= 0) {
            hi = lo + 1;
        }
        double nice = niceStep((hi - lo) / Math.max(1, ticks));
        double step = counts ? Math.max(1, nice) : nice;
        return new AxisScale(false, Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step, pixelFrom,
                pixelTo);
    }

    /** A logarithmic axis of counts from 0 to {@code max} (10 at least), so the largest count fills the height. */
    static AxisScale logCounts(double max, double pixelFrom, double pixelTo) {
        return new AxisScale(true, 0, Math.max(10, max), 10, pixelFrom, pixelTo);
    }

    /** The pixel of a value. */
    double at(double value) {
        double share = log ? decades(value) / decades(to) : (value - from) / (to - from);
        return pixelFrom + share * (pixelTo - pixelFrom);
    }

    /** The tick values, from the low end to the high end. */
    List<Double> ticks() {
        var out = new ArrayList<Double>();
        if (log) {
            for (double t = 1; t <= to * (1 + 1e-9); t *= 10) {
                out.add(t);
            }
            return out;
        }
        long n = Math.round((to - from) / step);
        for (long i = 0; i <= n; i++) {
            double v = from + i * step;
            out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return out;
    }

    private static double decades(double count) {
        return count <= 0 ? 0 : Math.log10(count) + LOG_FLOOR;
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code rough}. */
    private static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[]{1, 2, 5, 10}) {
            if (m * power >= rough * (1 - 1e-9)) {
                return m * power;
            }
        }
        return 10 * power;
    }
}
