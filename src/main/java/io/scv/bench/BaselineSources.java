package io.scv.bench;

import io.scv.config.CanonicalField;
import io.scv.config.FieldMapping;
import io.scv.config.ScvConfig;
import io.scv.config.SourceConfig;
import io.scv.config.SparkStrings;
import io.scv.ingest.Ingest;
import io.scv.standardize.DenyList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The baseline's read stage: every configured source onto raw records, as the job's {@code Ingest} does. A CRM, ERP
 * or generic source is a CSV file, one record per row; a clickstream source is JSON lines of events, one record per
 * device ({@link BaselineClickstream}). Rows the job quarantines are counted and left out with the same tests:
 * malformed, no id, text with U+FFFD or longer than {@value Ingest#MAX_VALUE_LENGTH} characters in a column the config
 * reads, and all but one row of a duplicated id (the one whose row, as JSON, sorts first, as the job keeps).
 *
 * <p>ERP orders are not read: they only feed the golden record's aggregates, never matching. One thread per file;
 * event lines are parsed on all cores.
 */
final class BaselineSources {
    private static final Logger LOG = LoggerFactory.getLogger(BaselineSources.class);

    private BaselineSources() {
    }

    /** Fails before any reading when a source needs something the baseline does not reproduce. */
    static void check(ScvConfig config) {
        for (int i = 0; i < config.sources().size(); i++) {
            SourceConfig s = config.sources().get(i);
            String p = "sources[" + i + "]";
            String expected = s.kind().isEventStream() ? "json" : "csv";
            if (!s.input().format().equals(expected)) {
                throw new BaselineUnsupportedConfig(p + ".format", "a " + s.kind().name().toLowerCase(Locale.ROOT)
                        + " source in format '" + s.input().format() + "' (the baseline reads " + expected + ")");
            }
            String option = s.kind().isEventStream() ? jsonOption(s.input().options())
                    : BaselineCsv.unsupported(s.input().options());
            if (option != null) {
                throw new BaselineUnsupportedConfig(p + ".options", "reader option '" + option + "'");
            }
            if (s.retention() != null) {
                throw new BaselineUnsupportedConfig(p + ".retention_days", "retention (records expire relative to "
                        + "the run's start time)");
            }
            for (var e : s.columns().entrySet()) {
                if (e.getValue().isExpression()) {
                    throw new BaselineUnsupportedConfig(p + ".columns." + e.getKey(), "a mapping expression ('"
                            + e.getValue().expr() + "')");
                }
            }
        }
    }

    static BaselineInput read(ScvConfig config) {
        var fields = rawFields(config);
        var deny = DenyList.defaults().plus(config.standardize().denyList());
        var records = new ArrayList<BaselineRawRecord>();
        long quarantined = 0;
        for (int i = 0; i < config.sources().size(); i++) {
            SourceConfig source = config.sources().get(i);
            long start = System.nanoTime();
            int before = records.size();
            long rejected = source.kind().isEventStream()
                    ? BaselineClickstream.read(source, i, fields, deny, records)
                    : readRecords(source, i, fields, records);
            quarantined += rejected;
            LOG.info("baseline read {}: {} records, {} rows quarantined in {} s", source.name(),
                    records.size() - before, rejected, seconds(start));
        }
        return new BaselineInput(fields, records, quarantined);
    }

    /**
     * The raw text slots: every canonical field that is not a list (in declaration order), then the extra fields
     * sources map, in the order they first appear.
     */
    static List<String> rawFields(ScvConfig config) {
        var out = new LinkedHashSet<String>();
        for (CanonicalField f : CanonicalField.values()) {
            if (!f.isArray()) {
                out.add(f.column());
            }
        }
        for (SourceConfig s : config.sources()) {
            out.addAll(new TreeSet<>(s.columns().keySet()));
        }
        for (CanonicalField f : CanonicalField.values()) {
            if (f.isArray()) {
                out.remove(f.column());
            }
        }
        return List.copyOf(out);
    }

    /** Fields mapped by a source that are not canonical: carried as folded text. */
    static Set<String> extraFields(ScvConfig config) {
        var out = new LinkedHashSet<String>();
        for (SourceConfig s : config.sources()) {
            for (String f : s.columns().keySet()) {
                if (CanonicalField.byColumn(f).isEmpty()) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /** A CSV of one record per row; returns how many rows were quarantined. */
    private static long readRecords(SourceConfig source, int sourceIndex, List<String> fields,
                                    List<BaselineRawRecord> out) {
        try (var csv = BaselineCsv.open(Path.of(source.input().path()), source.input().options())) {
            String[] header = csv.header();
            int id = column(header, source.idColumn(), source, "id_column");
            int[] slotColumn = new int[fields.size()];
            Arrays.fill(slotColumn, -1);
            int esp = -1;
            int devices = -1;
            for (Map.Entry<String, FieldMapping> e : source.columns().entrySet()) {
                int c = column(header, e.getValue().column(), source, "columns." + e.getKey());
                switch (e.getKey()) {
                    case "esp_record_ids" -> esp = c;
                    case "device_ids" -> devices = c;
                    default -> slotColumn[fields.indexOf(e.getKey())] = c;
                }
            }
            int[] textColumns = source.columnsRead().stream().mapToInt(c -> Arrays.asList(header).indexOf(c))
                    .filter(c -> c >= 0).toArray();
            var kept = new HashMap<String, String[]>();
            var order = new ArrayList<String>();
            long rejected = 0;
            BaselineCsv.Row row;
            while ((row = csv.next()) != null) {
                String[] f = row.fields();
                String key = row.malformed() ? null : BaselineText.sparkTrim(f[id]);
                if (key == null || key.isEmpty() || BaselineText.unusable(f, textColumns)) {
                    rejected++;
                    continue;
                }
                String[] previous = kept.putIfAbsent(key, f);
                if (previous == null) {
                    order.add(key);
                } else {
                    rejected++;
                    if (SparkStrings.compare(rowJson(header, f), rowJson(header, previous)) < 0) {
                        kept.put(key, f);
                    }
                }
            }
            for (String key : order) {
                String[] f = kept.get(key);
                var values = new String[fields.size()];
                for (int s = 0; s < values.length; s++) {
                    values[s] = slotColumn[s] < 0 ? null : f[slotColumn[s]];
                }
                out.add(new BaselineRawRecord(sourceIndex, key, values, list(f, esp), list(f, devices)));
            }
            return rejected;
        }
    }

    /** A list field mapped from one column: the trimmed value, or none when it is empty. */
    private static String[] list(String[] row, int column) {
        String v = column < 0 ? null : BaselineText.sparkTrim(row[column]);
        return v == null || v.isEmpty() ? BaselineText.NO_VALUES : new String[]{v};
    }

    /**
     * The whole row as Spark's {@code to_json} writes it (null values left out), which orders the duplicates of an
     * id: the job keeps the first.
     */
    private static String rowJson(String[] header, String[] row) {
        var sb = new StringBuilder("{");
        for (int i = 0; i < header.length; i++) {
            if (row[i] == null || header[i].startsWith("_")) {
                continue;
            }
            if (sb.length() > 1) {
                sb.append(',');
            }
            BaselineText.appendJsonString(sb, header[i]);
            sb.append(':');
            BaselineText.appendJsonString(sb, row[i]);
        }
        return sb.append('}').toString();
    }

    private static int column(String[] header, String name, SourceConfig source, String key) {
        int c = Arrays.asList(header).indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException("sources[" + source.name() + "]." + key + ": column '" + name
                    + "' not found in " + source.input().path() + "; columns there: " + Arrays.toString(header));
        }
        return c;
    }

    private static String jsonOption(Map<String, String> options) {
        for (var e : options.entrySet()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            if (!k.equals("encoding") && !k.equals("charset")) {
                return e.getKey();
            }
        }
        return null;
    }

    static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0;
    }
}
