package io.scv.config;

/**
 * What one row of a source is. CRM, ERP and generic sources hold one row per record; a clickstream source holds
 * events that are aggregated into one visitor profile per device.
 */
public enum SourceKind {
    CRM, ERP, CLICKSTREAM, GENERIC;

    public boolean isEventStream() {
        return this == CLICKSTREAM;
    }
}
