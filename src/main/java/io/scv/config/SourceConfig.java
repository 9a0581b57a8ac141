package io.scv.config;

import java.util.Map;

/**
 * One input extract and how its columns map onto the canonical record.
 *
 * @param linkWithinSource false when the source is known to hold no duplicates, so pairs inside it are not scored
 * @param duplicateFree    the source holds at most one record per person: besides not linking within it,
 *                         clustering keeps at most one of its records in a customer (conflicts resolved by the
 *                         strongest links)
 */
public record SourceConfig(String name, SourceKind kind, InputFile input, String idColumn,
                           Map<String, FieldMapping> columns, OrdersConfig orders, EventsConfig events,
                           boolean linkWithinSource, String defaultCountry, boolean duplicateFree) {
    public SourceConfig {
        columns = Map.copyOf(columns);
    }

    public SourceConfig(String name, SourceKind kind, InputFile input, String idColumn,
                        Map<String, FieldMapping> columns, OrdersConfig orders, EventsConfig events,
                        boolean linkWithinSource, String defaultCountry) {
        this(name, kind, input, idColumn, columns, orders, events, linkWithinSource, defaultCountry, false);
    }
}
