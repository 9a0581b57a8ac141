package io.scv.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.scv.config.EventsConfig;
import io.scv.config.SourceConfig;
import io.scv.config.SparkStrings;
import io.scv.standardize.DenyList;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Clickstream events (JSON lines) into one record per device, as the job's ingest does: events that do not parse,
 * lack the device id or hold unusable text are quarantined; per device (its trimmed id) the email and phone are the
 * most frequent value seen on identifying events (ties: the lowest, as Spark's deterministic {@code mode}) and the
 * email-platform record ids are all of them, sorted; generic values ({@code test@test.com}) never count. Every
 * device becomes a record, anonymous ones included.
 *
 * <p>Lines are read in chunks of {@value #CHUNK}; a chunk is parsed on all cores (Jackson's streaming parser, only
 * the columns the config reads), then added to the device profiles in file order on one thread.
 */
final class BaselineClickstream {
    private static final int CHUNK = 50_000;
    private static final JsonFactory JSON = new JsonFactory();

    /** One parsed event: its device, whether it identifies, and its identifier values (cleaned); null if rejected. */
    private record Event(String device, boolean identifying, String[] identifiers) {
    }

    private final SourceConfig source;
    private final DenyList deny;
    /** The columns the config reads; their values are screened. */
    private final List<String> columns;
    private final Map<String, Integer> columnIndex = new HashMap<>();
    private final int[] allColumns;
    private final int deviceColumn;
    private final int eventTypeColumn;
    /** Identifier fields (email, phone, esp_record_ids) and the column each is read from. */
    private final List<String> identifierFields;
    private final int[] identifierColumns;
    private final Map<String, DeviceProfile> devices = new LinkedHashMap<>();
    private long rejected;

    private BaselineClickstream(SourceConfig source, DenyList deny) {
        this.source = source;
        this.deny = deny;
        EventsConfig ev = source.events();
        this.columns = List.copyOf(source.columnsRead());
        this.allColumns = java.util.stream.IntStream.range(0, columns.size()).toArray();
        for (int i = 0; i < columns.size(); i++) {
            columnIndex.put(columns.get(i), i);
        }
        this.deviceColumn = columns.indexOf(source.idColumn());
        this.eventTypeColumn = columns.indexOf(ev.eventTypeColumn());
        this.identifierFields = List.copyOf(ev.identifiers().keySet());
        this.identifierColumns = identifierFields.stream().mapToInt(f -> columns.indexOf(ev.identifiers().get(f)))
                .toArray();
    }

    /** Adds one record per device to {@code out}; returns how many events were quarantined. */
    static long read(SourceConfig source, int sourceIndex, List<String> fields, DenyList deny,
                     List<BaselineRawRecord> out) {
        var reader = new BaselineClickstream(source, deny);
        reader.readEvents(Path.of(source.input().path()));
        reader.addRecords(sourceIndex, fields, out);
        return reader.rejected;
    }

    private void readEvents(Path path) {
        try (BufferedReader in = Files.newBufferedReader(path, BaselineCsv.charset(source.input().options()))) {
            var chunk = new ArrayList<String>(CHUNK);
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                chunk.add(line);
                if (chunk.size() == CHUNK) {
                    add(chunk);
                    chunk.clear();
                }
            }
            add(chunk);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private void add(List<String> lines) {
        Event[] events = lines.parallelStream().map(this::parse).toArray(Event[]::new);
        for (Event e : events) {
            if (e == null) {
                rejected++;
                continue;
            }
            var profile = devices.computeIfAbsent(e.device(), d -> new DeviceProfile(identifierFields.size()));
            if (e.identifying()) {
                profile.add(e.identifiers());
            }
        }
    }

    /** The event of one line, or null when ingest quarantines it. */
    private Event parse(String line) {
        String[] values = values(line);
        if (values == null || BaselineText.unusable(values, allColumns)) {
            return null;
        }
        String device = BaselineText.sparkTrim(values[deviceColumn]);
        if (device == null || device.isEmpty()) {
            return null;
        }
        String type = eventTypeColumn < 0 ? null : values[eventTypeColumn];
        boolean identifying = type != null && source.events().identifyingEvents().contains(type);
        String[] ids = new String[identifierColumns.length];
        if (identifying) {
            for (int i = 0; i < ids.length; i++) {
                ids[i] = identifierColumns[i] < 0 ? null
                        : deny.clean(BaselineText.sparkTrim(values[identifierColumns[i]]));
            }
        }
        return new Event(device, identifying, ids);
    }

    /**
     * The values of the columns read, as strings (numbers and booleans as written, like Spark's
     * {@code primitivesAsString}); null when the line is not a JSON object. A nested object or array is skipped.
     */
    private String[] values(String line) {
        String[] values = new String[columns.size()];
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                if (t != JsonToken.FIELD_NAME) {
                    return null;
                }
                Integer c = columnIndex.get(p.currentName());
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else if (c != null && v != JsonToken.VALUE_NULL) {
                    values[c] = p.getText();
                }
            }
            return values;
        } catch (IOException e) {
            return null;
        }
    }

    private void addRecords(int sourceIndex, List<String> fields, List<BaselineRawRecord> out) {
        int email = fields.indexOf("email");
        int phone = fields.indexOf("phone");
        for (var e : devices.entrySet()) {
            var values = new String[fields.size()];
            String[] esp = BaselineText.NO_VALUES;
            for (int i = 0; i < identifierFields.size(); i++) {
                switch (identifierFields.get(i)) {
                    case "esp_record_ids" -> esp = e.getValue().all(i);
                    case "email" -> values[email] = e.getValue().mostFrequent(i);
                    case "phone" -> values[phone] = e.getValue().mostFrequent(i);
                    default -> throw new IllegalStateException("unknown identifier " + identifierFields.get(i));
                }
            }
            out.add(new BaselineRawRecord(sourceIndex, e.getKey(), values, esp, new String[]{e.getKey()}));
        }
    }

    /** What one device's identifying events carried: per identifier, how often each value was seen. */
    private static final class DeviceProfile {
        /** Per identifier: the first value and its count, then a map once a second value appears. */
        private final String[] first;
        private final int[] firstCount;
        private final Map<String, Integer>[] counts;

        @SuppressWarnings("unchecked")
        DeviceProfile(int identifiers) {
            first = new String[identifiers];
            firstCount = new int[identifiers];
            counts = new Map[identifiers];
        }

        void add(String[] values) {
            for (int i = 0; i < values.length; i++) {
                String v = values[i];
                if (v == null) {
                    continue;
                }
                if (counts[i] != null) {
                    counts[i].merge(v, 1, Integer::sum);
                } else if (first[i] == null || first[i].equals(v)) {
                    first[i] = v;
                    firstCount[i]++;
                } else {
                    counts[i] = new HashMap<>();
                    counts[i].put(first[i], firstCount[i]);
                    counts[i].put(v, 1);
                }
            }
        }

        /** The most frequent value; of equally frequent ones the lowest. */
        String mostFrequent(int i) {
            if (counts[i] == null) {
                return first[i];
            }
            String best = null;
            int bestCount = 0;
            for (var e : counts[i].entrySet()) {
                if (e.getValue() > bestCount
                        || (e.getValue() == bestCount && SparkStrings.compare(e.getKey(), best) < 0)) {
                    best = e.getKey();
                    bestCount = e.getValue();
                }
            }
            return best;
        }

        /** Every value seen, sorted (Spark's {@code array_sort(collect_set(...))}). */
        String[] all(int i) {
            if (counts[i] == null) {
                return first[i] == null ? BaselineText.NO_VALUES : new String[]{first[i]};
            }
            Set<String> set = new HashSet<>(counts[i].keySet());
            return set.stream().sorted(SparkStrings::compare).toArray(String[]::new);
        }
    }
}
