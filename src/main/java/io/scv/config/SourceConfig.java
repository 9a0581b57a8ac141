package io.scv.config;

import java.util.Map;

/**
 * One input extract and how its columns map onto the canonical record.
 *
 * @param linkWithinSource false when the source is known to hold no duplicates, so pairs inside it are not scored
 */
public record SourceConfig(String name, SourceKind kind, InputFile input, String idColumn,
                           Map<String, FieldMapping> columns, OrdersConfig orders, EventsConfig events,
                           boolean linkWithinSource, String defaultCountry) {
    public SourceConfig {
        columns = Map.copyOf(columns);
    }
}
