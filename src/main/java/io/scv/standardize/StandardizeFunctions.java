package io.scv.standardize;

import io.scv.config.StandardizeSettings;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/**
 * Registers the standardisation functions as Spark SQL UDFs ({@code scv_*}), so stages and config expressions
 * can call them. Each wraps a static, null-safe, unit-tested function of this package.
 */
public final class StandardizeFunctions {
    private static final Map<String, String> COUNTRY_NAMES = Map.ofEntries(
            Map.entry("UK", "GB"), Map.entry("UNITED KINGDOM", "GB"), Map.entry("GREAT BRITAIN", "GB"),
            Map.entry("ENGLAND", "GB"), Map.entry("SCOTLAND", "GB"), Map.entry("WALES", "GB"),
            Map.entry("IRELAND", "IE"), Map.entry("SINGAPORE", "SG"), Map.entry("AUSTRALIA", "AU"),
            Map.entry("USA", "US"), Map.entry("UNITED STATES", "US"), Map.entry("GERMANY", "DE"),
            Map.entry("FRANCE", "FR"), Map.entry("NETHERLANDS", "NL"), Map.entry("NEW ZEALAND", "NZ"));

    private StandardizeFunctions() {
    }

    public static void register(SparkSession spark, StandardizeSettings settings) {
        var udf = spark.udf();
        var s = DataTypes.StringType;
        DenyList deny = DenyList.defaults().plus(settings.denyList());
        udf.register("scv_deny", (UDF1<String, String>) deny::clean, s);
        udf.register("scv_fold", (UDF1<String, String>) TextFold::fold, s);
        udf.register("scv_first_name", (UDF1<String, String>) NameStandardizer::firstName, s);
        udf.register("scv_last_name", (UDF1<String, String>) NameStandardizer::lastName, s);
        udf.register("scv_split_first", (UDF1<String, String>) v -> v == null ? null
                : NameStandardizer.splitFullName(v).first(), s);
        udf.register("scv_split_last", (UDF1<String, String>) v -> v == null ? null
                : NameStandardizer.splitFullName(v).last(), s);
        udf.register("scv_canonical_first", (UDF1<String, String>) NameStandardizer::canonicalFirstName, s);
        udf.register("scv_email", (UDF2<String, Boolean, String>) (v, provider) ->
                EmailStandardizer.normalize(v, provider != null && provider), s);
        udf.register("scv_email_domain", (UDF1<String, String>) EmailStandardizer::domain, s);
        udf.register("scv_email_kind", (UDF1<String, String>) EmailStandardizer::kind, s);
        udf.register("scv_phone", (UDF2<String, String, String>) StandardizeFunctions::phone, s);
        udf.register("scv_street", (UDF1<String, String>) StreetStandardizer::normalize, s);
        udf.register("scv_house_number", (UDF1<String, String>) StreetStandardizer::houseNumber, s);
        udf.register("scv_postcode", (UDF2<String, String, String>) PostcodeStandardizer::normalize, s);
        udf.register("scv_country", (UDF2<String, String, String>) StandardizeFunctions::country, s);
        udf.register("scv_gender", (UDF1<String, String>) StandardizeFunctions::gender, s);
        udf.register("scv_consent", (UDF1<String, String>) StandardizeFunctions::consent, s);
        udf.register("scv_to_date", (UDF2<String, Boolean, java.sql.Date>) (v, dayFirst) -> {
            LocalDate d = DateStandardizer.parse(v, dayFirst == null || dayFirst);
            return d == null ? null : java.sql.Date.valueOf(d);
        }, DataTypes.DateType);
    }

    /** E.164; a record whose country has no known calling code keeps only numbers written internationally. */
    public static String phone(String raw, String country) {
        String known = country != null && PhoneStandardizer.countryCallingCode(country) != null ? country : null;
        return PhoneStandardizer.toE164(raw, known);
    }

    /** ISO 3166 alpha-2 from a code or an English name; the source's default when blank; null when unreadable. */
    public static String country(String raw, String dflt) {
        String f = raw == null ? null : raw.trim().toUpperCase(Locale.ROOT).replaceAll("[^A-Z ]", "");
        if (f == null || f.isBlank()) {
            return dflt;
        }
        if (COUNTRY_NAMES.containsKey(f)) {
            return COUNTRY_NAMES.get(f);
        }
        return f.length() == 2 ? f : null;
    }

    public static String gender(String raw) {
        String f = TextFold.fold(raw);
        if (f == null) {
            return null;
        }
        return switch (f) {
            case "m", "male", "man" -> "m";
            case "f", "female", "woman" -> "f";
            default -> null;
        };
    }

    /** Y (given), N (refused or withdrawn) or null (unknown): unknown is never read as consent. */
    static String consent(String raw) {
        String f = TextFold.fold(raw);
        if (f == null) {
            return null;
        }
        return switch (f) {
            case "y", "yes", "true", "1", "opt in", "opted in", "granted" -> "Y";
            case "n", "no", "false", "0", "opt out", "opted out", "withdrawn", "denied" -> "N";
            default -> null;
        };
    }
}
