package io.scv.standardize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Given-name nickname table (Bob → Robert), loaded once from {@code nicknames.csv} next to this class.
 *
 * <p>The file has the header {@code name,nickname}, one lower-case pair per row; lines starting with '#' and
 * blank lines are ignored. A nickname may belong to several names ("alex" → alexander, alexandra):
 * {@link #canonical(String)} returns the name on the <b>first row</b> listing it, so the file lists the most
 * common full name first and keeps secondary pairs at the end. {@link #areNicknames(String, String)} uses all
 * rows, so "alex" still matches "alexandra". Full names are never nicknames themselves, so there are no chains.
 */
public final class Nicknames {

    private static final String RESOURCE = "nicknames.csv";
    private static final String HEADER = "name,nickname";

    /** nickname → full names in file order; immutable after class initialisation. */
    private static final Map<String, List<String>> FULL_NAMES = load();

    private Nicknames() {
    }

    /** Canonical given name: input is folded first; unknown names map to their folded self. */
    public static String canonical(String name) {
        var folded = TextFold.fold(name);
        if (folded == null) {
            return null;
        }
        var fullNames = FULL_NAMES.get(folded);
        return fullNames == null ? folded : fullNames.get(0);
    }

    /**
     * True when both names are the same, one is a nickname of the other, or both are nicknames of one name
     * ("bob"/"rob"). Null or blank on either side → false (null never equals null).
     */
    public static boolean areNicknames(String a, String b) {
        var foldedA = TextFold.fold(a);
        var foldedB = TextFold.fold(b);
        if (foldedA == null || foldedB == null) {
            return false;
        }
        return !Collections.disjoint(selfAndFullNames(foldedA), selfAndFullNames(foldedB));
    }

    private static Set<String> selfAndFullNames(String folded) {
        var names = new HashSet<String>(FULL_NAMES.getOrDefault(folded, List.of()));
        names.add(folded);
        return names;
    }

    private static Map<String, List<String>> load() {
        var stream = Nicknames.class.getResourceAsStream(RESOURCE);
        if (stream == null) {
            throw new IllegalStateException("Nickname table not found on the classpath: io/scv/standardize/" + RESOURCE);
        }
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            return parse(reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read nickname table " + RESOURCE, e);
        }
    }

    private static Map<String, List<String>> parse(List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw new IllegalStateException(RESOURCE + " must start with header '" + HEADER + "', was: "
                    + (lines.isEmpty() ? "<empty file>" : lines.get(0)));
        }
        var table = new LinkedHashMap<String, Set<String>>();
        for (int i = 1; i < lines.size(); i++) {
            var line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            var cells = line.split(",", -1);
            if (cells.length != 2 || cells[0].isBlank() || cells[1].isBlank()) {
                throw new IllegalStateException(RESOURCE + " line " + (i + 1) + " must be 'name,nickname', was: " + line);
            }
            table.computeIfAbsent(TextFold.fold(cells[1]), k -> new LinkedHashSet<>()).add(TextFold.fold(cells[0]));
        }
        var immutable = new LinkedHashMap<String, List<String>>();
        table.forEach((nickname, names) -> immutable.put(nickname, List.copyOf(names)));
        return Collections.unmodifiableMap(immutable);
    }
}
