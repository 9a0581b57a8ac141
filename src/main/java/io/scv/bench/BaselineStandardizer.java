package io.scv.bench;

import io.scv.config.ScvConfig;
import io.scv.config.SourceConfig;
import io.scv.config.SparkStrings;
import io.scv.standardize.DateStandardizer;
import io.scv.standardize.DenyList;
import io.scv.standardize.EmailStandardizer;
import io.scv.standardize.NameParts;
import io.scv.standardize.NameStandardizer;
import io.scv.standardize.PostcodeStandardizer;
import io.scv.standardize.StandardizeFunctions;
import io.scv.standardize.StreetStandardizer;
import io.scv.standardize.TextFold;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The baseline's standardise stage: raw records into match values with the very functions the job's UDFs wrap
 * ({@code io.scv.standardize}), composed as {@code Standardize.run} composes them. Every value is first cleaned as the
 * job cleans it (Spark's {@code trim}, then the deny list); names fall back to the split full name; phones and
 * postcodes are read with the record's country, else its source's default. Only the fields matching reads are
 * computed (the job also prepares golden-record fields: consent, timestamps, display values). Records are
 * independent: one parallel pass over all cores.
 */
final class BaselineStandardizer {
    private final ScvConfig config;
    private final BaselineInput input;
    private final Set<String> needed;
    private final DenyList deny;
    private final String[] sourceNames;
    private final String[] sourceCountries;
    private final Map<String, Integer> slots = new HashMap<>();
    private final List<String> extras;

    private final Map<String, String[]> text = new HashMap<>();
    private final Map<String, int[]> dates = new HashMap<>();
    private final Map<String, String[][]> lists = new HashMap<>();

    private BaselineStandardizer(ScvConfig config, BaselineInput input, Set<String> needed) {
        this.config = config;
        this.input = input;
        this.needed = needed;
        this.deny = DenyList.defaults().plus(config.standardize().denyList());
        this.sourceNames = config.sources().stream().map(SourceConfig::name).toArray(String[]::new);
        this.sourceCountries = config.sources().stream().map(SourceConfig::defaultCountry).toArray(String[]::new);
        for (int i = 0; i < input.fields().size(); i++) {
            slots.put(input.fields().get(i), i);
        }
        this.extras = List.copyOf(BaselineSources.extraFields(config));
    }

    /** @param needed the standardised fields blocking and scoring read */
    static BaselineRecords run(ScvConfig config, BaselineInput input, Set<String> needed) {
        return new BaselineStandardizer(config, input, needed).run();
    }

    private BaselineRecords run() {
        int n = input.records().size();
        for (String f : needed) {
            switch (BaselineRecords.kindOf(f, Set.copyOf(extras))) {
                case DATE -> dates.put(f, new int[n]);
                case LIST -> lists.put(f, new String[n][]);
                case TEXT -> text.put(f, new String[n]);
            }
        }
        text.putIfAbsent("record_key", new String[n]);
        text.putIfAbsent("source", new String[n]);
        IntStream.range(0, n).parallel().forEach(this::standardize);
        int[] sourceOf = input.records().stream().mapToInt(BaselineRawRecord::source).toArray();
        return new BaselineRecords(n, Arrays.asList(sourceNames), sourceOf, text, dates, lists);
    }

    private void standardize(int i) {
        BaselineRawRecord raw = input.records().get(i);
        String source = sourceNames[raw.source()];
        put("record_key", i, source + ":" + raw.sourceId());
        put("source", i, source);
        put("source_id", i, raw.sourceId());
        names(i, raw);
        if (needed.contains("dob")) {
            LocalDate d = DateStandardizer.parse(clean(raw, "dob"), config.standardize().dayFirstDates());
            dates.get("dob")[i] = d == null ? BaselineRecords.NO_DATE : (int) d.toEpochDay();
        }
        put("gender", i, () -> StandardizeFunctions.gender(clean(raw, "gender")));
        if (needed.contains("email") || needed.contains("email_domain") || needed.contains("email_kind")) {
            String email = EmailStandardizer.normalize(clean(raw, "email"),
                    config.standardize().emailProviderRules());
            put("email", i, email);
            put("email_domain", i, () -> EmailStandardizer.domain(email));
            put("email_kind", i, () -> EmailStandardizer.kind(email));
        }
        String defaultCountry = sourceCountries[raw.source()];
        String country = needed.contains("country") || needed.contains("phone") || needed.contains("postcode")
                ? StandardizeFunctions.country(clean(raw, "country"), defaultCountry) : null;
        // a country we cannot read is unknown, not the source's default; phones and postcodes still need one
        String countryForParsing = country != null ? country : defaultCountry;
        put("country", i, country);
        put("phone", i, () -> StandardizeFunctions.phone(clean(raw, "phone"), countryForParsing));
        if (needed.contains("street") || needed.contains("house_number")) {
            String street = StreetStandardizer.normalize(clean(raw, "street"));
            put("street", i, street);
            put("house_number", i, () -> StreetStandardizer.houseNumber(street));
        }
        put("postcode", i, () -> PostcodeStandardizer.normalize(clean(raw, "postcode"), countryForParsing));
        for (String folded : List.of("city", "company", "job_title")) {
            put(folded, i, () -> TextFold.fold(clean(raw, folded)));
        }
        for (String extra : extras) {
            put(extra, i, () -> TextFold.fold(clean(raw, extra)));
        }
        if (lists.containsKey("esp_record_ids")) {
            lists.get("esp_record_ids")[i] = identifiers(raw.espRecordIds());
        }
        if (lists.containsKey("device_ids")) {
            lists.get("device_ids")[i] = identifiers(raw.deviceIds());
        }
    }

    /** First and last name from their own fields, else from the full name; the canonical first name; both. */
    private void names(int i, BaselineRawRecord raw) {
        if (!needed.contains("first_name") && !needed.contains("last_name")
                && !needed.contains("first_name_canonical") && !needed.contains("full_name")) {
            return;
        }
        String fullName = clean(raw, "full_name");
        NameParts split = fullName == null ? null : NameStandardizer.splitFullName(fullName);
        String firstRaw = clean(raw, "first_name");
        String lastRaw = clean(raw, "last_name");
        String first = NameStandardizer.firstName(firstRaw != null ? firstRaw : split == null ? null : split.first());
        String last = NameStandardizer.lastName(lastRaw != null ? lastRaw : split == null ? null : split.last());
        put("first_name", i, first);
        put("last_name", i, last);
        put("first_name_canonical", i, () -> config.standardize().nicknames()
                ? NameStandardizer.canonicalFirstName(first) : first);
        // concat_ws skips nulls: no name at all is the empty string, not null
        put("full_name", i, () -> first == null ? (last == null ? "" : last)
                : last == null ? first : first + " " + last);
    }

    /** The job's filter and sort of a list field: values the deny list keeps, as they are, in string order. */
    private String[] identifiers(String[] values) {
        if (values.length == 0) {
            return values;
        }
        return Arrays.stream(values).filter(v -> deny.clean(BaselineText.sparkTrim(v)) != null)
                .sorted(SparkStrings::compare).toArray(String[]::new);
    }

    /** {@code scv_deny(trim(value))}: the raw value trimmed of spaces, null when blank or generic. */
    private String clean(BaselineRawRecord raw, String field) {
        Integer slot = slots.get(field);
        return slot == null ? null : deny.clean(BaselineText.sparkTrim(raw.values()[slot]));
    }

    private void put(String field, int i, String value) {
        String[] column = text.get(field);
        if (column != null) {
            column[i] = value;
        }
    }

    /** Computes the value only when the field is needed. */
    private void put(String field, int i, java.util.function.Supplier<String> value) {
        String[] column = text.get(field);
        if (column != null) {
            column[i] = value.get();
        }
    }
}
