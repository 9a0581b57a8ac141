package io.scv.sample;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * One line of clickstream_events.jsonl. Identifier fields are null when the event type does not carry them and are
 * then left out of the JSON.
 */
record ClickEvent(String deviceId, Instant ts, String sessionId, String page, String eventType, String email,
                  String phone, String espRecordId) {

    String toJson() {
        var json = new StringBuilder("{");
        appendField(json, "device_id", deviceId);
        appendField(json, "ts", DateTimeFormatter.ISO_INSTANT.format(ts));
        appendField(json, "session_id", sessionId);
        appendField(json, "page", page);
        appendField(json, "event_type", eventType);
        appendField(json, "email", email);
        appendField(json, "phone", phone);
        appendField(json, "esp_record_id", espRecordId);
        return json.append('}').toString();
    }

    private static void appendField(StringBuilder json, String key, String value) {
        if (value == null) {
            return;
        }
        if (json.length() > 1) {
            json.append(',');
        }
        json.append('"').append(key).append("\":\"").append(escape(value)).append('"');
    }

    private static String escape(String value) {
        var escaped = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
