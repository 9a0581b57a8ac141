package io.scv.config;

import java.util.List;
import java.util.Map;

/**
 * How a clickstream source's events become visitor profiles. Identifiers (email, phone) count only on
 * {@code identifyingEvents} such as login or checkout; {@code identifiers} maps canonical field → event column.
 */
public record EventsConfig(String timestampColumn, String sessionColumn, String eventTypeColumn,
                           List<String> identifyingEvents, Map<String, String> identifiers) {
    public EventsConfig {
        identifyingEvents = List.copyOf(identifyingEvents);
        identifiers = Map.copyOf(identifiers);
    }
}
