package io.scv.sample;

import static io.scv.sample.RandomStreams.chance;
import static io.scv.sample.RandomStreams.oneOf;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Applies record-level dirt to a {@link RecordDraft}: each kind is drawn at its rate and, when drawn, changes one
 * field it applies to. Kinds run in a fixed order (name changes before typos, blanking and junk last) so a typo
 * can land in a nickname but never in a value that was already blanked.
 */
final class RecordDirt {
    /** Generic placeholders real systems accumulate when a field was mandatory but unknown. */
    static final List<String> JUNK_EMAILS = List.of("test@test.com", "noemail@none.com", "N/A");
    static final List<String> JUNK_PHONES = List.of("0000000000", "123456", "N/A");
    static final List<String> JUNK_TEXT = List.of("N/A", "unknown");

    private static final List<DirtKind> ORDER = List.of(DirtKind.NICKNAME, DirtKind.INITIAL_ONLY,
            DirtKind.SWAPPED_NAMES, DirtKind.STREET_ABBREVIATION, DirtKind.PHONE_FORMAT, DirtKind.EMAIL_VARIANT,
            DirtKind.TYPO, DirtKind.CASE_AND_SPACING, DirtKind.MISSING_FIELD, DirtKind.JUNK_VALUE);
    /** What makes a duplicate record differ from the first one besides its id. */
    private static final List<DirtKind> DUPLICATE_DIFFERENCES = List.of(DirtKind.TYPO, DirtKind.NICKNAME,
            DirtKind.CASE_AND_SPACING, DirtKind.PHONE_FORMAT, DirtKind.EMAIL_VARIANT, DirtKind.MISSING_FIELD,
            DirtKind.STREET_ABBREVIATION);

    private final DirtRates rates;
    private final SampleVocabulary vocabulary;
    private final SplittableRandom random;
    private final Map<DirtKind, Predicate<RecordDraft>> appliers = new EnumMap<>(DirtKind.class);

    RecordDirt(DirtRates rates, SampleVocabulary vocabulary, SplittableRandom random) {
        this.rates = rates;
        this.vocabulary = vocabulary;
        this.random = random;
        appliers.put(DirtKind.NICKNAME, this::nickname);
        appliers.put(DirtKind.INITIAL_ONLY, this::initialOnly);
        appliers.put(DirtKind.SWAPPED_NAMES, this::swappedNames);
        appliers.put(DirtKind.STREET_ABBREVIATION, this::streetAbbreviation);
        appliers.put(DirtKind.PHONE_FORMAT, this::phoneFormat);
        appliers.put(DirtKind.EMAIL_VARIANT, this::emailVariant);
        appliers.put(DirtKind.TYPO, this::typo);
        appliers.put(DirtKind.CASE_AND_SPACING, this::caseAndSpacing);
        appliers.put(DirtKind.MISSING_FIELD, this::missingField);
        appliers.put(DirtKind.JUNK_VALUE, this::junkValue);
    }

    /** Draws every record-level kind at its rate. */
    /**
     * Soils one record's draft (a duplicate gets the duplicate's extra dirt) and returns every dirt kind the record
     * carries, including the person's move or marriage when {@code source} is the one that missed it.
     */
    EnumSet<DirtKind> soilRecord(RecordDraft draft, Person person, Source source, boolean duplicate) {
        if (duplicate) {
            soilDuplicate(draft);
        } else {
            soil(draft);
        }
        var dirtKinds = EnumSet.noneOf(DirtKind.class);
        dirtKinds.addAll(draft.appliedDirt());
        if (person.staleSource() == source) {
            dirtKinds.addAll(person.populationDirt().stream()
                    .filter(k -> k == DirtKind.MOVED || k == DirtKind.SURNAME_CHANGE).toList());
        }
        return dirtKinds;
    }

    /** Re-renders a duplicate until some identity field differs; the first record's own dirt may coincide. */
    static <T> T duplicateDifferentFrom(T first, Supplier<T> render, Function<T, List<String>> identity) {
        T duplicate;
        int attempts = 0;
        do {
            duplicate = render.get();
        } while (identity.apply(duplicate).equals(identity.apply(first)) && ++attempts < 10);
        return duplicate;
    }

    void soil(RecordDraft draft) {
        for (DirtKind kind : ORDER) {
            if (chance(random, rates.rateOf(kind))) {
                apply(kind, draft);
            }
        }
    }

    /**
     * For the second record of a duplicated person: guarantees at least one visible difference (unless the
     * duplicate rate is the only dirt asked for, then the copy stays exact but for its id), then draws as usual.
     */
    void soilDuplicate(RecordDraft draft) {
        draft.recordDirt(DirtKind.DUPLICATE_IN_SOURCE);
        var kinds = new ArrayList<>(DUPLICATE_DIFFERENCES);
        kinds.removeIf(kind -> rates.rateOf(kind) == 0);
        while (!kinds.isEmpty() && !apply(kinds.remove(random.nextInt(kinds.size())), draft)) {
            // the drawn kind did not apply to this record (e.g. no nickname for the name); try another
        }
        soil(draft);
    }

    private boolean apply(DirtKind kind, RecordDraft draft) {
        boolean applied = appliers.get(kind).test(draft);
        if (applied) {
            draft.recordDirt(kind);
        }
        return applied;
    }

    private boolean nickname(RecordDraft d) {
        if (d.filled(Field.FIRST_NAME).isEmpty()) {
            return false;
        }
        var nickname = vocabulary.nickname(d.get(Field.FIRST_NAME), random);
        nickname.ifPresent(n -> d.set(Field.FIRST_NAME, n));
        return nickname.isPresent();
    }

    private boolean initialOnly(RecordDraft d) {
        String first = d.get(Field.FIRST_NAME);
        if (d.filled(Field.FIRST_NAME).isEmpty() || first.length() < 2) {
            return false;
        }
        d.set(Field.FIRST_NAME, first.charAt(0) + (chance(random, 0.7) ? "." : ""));
        return true;
    }

    private boolean swappedNames(RecordDraft d) {
        if (d.filled(Field.FIRST_NAME, Field.LAST_NAME).size() < 2) {
            return false;
        }
        String first = d.get(Field.FIRST_NAME);
        d.set(Field.FIRST_NAME, d.get(Field.LAST_NAME));
        d.set(Field.LAST_NAME, first);
        return true;
    }

    private boolean streetAbbreviation(RecordDraft d) {
        StreetType type = d.address() == null ? null : d.address().streetType();
        String street = d.get(Field.STREET);
        if (type == null || !type.hasAbbreviation() || d.filled(Field.STREET).isEmpty()
                || !street.endsWith(" " + type.name())) {
            return false;
        }
        String abbreviation = type.abbreviation() + (chance(random, 0.25) ? "." : "");
        d.set(Field.STREET, street.substring(0, street.length() - type.name().length()) + abbreviation);
        return true;
    }

    private boolean phoneFormat(RecordDraft d) {
        if (d.phone() == null || d.filled(Field.PHONE).isEmpty()) {
            return false;
        }
        PhoneFormat format;
        do {
            format = oneOf(random, PhoneFormat.values());
        } while (format == d.cleanPhoneFormat());
        d.set(Field.PHONE, d.phone().format(format));
        return true;
    }

    private boolean emailVariant(RecordDraft d) {
        if (d.filled(Field.EMAIL).isEmpty() || !d.get(Field.EMAIL).contains("@")) {
            return false;
        }
        d.set(Field.EMAIL, emailVariantOf(d.get(Field.EMAIL)));
        return true;
    }

    /** Another spelling of the same mailbox: case, a +tag, or Gmail's ignored dots and googlemail domain. */
    String emailVariantOf(String email) {
        int at = email.indexOf('@');
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        var variants = new ArrayList<UnaryOperator<String>>();
        variants.add(e -> e.toUpperCase(Locale.ROOT));
        variants.add(e -> capitalise(local) + "@" + domain);
        variants.add(e -> local + "+" + oneOf(random, "shop", "news", "offers", "2024") + "@" + domain);
        if (domain.equals("gmail.com")) {
            variants.add(e -> local.contains(".") ? local.replace(".", "") + "@" + domain
                    : local.charAt(0) + "." + local.substring(1) + "@" + domain);
            variants.add(e -> local + "@googlemail.com");
        }
        return oneOf(random, variants).apply(email);
    }

    private boolean typo(RecordDraft d) {
        var fields = d.filled(Field.FIRST_NAME, Field.LAST_NAME, Field.STREET, Field.EMAIL);
        fields.removeIf(f -> f == Field.EMAIL ? d.get(f).indexOf('@') < 3 : d.get(f).length() < 3);
        if (fields.isEmpty()) {
            return false;
        }
        Field field = oneOf(random, fields);
        String value = d.get(field);
        if (field == Field.EMAIL) {
            int at = value.indexOf('@');
            d.set(field, typoIn(value.substring(0, at)) + value.substring(at));
        } else {
            d.set(field, typoIn(value));
        }
        return true;
    }

    /** One keystroke wrong, never in the first character (people rarely get that wrong). */
    String typoIn(String value) {
        int position = 1 + random.nextInt(value.length() - 1);
        char letter = (char) ('a' + random.nextInt(26));
        var text = new StringBuilder(value);
        switch (random.nextInt(4)) {
            case 0 -> text.insert(position, letter);
            case 1 -> text.deleteCharAt(position);
            case 2 -> text.setCharAt(position, letter == text.charAt(position) ? (char) ('a' + (letter - 'a' + 1) % 26)
                    : letter);
            default -> {
                char previous = text.charAt(position - 1);
                if (previous == text.charAt(position)) {
                    text.insert(position, letter);
                } else {
                    text.setCharAt(position - 1, text.charAt(position));
                    text.setCharAt(position, previous);
                }
            }
        }
        return text.toString();
    }

    private boolean caseAndSpacing(RecordDraft d) {
        var fields = d.filled(Field.FIRST_NAME, Field.LAST_NAME, Field.STREET, Field.CITY, Field.POSTCODE,
                Field.COUNTRY);
        if (fields.isEmpty()) {
            return false;
        }
        Field field = oneOf(random, fields);
        String value = d.get(field);
        d.set(field, switch (field) {
            case POSTCODE -> oneOf(random, value.toLowerCase(Locale.ROOT), value.replace(" ", ""),
                    value.toLowerCase(Locale.ROOT).replace(" ", ""), value.replace(" ", "  "));
            case COUNTRY -> value.equals("GB") ? oneOf(random, "UK", "United Kingdom", "gb", "U.K.", "England")
                    : value.toLowerCase(Locale.ROOT);
            default -> textVariant(value);
        });
        return true;
    }

    /** "O'Brien" → "O'BRIEN", "o'brien", "O BRIEN", "O'Brien  ", "O'Brien." … */
    private String textVariant(String value) {
        var variants = new ArrayList<UnaryOperator<String>>();
        variants.add(v -> v.toUpperCase(Locale.ROOT));
        variants.add(v -> v.toLowerCase(Locale.ROOT));
        variants.add(v -> v.contains(" ") ? v.replaceFirst(" ", "  ") : v + "  ");
        variants.add(v -> v + ".");
        if (value.contains("'") || value.contains("-")) {
            variants.add(v -> v.replace("'", " ").replace("-", " ").toUpperCase(Locale.ROOT));
            variants.add(v -> v.replace("'", "").replace("-", ""));
        }
        return oneOf(random, variants).apply(value);
    }

    private boolean missingField(RecordDraft d) {
        var fields = d.filled(Field.FIRST_NAME, Field.DOB, Field.GENDER, Field.EMAIL, Field.PHONE, Field.STREET,
                Field.CITY, Field.POSTCODE);
        if (fields.isEmpty()) {
            return false;
        }
        d.set(oneOf(random, fields), "");
        return true;
    }

    private boolean junkValue(RecordDraft d) {
        // email and phone are listed twice: placeholders turn up there twice as often as in address fields
        var fields = d.filled(Field.EMAIL, Field.PHONE, Field.EMAIL, Field.PHONE, Field.STREET, Field.POSTCODE);
        if (fields.isEmpty()) {
            return false;
        }
        Field field = oneOf(random, fields);
        d.set(field, switch (field) {
            case EMAIL -> oneOf(random, JUNK_EMAILS);
            case PHONE -> oneOf(random, JUNK_PHONES);
            default -> oneOf(random, JUNK_TEXT);
        });
        return true;
    }

    private static String capitalise(String local) {
        var text = new StringBuilder(local);
        for (int i = 0; i < text.length(); i++) {
            if (i == 0 || !Character.isLetter(text.charAt(i - 1))) {
                text.setCharAt(i, Character.toUpperCase(text.charAt(i)));
            }
        }
        return text.toString();
    }
}
