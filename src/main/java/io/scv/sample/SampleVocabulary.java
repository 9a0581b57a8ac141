package io.scv.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The word lists the sample is made of, read from resource files next to this class: given names with gender,
 * surnames in frequency order, street names and types, cities with their postcode and phone conventions,
 * employers, job titles and the nickname table. Lists are kept in file order and maps are sorted, so nothing
 * depends on hash iteration order.
 */
final class SampleVocabulary {
    /** Share of customers living in each country; the remainder of the world is deliberately small. */
    private static final Map<String, Double> COUNTRY_SHARES = new TreeMap<>(Map.of(
            "GB", 0.90, "IE", 0.035, "AU", 0.03, "US", 0.02, "SG", 0.015));

    private final Map<Gender, WeightedPicker<String>> firstNames = new EnumMap<>(Gender.class);
    private final WeightedPicker<String> surnames;
    private final List<String> streetNames;
    private final WeightedPicker<StreetType> streetTypes;
    private final WeightedPicker<String> countries;
    private final Map<String, WeightedPicker<City>> citiesByCountry = new TreeMap<>();
    private final List<Company> companies;
    private final List<String> jobTitles;
    private final Map<String, List<String>> nicknamesByName;

    private SampleVocabulary() {
        var namesByGender = new EnumMap<Gender, List<String>>(Gender.class);
        for (String[] row : rows("first_names.csv")) {
            Gender gender = row[1].equals("M") ? Gender.MALE : Gender.FEMALE;
            namesByGender.computeIfAbsent(gender, g -> new ArrayList<>()).add(row[0]);
        }
        namesByGender.forEach((gender, names) -> firstNames.put(gender, WeightedPicker.byRank(names, 15, 0.9)));
        surnames = WeightedPicker.byRank(column(rows("surnames.csv"), 0), 10, 1.1);
        streetNames = column(rows("streets.csv"), 0);
        streetTypes = new WeightedPicker<>(rows("street_types.csv").stream()
                .map(r -> new StreetType(r[0], r[1], Double.parseDouble(r[2]))).toList(), StreetType::weight);
        var citiesGrouped = new TreeMap<String, List<City>>();
        for (String[] r : rows("cities.csv")) {
            var city = new City(r[0], r[1], Double.parseDouble(r[2]), Arrays.asList(r[3].split("\\|")), r[4]);
            citiesGrouped.computeIfAbsent(city.country(), c -> new ArrayList<>()).add(city);
        }
        citiesGrouped.forEach((country, cities) -> citiesByCountry.put(country,
                new WeightedPicker<>(cities, City::weight)));
        countries = new WeightedPicker<>(List.copyOf(COUNTRY_SHARES.keySet()), COUNTRY_SHARES::get);
        companies = rows("companies.csv").stream().map(r -> new Company(r[0], r[1])).toList();
        jobTitles = column(rows("job_titles.csv"), 0);
        nicknamesByName = new TreeMap<>();
        for (String[] r : rows("nicknames.csv")) {
            nicknamesByName.computeIfAbsent(r[0], n -> new ArrayList<>()).add(r[1]);
        }
    }

    static SampleVocabulary load() {
        return new SampleVocabulary();
    }

    String firstName(Gender gender, SplittableRandom random) {
        return firstNames.get(gender).pick(random);
    }

    String surname(SplittableRandom random) {
        return surnames.pick(random);
    }

    String streetName(SplittableRandom random) {
        return RandomStreams.oneOf(random, streetNames);
    }

    StreetType streetType(SplittableRandom random) {
        return streetTypes.pick(random);
    }

    String country(SplittableRandom random) {
        return countries.pick(random);
    }

    City city(String country, SplittableRandom random) {
        return citiesByCountry.get(country).pick(random);
    }

    Company company(SplittableRandom random) {
        return RandomStreams.oneOf(random, companies);
    }

    String jobTitle(SplittableRandom random) {
        return RandomStreams.oneOf(random, jobTitles);
    }

    /** A nickname for the given first name in the name's own capitalisation, if the table knows one. */
    Optional<String> nickname(String firstName, SplittableRandom random) {
        var nicknames = nicknamesByName.get(firstName.toLowerCase(Locale.ROOT));
        if (nicknames == null) {
            return Optional.empty();
        }
        String nickname = RandomStreams.oneOf(random, nicknames);
        return Optional.of(Character.toUpperCase(nickname.charAt(0)) + nickname.substring(1));
    }

    boolean hasNickname(String firstName) {
        return nicknamesByName.containsKey(firstName.toLowerCase(Locale.ROOT));
    }

    boolean isNicknameOf(String nickname, String firstName) {
        var nicknames = nicknamesByName.get(firstName.toLowerCase(Locale.ROOT));
        return nicknames != null && nicknames.contains(nickname.toLowerCase(Locale.ROOT));
    }

    private static List<String> column(List<String[]> rows, int index) {
        return rows.stream().map(r -> r[index]).toList();
    }

    /** Data rows of a simple resource CSV (no quoted fields): skips '#' comments and the header line. */
    private static List<String[]> rows(String resource) {
        var stream = SampleVocabulary.class.getResourceAsStream(resource);
        if (stream == null) {
            throw new IllegalStateException("sample resource missing from the classpath: " + resource);
        }
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            var rows = new ArrayList<String[]>();
            boolean headerSeen = false;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (!headerSeen) {
                    headerSeen = true;
                    continue;
                }
                rows.add(line.split(",", -1));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample resource " + resource, e);
        }
    }
}
