package io.scv.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** nicknames.csv is shared with the matcher, so its shape is a contract. */
class NicknameTableTest {

    private List<String> lines() throws Exception {
        try (InputStream in = SampleVocabulary.class.getResourceAsStream("nicknames.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void hasHeaderThenOneLowerCasePairPerLineWithoutDuplicates() throws Exception {
        var lines = lines();
        assertEquals("name,nickname", lines.get(0));
        var pairs = new HashSet<String>();
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(line.matches("[a-z]+,[a-z]+"), "not a lower case name,nickname pair: " + line);
            assertTrue(pairs.add(line), "duplicate pair: " + line);
        }
    }

    @Test
    void coversAtLeastSixtyCanonicalNamesIncludingTheClassics() throws Exception {
        var lines = lines();
        var names = new TreeSet<String>();
        lines.subList(1, lines.size()).forEach(l -> names.add(l.split(",")[0]));
        assertTrue(names.size() >= 60, "canonical names: " + names.size());
        for (String pair : List.of("robert,bob", "william,bill", "elizabeth,liz", "margaret,peggy",
                "katherine,kate", "richard,dick", "margaret,maggie")) {
            assertTrue(lines.contains(pair), "missing " + pair);
        }
    }
}
