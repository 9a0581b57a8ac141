package io.scv.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear value axis: the data range widened to round tick values (steps of 1, 2 or 5 times a power of ten),
 * mapped onto a span of pixels.
 */
final class AxisScale {
    private final double from;
    private final double to;
    private final double step;
    private final double pixelFrom;
    private final double pixelTo;

    /**
     * An axis over [min(low, 0), max(high, 0)] with about {@code ticks} ticks, drawn from pixel a to pixel b.
     *
     * @param counts ticks at whole numbers only (an axis of counts has no half pairs)
     */
    AxisScale(double low, double high, int ticks, boolean counts, double pixelFrom, double pixelTo) {
        double lo = Math.min(low, 0);
        double hi = Math.max(high, 0);
        if (hi - lo <= 0) {
            hi = lo + 1;
        }
        double nice = niceStep((hi - lo) / Math.max(1, ticks));
        this.step = counts ? Math.max(1, nice) : nice;
        this.from = Math.floor(lo / step) * step;
        this.to = Math.ceil(hi / step) * step;
        this.pixelFrom = pixelFrom;
        this.pixelTo = pixelTo;
    }

    /** The pixel of a value. */
    double at(double value) {
        return pixelFrom + (value - from) / (to - from) * (pixelTo - pixelFrom);
    }

    /** The tick values, from the low end to the high end. */
    List<Double> ticks() {
        var out = new ArrayList<Double>();
        long n = Math.round((to - from) / step);
        for (long i = 0; i <= n; i++) {
            double v = from + i * step;
            out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return out;
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code rough}; whole steps for counts. */
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
