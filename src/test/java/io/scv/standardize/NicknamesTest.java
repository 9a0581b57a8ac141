package io.scv.standardize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class NicknamesTest {

    @Test
    void nicknamesMapToTheirFullName() {
        assertEquals("robert", Nicknames.canonical("bob"));
        assertEquals("robert", Nicknames.canonical("Bobby"));
        assertEquals("elizabeth", Nicknames.canonical("liz"));
        assertEquals("william", Nicknames.canonical("bill"));
        assertEquals("margaret", Nicknames.canonical("peggy"));
    }

    @Test
    void unknownAndFullNamesMapToThemselvesFolded() {
        assertEquals("robert", Nicknames.canonical("Robert"));
        assertEquals("zebedee", Nicknames.canonical("Zebedee"));
        assertEquals("jose", Nicknames.canonical("José"));
        assertNull(Nicknames.canonical(null));
        assertNull(Nicknames.canonical(" "));
    }

    @Test
    void sharedNicknameResolvesToTheFirstRowInTheTable() {
        assertEquals("alexander", Nicknames.canonical("alex"));
        assertEquals("christopher", Nicknames.canonical("chris"));
        assertEquals("henry", Nicknames.canonical("harry"));
        assertEquals("albert", Nicknames.canonical("bert"));
    }

    @Test
    void areNicknamesHoldsForSameCanonicalOrEitherDirection() {
        assertTrue(Nicknames.areNicknames("bob", "robert"));
        assertTrue(Nicknames.areNicknames("Robert", "Bob"));
        assertTrue(Nicknames.areNicknames("bob", "rob"));
        assertTrue(Nicknames.areNicknames("alex", "alexandra"));
        assertTrue(Nicknames.areNicknames("sam", "samantha"));
        assertTrue(Nicknames.areNicknames("anne", "anne"));
    }

    @Test
    void areNicknamesIsFalseForDifferentNamesAndMissingValues() {
        assertFalse(Nicknames.areNicknames("robert", "richard"));
        assertFalse(Nicknames.areNicknames("alexander", "alexandra"));
        assertFalse(Nicknames.areNicknames(null, null));
        assertFalse(Nicknames.areNicknames("bob", " "));
    }

    @Test
    void tableIsWellFormedFlatAndLargeEnough() throws IOException {
        var pairs = tableRows();
        assertTrue(pairs.size() >= 150, "expected at least 150 pairs, was: " + pairs.size());
        var fullNames = new HashSet<String>();
        var nicknames = new HashSet<String>();
        for (var row : pairs) {
            var cells = row.split(",");
            assertEquals(2, cells.length, row);
            assertEquals(TextFold.fold(row), row.replace(',', ' '), "row must be folded lower case: " + row);
            fullNames.add(cells[0]);
            nicknames.add(cells[1]);
        }
        fullNames.retainAll(nicknames);
        assertTrue(fullNames.isEmpty(), "full names must not also be nicknames (no chains): " + fullNames);
        assertEquals(pairs.size(), new HashSet<>(pairs).size(), "duplicate rows");
    }

    private static List<String> tableRows() throws IOException {
        try (var in = Nicknames.class.getResourceAsStream("nicknames.csv");
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            var lines = reader.lines().toList();
            assertEquals("name,nickname", lines.get(0));
            return lines.stream().skip(1).filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}
