package io.scv.standardize;

import io.scv.config.CanonicalField;
import io.scv.config.ClusterSettings;
import io.scv.config.GoldenSettings;
import io.scv.config.ScvConfig;
import io.scv.ingest.Ingest;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.apache.spark.sql.functions.*;

/**
 * Turns canonical records into match values: folded names with nickname canonicals, canonical emails, E.164
 * phones, postcodes, streets with unified abbreviations, ISO dates; generic non-identifiers become null. The raw
 * values are kept in the {@code raw} struct for the golden record. Row-wise only: no shuffle. Uses the UDFs that
 * {@link StandardizeFunctions#register} installs.
 */
public final class Standardize {
    /** Fields whose raw (trimmed) value the golden record shows. */
    public static final List<String> DISPLAY_FIELDS = GoldenSettings.FIELDS;

    private Standardize() {
    }

    public static Dataset<Row> run(Dataset<Row> canonical, ScvConfig config) {
        checkCountries(config);
        var present = new LinkedHashSet<>(Arrays.asList(canonical.columns()));
        var cols = new ArrayList<Column>(List.of(col("record_key"), col("source"), col("source_id")));
        Column sourceCountry = defaultCountry(config);
        Column country = callUDF("scv_country", clean("country"), sourceCountry);
        // a country we cannot read is unknown, not the source's default; phones and postcodes still need one
        Column countryForParsing = coalesce(country, sourceCountry);
        Column first = callUDF("scv_first_name", coalesce(clean("first_name"),
                callUDF("scv_split_first", clean("full_name"))));
        Column last = callUDF("scv_last_name", coalesce(clean("last_name"),
                callUDF("scv_split_last", clean("full_name"))));
        boolean provider = config.standardize().emailProviderRules();
        Column email = callUDF("scv_email", clean("email"), lit(provider));
        cols.add(first.as("first_name"));
        cols.add(last.as("last_name"));
        cols.add((config.standardize().nicknames() ? callUDF("scv_canonical_first", first) : first)
                .as("first_name_canonical"));
        cols.add(concat_ws(" ", first, last).as("full_name"));
        cols.add(callUDF("scv_to_date", clean("dob"), lit(config.standardize().dayFirstDates())).as("dob"));
        cols.add(callUDF("scv_gender", clean("gender")).as("gender"));
        cols.add(email.as("email"));
        cols.add(callUDF("scv_email_domain", email).as("email_domain"));
        cols.add(callUDF("scv_email_kind", email).as(ClusterSettings.EMAIL_KIND));
        cols.add(callUDF("scv_phone", clean("phone"), countryForParsing).as("phone"));
        Column street = callUDF("scv_street", clean("street"));
        cols.add(street.as("street"));
        cols.add(callUDF("scv_house_number", street).as("house_number"));
        cols.add(callUDF("scv_fold", clean("city")).as("city"));
        cols.add(callUDF("scv_postcode", clean("postcode"), countryForParsing).as("postcode"));
        cols.add(country.as("country"));
        cols.add(callUDF("scv_fold", clean("company")).as("company"));
        cols.add(callUDF("scv_fold", clean("job_title")).as("job_title"));
        for (String arr : List.of("esp_record_ids", "device_ids")) {
            cols.add(array_sort(filter(col(arr), x -> callUDF("scv_deny", trim(x)).isNotNull()))
                    .as(arr));
        }
        boolean dayFirst = config.standardize().dayFirstDates();
        for (String consent : CanonicalField.consentColumns()) {
            cols.add(callUDF("scv_consent", col(consent)).as(consent));
            String statedAt = CanonicalField.consentTimeColumn(consent);
            cols.add(timestamp(col(statedAt), dayFirst).as(statedAt));
        }
        cols.add(timestamp(col("updated_at"), dayFirst).as("updated_at"));
        for (String extra : extraFields(present)) {
            cols.add(callUDF("scv_fold", clean(extra)).as(extra));
        }
        Ingest.ACTIVITY.forEach(a -> cols.add(col(a)));
        cols.add(struct(DISPLAY_FIELDS.stream().map(f -> displayValue(f).as(f)).toArray(Column[]::new)).as("raw"));
        return canonical.select(cols.toArray(Column[]::new));
    }

    /**
     * Phone numbers need a calling code for each default country; a wrong one would silently drop phones.
     * Needs no Spark: the CLI's validate calls it too.
     */
    public static void checkCountries(ScvConfig config) {
        var problems = new io.scv.config.Problems();
        if (PhoneStandardizer.countryCallingCode(config.run().defaultCountry()) == null) {
            problems.add("run.default_country", "no calling code known for '" + config.run().defaultCountry()
                    + "'; use an ISO 3166 alpha-2 code such as GB, IE, US, AU, SG");
        }
        for (int i = 0; i < config.sources().size(); i++) {
            String c = config.sources().get(i).defaultCountry();
            if (PhoneStandardizer.countryCallingCode(c) == null) {
                problems.add("sources[" + i + "].default_country", "no calling code known for '" + c + "'");
            }
        }
        problems.throwIfAny();
    }

    /**
     * A timestamp as {@code updated_at} is read: an ISO timestamp, else a date in any format {@code scv_to_date}
     * knows, at midnight. Retention reads record ages with it too, so that it ages records by the same time the
     * job shows. Null when unreadable.
     */
    public static Column timestamp(Column value, boolean dayFirst) {
        Column text = value.cast("string");
        return coalesce(try_to_timestamp(text), to_timestamp(callUDF("scv_to_date", text, lit(dayFirst))));
    }

    /** Mapped fields that are not canonical: carried as folded text for blocking and comparisons. */
    public static List<String> extraFields(Set<String> columns) {
        var known = new LinkedHashSet<String>(List.of("record_key", "source", "source_id"));
        Arrays.stream(CanonicalField.values()).map(CanonicalField::column).forEach(known::add);
        known.addAll(Ingest.ACTIVITY);
        return columns.stream().filter(c -> !known.contains(c)).toList();
    }

    private static Column displayValue(String field) {
        if (field.equals("first_name") || field.equals("last_name")) {
            return coalesce(clean(field), callUDF("scv_split_" + (field.equals("first_name") ? "first" : "last"),
                    clean("full_name")));
        }
        return clean(field);
    }

    private static Column clean(String field) {
        return callUDF("scv_deny", trim(col(field)));
    }

    private static Column defaultCountry(ScvConfig config) {
        Column c = lit(config.run().defaultCountry());
        for (var s : config.sources()) {
            c = when(col("source").equalTo(s.name()), lit(s.defaultCountry())).otherwise(c);
        }
        return c;
    }
}
