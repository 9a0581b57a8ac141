package io.scv.bench;

import io.scv.compare.Comparators;
import io.scv.config.ComparisonLevel;
import io.scv.config.LevelMethod;
import io.scv.standardize.Nicknames;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * One comparison level's condition in plain Java, as {@code LevelConditions} writes it in Spark SQL, with SQL's
 * rule that a condition on a null value does not hold. Built-in methods work on any field of the right kind; a
 * {@code method: sql} level is recognised by its text (white space aside) and must be one of conf/scv.yaml's, which
 * are written here by hand. Anything else (another SQL text, a date difference on text, a numeric difference) is
 * refused, so the baseline is exact or says it cannot be.
 */
final class BaselineLevel {
    /** The condition bound to the records: does it hold for the pair (l, r), l the lower record key? */
    interface Test {
        boolean holds(int l, int r);
    }

    private final String label;
    private final double weight;
    private final Set<String> fields;
    private final Function<BaselineRecords, Test> binder;

    private BaselineLevel(String label, double weight, Set<String> fields, Function<BaselineRecords, Test> binder) {
        this.label = label;
        this.weight = weight;
        this.fields = fields;
        this.binder = binder;
    }

    String label() {
        return label;
    }

    double weight() {
        return weight;
    }

    /** The standardised fields the condition reads. */
    Set<String> fields() {
        return fields;
    }

    Test bind(BaselineRecords records) {
        return binder.apply(records);
    }

    static BaselineLevel of(ComparisonLevel level, String path, Set<String> extraFields) {
        if (level.method() == LevelMethod.SQL) {
            var known = KnownSql.SQL.get(normalized(level.sql()));
            if (known == null) {
                throw new BaselineUnsupportedConfig(path + ".sql", "the SQL level '" + level.sql() + "' is not one "
                        + "the baseline knows (those of conf/scv.yaml)");
            }
            return new BaselineLevel(level.label(), level.weight(), known.fields(), known.binder());
        }
        String f = level.field();
        var kind = level.method() == LevelMethod.ELSE || level.method() == LevelMethod.SWAPPED ? null
                : BaselineRecords.kindOf(f, extraFields);
        if (kind == null && level.method() != LevelMethod.ELSE && level.method() != LevelMethod.SWAPPED) {
            throw new BaselineUnsupportedConfig(path + ".field", "field '" + f + "' is not a standardised match field");
        }
        Set<String> fields = kind == null ? Set.of() : Set.of(f);
        double t = level.threshold() == null ? Double.NaN : level.threshold();
        Function<BaselineRecords, Test> binder = switch (level.method()) {
            case ELSE -> records -> (l, r) -> true;
            case SWAPPED -> {
                fields = new TreeSet<>(Set.of("first_name", "last_name"));
                yield records -> {
                    String[] first = records.text("first_name");
                    String[] last = records.text("last_name");
                    return (l, r) -> equal(first[l], last[r]) && equal(last[l], first[r]);
                };
            }
            case EXACT -> switch (kind) {
                case TEXT -> records -> {
                    String[] v = records.text(f);
                    return (l, r) -> equal(v[l], v[r]);
                };
                case DATE -> records -> {
                    int[] v = records.dates(f);
                    return (l, r) -> v[l] != BaselineRecords.NO_DATE && v[l] == v[r];
                };
                case LIST -> records -> {
                    String[][] v = records.lists(f);
                    return (l, r) -> Arrays.equals(v[l], v[r]);
                };
            };
            case ARRAY_OVERLAP -> {
                requireKind(kind, BaselineRecords.Kind.LIST, level, path);
                yield records -> {
                    String[][] v = records.lists(f);
                    return (l, r) -> overlap(v[l], v[r]);
                };
            }
            case NICKNAME -> text(kind, f, level, path, (a, b) -> Nicknames.areNicknames(a, b));
            case INITIAL -> text(kind, f, level, path, BaselineLevel::initial);
            case SOUNDEX -> text(kind, f, level, path,
                    (a, b) -> BaselineText.soundex(a).equals(BaselineText.soundex(b)));
            case JARO_WINKLER -> similarity(kind, f, level, path, t, Comparators::jaroWinkler);
            case LEVENSHTEIN -> similarity(kind, f, level, path, t, Comparators::levenshteinSimilarity);
            case JACCARD -> similarity(kind, f, level, path, t, Comparators::jaccard);
            case COSINE -> similarity(kind, f, level, path, t, Comparators::cosine);
            case DATE_DIFF_DAYS -> {
                requireKind(kind, BaselineRecords.Kind.DATE, level, path);
                yield records -> {
                    int[] v = records.dates(f);
                    return (l, r) -> v[l] != BaselineRecords.NO_DATE && v[r] != BaselineRecords.NO_DATE
                            && Math.abs((long) v[l] - v[r]) <= t;
                };
            }
            case NUMERIC_DIFF, SQL -> throw new BaselineUnsupportedConfig(path + ".method", "method '"
                    + level.method().configName() + "'");
        };
        return new BaselineLevel(level.label(), level.weight(), fields, binder);
    }

    /** A level on two text values, both present. */
    private static Function<BaselineRecords, Test> text(BaselineRecords.Kind kind, String f, ComparisonLevel level,
                                                        String path, BiPredicate<String, String> p) {
        requireKind(kind, BaselineRecords.Kind.TEXT, level, path);
        return records -> {
            String[] v = records.text(f);
            return (l, r) -> v[l] != null && v[r] != null && p.test(v[l], v[r]);
        };
    }

    /** A similarity of two present text values at least the threshold (null similarity: does not hold). */
    private static Function<BaselineRecords, Test> similarity(BaselineRecords.Kind kind, String f,
                                                              ComparisonLevel level, String path, double threshold,
                                                              BiFunction<String, String, Double> similarity) {
        requireKind(kind, BaselineRecords.Kind.TEXT, level, path);
        return records -> {
            String[] v = records.text(f);
            return (l, r) -> atLeast(similarity.apply(v[l], v[r]), threshold);
        };
    }

    private static boolean atLeast(Double similarity, double threshold) {
        return similarity != null && similarity >= threshold;
    }

    private static void requireKind(BaselineRecords.Kind kind, BaselineRecords.Kind expected, ComparisonLevel level,
                                    String path) {
        if (kind != expected) {
            throw new BaselineUnsupportedConfig(path + ".method", "method '" + level.method().configName() + "' on "
                    + kind.name().toLowerCase(Locale.ROOT) + " field '" + level.field() + "' (the baseline has it "
                    + "for " + expected.name().toLowerCase(Locale.ROOT) + " fields)");
        }
    }

    /** SQL {@code a = b}: true only when both are present and equal. */
    static boolean equal(String a, String b) {
        return a != null && a.equals(b);
    }

    /** Spark's {@code arrays_overlap} of arrays without null elements. */
    static boolean overlap(String[] a, String[] b) {
        for (String x : a) {
            for (String y : b) {
                if (x.equals(y)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One side is a single letter that starts the other. */
    private static boolean initial(String a, String b) {
        return (BaselineText.length(a) == 1 && BaselineText.substring(b, 1, 1).equals(a))
                || (BaselineText.length(b) == 1 && BaselineText.substring(a, 1, 1).equals(b));
    }

    /** The SQL text with runs of white space as one space, for recognising a known level. */
    static String normalized(String sql) {
        return sql == null ? "" : sql.trim().replaceAll("\\s+", " ");
    }

    /** A recognised SQL level: the fields it reads and its condition. */
    record Known(Set<String> fields, Function<BaselineRecords, Test> binder) {
    }

    /** The SQL levels of conf/scv.yaml, by their normalised text, each written out by hand. */
    private static final class KnownSql {
        static final Map<String, Known> SQL = Map.of(
                normalized("substring(l.first_name, 1, 2) = substring(r.first_name, 1, 2)"),
                new Known(Set.of("first_name"), records -> {
                    String[] v = records.text("first_name");
                    return (l, r) -> v[l] != null && v[r] != null
                            && BaselineText.substring(v[l], 1, 2).equals(BaselineText.substring(v[r], 1, 2));
                }),
                normalized("l.phone = r.phone AND (l.phone LIKE '+447%' OR l.phone LIKE '+3538%' OR l.phone LIKE "
                        + "'+614%' OR l.phone RLIKE '^[+]65[89]')"),
                new Known(Set.of("phone"), records -> {
                    String[] phone = records.text("phone");
                    return (l, r) -> equal(phone[l], phone[r]) && isMobile(phone[l]);
                }),
                normalized("l.street = r.street AND l.postcode = r.postcode AND l.phone = r.phone"),
                new Known(Set.of("street", "postcode", "phone"), records -> {
                    String[] street = records.text("street");
                    String[] postcode = records.text("postcode");
                    String[] phone = records.text("phone");
                    return (l, r) -> equal(street[l], street[r]) && equal(postcode[l], postcode[r])
                            && equal(phone[l], phone[r]);
                }),
                normalized("l.street = r.street AND l.postcode = r.postcode"),
                new Known(Set.of("street", "postcode"), records -> {
                    String[] street = records.text("street");
                    String[] postcode = records.text("postcode");
                    return (l, r) -> equal(street[l], street[r]) && equal(postcode[l], postcode[r]);
                }),
                normalized("l.postcode = r.postcode AND scv_jaro_winkler(l.street, r.street) >= 0.9"),
                new Known(Set.of("street", "postcode"), records -> {
                    String[] street = records.text("street");
                    String[] postcode = records.text("postcode");
                    return (l, r) -> equal(postcode[l], postcode[r])
                            && atLeast(Comparators.jaroWinkler(street[l], street[r]), 0.9);
                }),
                normalized("l.postcode = r.postcode"),
                new Known(Set.of("postcode"), records -> {
                    String[] postcode = records.text("postcode");
                    return (l, r) -> equal(postcode[l], postcode[r]);
                }),
                normalized("arrays_overlap(l.esp_record_ids, r.esp_record_ids) AND (l.source = 'crm' OR r.source = "
                        + "'crm') AND (l.email IS NULL OR r.email IS NULL OR scv_jaro_winkler(l.email, r.email) >= "
                        + "0.95)"),
                new Known(Set.of("esp_record_ids", "source", "email"), records -> {
                    String[][] esp = records.lists("esp_record_ids");
                    String[] source = records.text("source");
                    String[] email = records.text("email");
                    return (l, r) -> overlap(esp[l], esp[r]) && ("crm".equals(source[l]) || "crm".equals(source[r]))
                            && (email[l] == null || email[r] == null
                            || atLeast(Comparators.jaroWinkler(email[l], email[r]), 0.95));
                }),
                normalized("arrays_overlap(l.esp_record_ids, r.esp_record_ids) AND (l.source = 'crm' OR r.source = "
                        + "'crm')"),
                new Known(Set.of("esp_record_ids", "source"), records -> {
                    String[][] esp = records.lists("esp_record_ids");
                    String[] source = records.text("source");
                    return (l, r) -> overlap(esp[l], esp[r]) && ("crm".equals(source[l]) || "crm".equals(source[r]));
                }));

        /** {@code LIKE '+447%' OR LIKE '+3538%' OR LIKE '+614%' OR RLIKE '^[+]65[89]'}. */
        private static boolean isMobile(String phone) {
            return phone.startsWith("+447") || phone.startsWith("+3538") || phone.startsWith("+614")
                    || phone.startsWith("+658") || phone.startsWith("+659");
        }
    }
}
