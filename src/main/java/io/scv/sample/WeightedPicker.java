package io.scv.sample;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Picks items with probability proportional to their weight, by binary search over cumulative weights. */
final class WeightedPicker<T> {
    private final List<T> items;
    private final double[] cumulative;

    WeightedPicker(List<T> items, ToDoubleFunction<T> weight) {
        this(items, items.stream().mapToDouble(weight).toArray());
    }

    private WeightedPicker(List<T> items, double[] weights) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a weighted picker needs at least one item");
        }
        this.items = List.copyOf(items);
        this.cumulative = new double[weights.length];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            total += weights[i];
            cumulative[i] = total;
        }
    }

    /**
     * Weights falling off with rank like real name frequencies: the first item is common, the tail is rare but
     * present. {@code offset} flattens the head so the top item is not absurdly dominant.
     */
    static <T> WeightedPicker<T> byRank(List<T> itemsMostCommonFirst, double offset, double exponent) {
        double[] weights = new double[itemsMostCommonFirst.size()];
        for (int rank = 1; rank <= weights.length; rank++) {
            weights[rank - 1] = Math.pow(rank + offset, -exponent);
        }
        return new WeightedPicker<>(itemsMostCommonFirst, weights);
    }

    T pick(SplittableRandom random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > target) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return items.get(low);
    }
}
