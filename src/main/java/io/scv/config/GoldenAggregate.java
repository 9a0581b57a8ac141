package io.scv.config;

import java.util.List;

/** An aggregate over a customer's records, e.g. {@code revenue = sum(revenue)}. */
public record GoldenAggregate(String name, String function, String field) {
    public static final List<String> FUNCTIONS = List.of("sum", "min", "max", "count", "collect");
    /** What ingest derives from ERP orders and clickstream events, on every canonical record (null if none). */
    public static final List<String> ACTIVITY_FIELDS = List.of("order_count", "revenue", "first_order_at",
            "last_order_at", "events", "sessions", "page_views", "last_seen_at");
    /** The activity fields that are numbers; mapped fields are text. */
    public static final List<String> NUMERIC_FIELDS = List.of("order_count", "revenue", "events", "sessions",
            "page_views");
}
