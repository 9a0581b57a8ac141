package io.scv.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One input extract and how its columns map onto the canonical record.
 *
 * @param linkWithinSource false when the source is known to hold no duplicates, so pairs inside it are not scored
 * @param duplicateFree    the source holds at most one record per person: besides not linking within it,
 *                         clustering keeps at most one of its records in a customer (conflicts resolved by the
 *                         strongest links)
 * @param retention        how long records may be kept, or null to keep every record
 */
public record SourceConfig(String name, SourceKind kind, InputFile input, String idColumn,
                           Map<String, FieldMapping> columns, OrdersConfig orders, EventsConfig events,
                           boolean linkWithinSource, String defaultCountry, boolean duplicateFree,
                           Retention retention) {
    public SourceConfig {
        columns = Map.copyOf(columns);
    }

    public SourceConfig(String name, SourceKind kind, InputFile input, String idColumn,
                        Map<String, FieldMapping> columns, OrdersConfig orders, EventsConfig events,
                        boolean linkWithinSource, String defaultCountry, boolean duplicateFree) {
        this(name, kind, input, idColumn, columns, orders, events, linkWithinSource, defaultCountry, duplicateFree,
                null);
    }

    public SourceConfig(String name, SourceKind kind, InputFile input, String idColumn,
                        Map<String, FieldMapping> columns, OrdersConfig orders, EventsConfig events,
                        boolean linkWithinSource, String defaultCountry) {
        this(name, kind, input, idColumn, columns, orders, events, linkWithinSource, defaultCountry, false);
    }

    /**
     * The columns of the source's input that the config reads: the id, mapped columns and the columns that mapping
     * expressions name, event columns, and the retention column. Nothing else of a row needs to be kept.
     */
    public Set<String> columnsRead() {
        var out = new LinkedHashSet<String>();
        out.add(idColumn);
        columns.values().forEach(m -> out.addAll(m.sourceColumns()));
        if (events != null) {
            out.addAll(List.of(events.timestampColumn(), events.sessionColumn(), events.eventTypeColumn()));
            out.addAll(events.identifiers().values());
        }
        if (retention != null && retention.column() != null) {
            out.add(retention.column());
        }
        return out;
    }
}
