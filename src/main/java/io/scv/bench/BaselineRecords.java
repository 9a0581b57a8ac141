package io.scv.bench;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Standardised records, column by column: one array per field, indexed by record (0..size-1). Text fields are
 * strings, dates are epoch days ({@link #NO_DATE} when null), list fields are string arrays (empty, never null).
 * Only the fields that blocking and scoring read are filled; asking for another is a bug and fails.
 */
final class BaselineRecords {
    static final int NO_DATE = Integer.MIN_VALUE;

    /** How a standardised field is held. */
    enum Kind { TEXT, DATE, LIST }

    /** The standardised fields the job's records carry that matching may read, besides extra mapped fields. */
    static final List<String> TEXT_FIELDS = List.of("record_key", "source", "source_id", "first_name", "last_name",
            "first_name_canonical", "full_name", "gender", "email", "email_domain", "email_kind", "phone", "street",
            "house_number", "city", "postcode", "country", "company", "job_title");
    static final List<String> DATE_FIELDS = List.of("dob");
    static final List<String> LIST_FIELDS = List.of("esp_record_ids", "device_ids");

    private final int size;
    private final List<String> sources;
    private final int[] sourceOf;
    private final Map<String, String[]> text;
    private final Map<String, int[]> dates;
    private final Map<String, String[][]> lists;

    BaselineRecords(int size, List<String> sources, int[] sourceOf, Map<String, String[]> text,
                    Map<String, int[]> dates, Map<String, String[][]> lists) {
        this.size = size;
        this.sources = List.copyOf(sources);
        this.sourceOf = sourceOf;
        this.text = Map.copyOf(text);
        this.dates = Map.copyOf(dates);
        this.lists = Map.copyOf(lists);
    }

    /** The kind of a field, or null when records have no such field. */
    static Kind kindOf(String field, Set<String> extraFields) {
        if (DATE_FIELDS.contains(field)) {
            return Kind.DATE;
        }
        if (LIST_FIELDS.contains(field)) {
            return Kind.LIST;
        }
        return TEXT_FIELDS.contains(field) || extraFields.contains(field) ? Kind.TEXT : null;
    }

    int size() {
        return size;
    }

    /** Source names in config order; {@code text("source")} holds these same strings. */
    List<String> sources() {
        return sources;
    }

    /** Per record, the index of its source in {@link #sources()}. */
    int[] sourceOf() {
        return sourceOf;
    }

    String[] text(String field) {
        return require(text.get(field), field);
    }

    int[] dates(String field) {
        return require(dates.get(field), field);
    }

    String[][] lists(String field) {
        return require(lists.get(field), field);
    }

    private static <T> T require(T column, String field) {
        if (column == null) {
            throw new IllegalStateException("field " + field + " was not standardised: nothing declared it needed");
        }
        return column;
    }
}
