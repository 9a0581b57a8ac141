package io.scv.config;

/** An aggregate over a customer's records, e.g. {@code revenue = sum(revenue)}. */
public record GoldenAggregate(String name, String function, String field) {
    public static final java.util.List<String> FUNCTIONS = java.util.List.of("sum", "min", "max", "count", "collect");
}
